package io.sluice.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.storage.row.RowKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs Nexmark queries in Sluice over a generated data set and compares each result with the
 * independent oracle ({@link NexmarkOracle}) as multisets (a table result as its final state).
 *
 * <p>Which queries: {@code -Dnexmark.queries=q0,q5} (or {@code all}); by default the ones that run
 * today ({@link NexmarkQuery#runsToday}). How the data gets in: {@code -Dnexmark.loader=insert}
 * (default, batched INSERT ... VALUES) or {@code file} (bounded file sources, every window flushed).
 * Also {@code -Dnexmark.events} (default 5000) and {@code -Dnexmark.timeout.seconds} (default 30).
 *
 * <p>One engine and one data set serve every query of a run; each query gets its own result stream
 * and pipeline, and the pipeline is dropped after its comparison.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NexmarkOracleTest {
    /** After the result equals the oracle's, how long no further row may arrive. */
    private static final long QUIET_MILLIS = 500;
    /** While it differs, how long without a row means the result has settled (and is wrong). */
    private static final long SETTLED_MILLIS = 5_000;

    @TempDir
    static Path dir;

    private Sluice sluice;
    private NexmarkData data;
    private FinalWatermarks watermarks;

    @BeforeAll
    void load() {
        data = NexmarkData.generate(NexmarkConfig.defaults().withEvents(Integer.getInteger("nexmark.events", 5_000)));
        NexmarkLoader loader = NexmarkLoader.named(System.getProperty("nexmark.loader", "insert"));
        sluice = Sluice.open(SluiceConfig.builder(dir.resolve("data")).workers(2).checkpointIntervalMillis(200).build());
        long t0 = System.nanoTime();
        loader.load(sluice, data, dir);
        watermarks = loader.finalWatermarks(data);
        System.out.printf("nexmark: loaded %s with %s in %d ms%n", data, loader.getClass().getSimpleName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @AfterAll
    void close() {
        if (sluice != null) {
            sluice.close();
        }
    }

    Stream<NexmarkQuery> queries() {
        return NexmarkQuery.selected(System.getProperty("nexmark.queries")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void resultEqualsTheOracle(NexmarkQuery query) throws InterruptedException {
        ResultBag expected = query.expected(data, watermarks);
        assertFalse(expected.isEmpty(), query.id() + ": the oracle expects no rows from " + data
                + "; a comparison with an empty result proves nothing");
        long t0 = System.nanoTime();
        sluice.executeScript(query.sql());
        System.out.printf("nexmark: %s started in %d ms%n", query.id(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        try {
            ResultBag actual = collect(query, expected);
            assertEquals("", actual.diff(expected, 20), query.id() + " in Sluice differs from the oracle over " + data);
            assertTrue(actual.anomalies().isEmpty(), query.id() + ": inconsistent changelog: " + actual.anomalies());
        } finally {
            sluice.execute("DROP PIPELINE " + query.pipeline());
        }
    }

    /**
     * Reads the result stream from its start, applying each row's change kind, until it equals the
     * expected result and then stays quiet for {@link #QUIET_MILLIS} (so extra rows show up), or it
     * differs and no row came for {@link #SETTLED_MILLIS}, or the query ends, or the timeout
     * passes; returns what was read.
     */
    private ResultBag collect(NexmarkQuery query, ResultBag expected) throws InterruptedException {
        ResultBag actual = new ResultBag(query.resultKey());
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(Long.getLong("nexmark.timeout.seconds", 30));
        long lastRow = start;
        // A keyed result is a table: its changelog, with each change's kind, comes from EMIT CHANGES (whose
        // first column, op, repeats the kind); a plain SELECT of it would be a pull query of the moment.
        boolean table = query.resultKey().length > 0;
        try (Rows rows = sluice.query("SELECT * FROM " + query.resultStream() + (table ? " EMIT CHANGES" : ""))) {
            while (System.nanoTime() < deadline) {
                boolean complete = actual.equals(expected);
                Row row = rows.poll(complete ? QUIET_MILLIS : 100, TimeUnit.MILLISECONDS);
                if (row != null) {
                    apply(actual, row, table ? 1 : 0);
                    lastRow = System.nanoTime();
                } else if (complete || rows.isDone()
                        || System.nanoTime() - lastRow > TimeUnit.MILLISECONDS.toNanos(SETTLED_MILLIS)) {
                    break;
                }
            }
        }
        System.out.printf("nexmark: %s read %d rows (expected %d) in %d ms%n", query.id(), actual.size(), expected.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return actual;
    }

    private static void apply(ResultBag bag, Row row, int skip) {
        RowKind kind = row.kind();
        java.util.List<Object> values = row.values().subList(skip, row.size());
        if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
            bag.insert(values);
        } else {
            bag.retract(values);
        }
    }
}
