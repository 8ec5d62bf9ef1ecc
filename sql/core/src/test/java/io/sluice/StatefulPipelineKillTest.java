package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines with keyed window state (tumbling, and hopping, whose aggregate keeps slices), repartitioned
 * through an internal stream, and a pipeline with an interval join (both sides repartitioned), killed
 * with SIGKILL at random moments while events keep arriving and restarted each time, end with exactly
 * the output of a run that never crashed: one row per window and key, with the count and sum of every
 * event in it, and one row per pair of events the join condition holds for, computed here independently
 * from the events that were acknowledged.
 *
 * <p>The default suite kills it 4 times; {@code -Dsluice.kill.rounds=N} (the {@code kill-long} Maven
 * profile sets 25) runs longer.
 */
class StatefulPipelineKillTest {
    /** How long the join's output may take to catch up with the events after the last restart. */
    private static final long PAIRS_DEADLINE_S = 180;

    @TempDir
    Path dir;

    @Test
    void windowedAggregateAndJoinAreExactlyOnceAcrossKills() throws Exception {
        Random random = new Random(7);
        long lastAcked = ChildJvm.killRounds(first -> ChildJvm.startUnchecked(StatefulCrashChild.class, dir.toString(),
                Long.toString(first)), random, 30);

        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).build())) {
            StatefulCrashChild.createAll(s);
            Map<Long, Long> events = new HashMap<>(); // id -> times present
            try (Rows rows = s.query("SELECT id FROM events")) {
                // every acknowledged id first (a loaded machine may pause the query for a while), then the
                // rows a child appended after its last ACK: in the log already, so a quiet 1.5 s ends them
                long missing = lastAcked;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (missing > 0 && System.nanoTime() < deadline) {
                    Row r = rows.poll(1, TimeUnit.SECONDS);
                    if (r != null && events.merge(r.getLong(0), 1L, Long::sum) == 1 && r.getLong(0) <= lastAcked) {
                        missing--;
                    }
                }
                Row r;
                while ((r = rows.poll(1500, TimeUnit.MILLISECONDS)) != null) {
                    events.merge(r.getLong(0), 1L, Long::sum);
                }
            }
            // A child may have inserted rows after the last ACK this test read before the kill; the next
            // child inserts them again. Such a row is then in the input twice, and counts twice below.
            for (long id = 1; id <= lastAcked; id++) {
                assertTrue(events.getOrDefault(id, 0L) >= 1, "acknowledged event " + id + " was lost");
            }
            long maxId = events.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            // far-future events complete every window: one per partition of events (round robin) and one
            // per k, so that every partition of the copy keyed by k (the hopping windows' input) has one
            long flush = maxId + 1_000_000;
            StringBuilder flushRows = new StringBuilder("INSERT INTO events VALUES ");
            for (int i = 0; i < StatefulCrashChild.KEYS; i++) {
                flushRows.append(i == 0 ? "" : ", ").append(StatefulCrashChild.event(flush + i));
            }
            s.execute(flushRows.toString());

            Map<String, long[]> expected = new TreeMap<>();
            Map<String, long[]> expectedHops = new TreeMap<>();
            events.forEach((id, copies) -> {
                long ts = StatefulCrashChild.BASE_MS + id * StatefulCrashChild.STEP_MS;
                long end = ts - Math.floorMod(ts, 1000) + 1000;
                add(expected, end + "/" + id % StatefulCrashChild.KEYS, id, copies);
                // every hopping window [end - size, end) holding ts: the first ends at the next slide boundary
                long first = ts - Math.floorMod(ts, StatefulCrashChild.HOP_SLIDE_MS) + StatefulCrashChild.HOP_SLIDE_MS;
                for (long e = first; e - StatefulCrashChild.HOP_SIZE_MS <= ts; e += StatefulCrashChild.HOP_SLIDE_MS) {
                    add(expectedHops, e + "/" + id % StatefulCrashChild.KEYS, id, copies);
                }
            });
            assertEquals(render(expected), render(windowRows(s, "per_window", expected.size())));
            assertEquals(render(expectedHops), render(windowRows(s, "per_hop", expectedHops.size())));

            // the join: every pair (a, b) of events with one k and b.ts in [a.ts - 50 ms, a.ts], once for
            // each copy of a times each copy of b (an event inserted twice, see above, pairs twice)
            Map<String, Long> expectedPairs = new TreeMap<>();
            long expectedCount = 0;
            for (Map.Entry<Long, Long> a : events.entrySet()) {
                for (Map.Entry<Long, Long> b : events.entrySet()) {
                    long gap = (a.getKey() - b.getKey()) * StatefulCrashChild.STEP_MS;
                    if (a.getKey() % StatefulCrashChild.KEYS == b.getKey() % StatefulCrashChild.KEYS && gap >= 0
                            && gap <= StatefulCrashChild.JOIN_WINDOW_MS) {
                        expectedPairs.put(a.getKey() + "/" + b.getKey(), a.getValue() * b.getValue());
                        expectedCount += a.getValue() * b.getValue();
                    }
                }
            }
            // The pipeline catches up in the background after the restart: take rows until the expected
            // count, with a generous deadline for a loaded machine. A failure says whether rows were still
            // arriving at the deadline (slow) or had stopped (lost), and which pairs differ.
            Map<String, Long> gotPairs = new TreeMap<>();
            long gotCount = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PAIRS_DEADLINE_S);
            long lastRowAt = System.nanoTime();
            try (Rows rows = s.query("SELECT a_id, b_id FROM pairs WHERE a_id < " + flush)) {
                while (gotCount < expectedCount && System.nanoTime() < deadline) {
                    Row r = rows.poll(1, TimeUnit.SECONDS);
                    if (r != null) {
                        gotPairs.merge(r.getLong("a_id") + "/" + r.getLong("b_id"), 1L, Long::sum);
                        gotCount++;
                        lastRowAt = System.nanoTime();
                    }
                }
                if (gotCount == expectedCount) {
                    assertNull(rows.poll(500, TimeUnit.MILLISECONDS), "pairs holds more rows than pairs of events");
                }
            }
            if (!expectedPairs.equals(gotPairs)) {
                long quietMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRowAt);
                fail("pairs has " + gotCount + " rows, expected " + expectedCount + ": "
                        + (gotCount < expectedCount && quietMs < 10_000
                                ? "TIMEOUT, rows were still arriving " + quietMs + " ms before the deadline of "
                                        + PAIRS_DEADLINE_S + " s"
                                : "WRONG, no row for the last " + quietMs + " ms")
                        + "; late rows dropped by the join: " + lateRows(s, "joins") + "; "
                        + pairDiff(expectedPairs, gotPairs, events));
            }
        }
    }

    private static void add(Map<String, long[]> windows, String key, long id, long copies) {
        long[] agg = windows.computeIfAbsent(key, x -> new long[2]);
        agg[0] += copies;
        agg[1] += id * copies;
    }

    /** A window stream's rows by window end and key: exactly {@code expected} of them, none twice. */
    private static Map<String, long[]> windowRows(Sluice s, String stream, int expected) throws InterruptedException {
        Map<String, long[]> got = new TreeMap<>();
        try (Rows rows = s.query("SELECT window_end, k, n, total FROM " + stream)) {
            for (int i = 0; i < expected; i++) {
                Row r = rows.poll(60, TimeUnit.SECONDS);
                assertTrue(r != null, stream + " has " + i + " rows, expected " + expected);
                String key = r.getTimestamp("window_end").toInstant(java.time.ZoneOffset.UTC).toEpochMilli() + "/" + r.getLong("k");
                long[] prev = got.put(key, new long[] {r.getLong("n"), r.getLong("total")});
                assertNull(prev, stream + ": window and key " + key + " emitted twice");
            }
            assertNull(rows.poll(500, TimeUnit.MILLISECONDS), stream + " holds more rows than windows");
        }
        return got;
    }

    /** The late rows a pipeline dropped in this run, from SHOW PIPELINES (as text: the column is a NUMBER). */
    private static String lateRows(Sluice s, String pipeline) {
        try (Rows show = s.execute("SHOW PIPELINES").rows()) {
            while (show.hasNext()) {
                Row p = show.next();
                if (pipeline.equals(p.getString("pipeline_name"))) {
                    return String.valueOf(p.get("late_rows"));
                }
            }
        }
        return "?";
    }

    /** Pairs whose counts differ, each with the copies of its two events in the input (a copy > 1: inserted again after a kill). */
    private static String pairDiff(Map<String, Long> expected, Map<String, Long> got, Map<Long, Long> events) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(got.keySet());
        StringBuilder b = new StringBuilder("pairs a/b expected got (copies of a, b): ");
        int differing = 0;
        int withCopies = 0;
        for (String k : keys) {
            long e = expected.getOrDefault(k, 0L);
            long g = got.getOrDefault(k, 0L);
            if (e != g) {
                String[] ids = k.split("/");
                long ca = events.getOrDefault(Long.parseLong(ids[0]), 0L);
                long cb = events.getOrDefault(Long.parseLong(ids[1]), 0L);
                withCopies += ca > 1 || cb > 1 ? 1 : 0;
                if (differing++ < 30) {
                    b.append(k).append(' ').append(e).append(' ').append(g).append(" (").append(ca).append(", ")
                            .append(cb).append("); ");
                }
            }
        }
        return b.append(differing).append(" pairs differ, ").append(withCopies)
                .append(" of them with an event inserted more than once").toString();
    }

    private static String render(Map<String, long[]> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v[0]).append(',').append(v[1]).append('\n'));
        return b.toString();
    }
}
