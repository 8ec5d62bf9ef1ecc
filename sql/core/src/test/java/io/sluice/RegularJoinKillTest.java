package io.sluice;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline with a regular (unwindowed) join of two streams, aggregated per join key into a table,
 * killed with SIGKILL at random moments while rows keep arriving on both sides and restarted each
 * time, ends with exactly the table of a run that never crashed: per key, the number of pairs and
 * the sum over them, computed here independently from the rows in the two streams. The join's state
 * grows all through the run and the child checkpoints every 20 ms, so kills land between incremental
 * checkpoints (deltas) chained on a full one, and each restart restores such a chain.
 *
 * <p>The default suite kills it 4 times; {@code -Dsluice.kill.rounds=N} (the {@code kill-long} Maven
 * profile sets 25) runs longer.
 */
class RegularJoinKillTest {
    /** How long the table may take to catch up with the inputs after the last restart. */
    private static final long CATCH_UP_MS = 180_000;

    @TempDir
    Path dir;

    @Test
    void regularJoinIntoTableIsExactlyOnceAcrossKills() throws Exception {
        Random random = new Random(11);
        long lastAcked = ChildJvm.killRounds(first -> ChildJvm.startUnchecked(RegularJoinCrashChild.class,
                dir.toString(), Long.toString(first)), random, 15);

        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).build())) {
            RegularJoinCrashChild.createAll(s);
            Map<Long, Long> lefts = readIds(s, "lefts", lastAcked);
            Map<Long, Long> rights = readIds(s, "rights", lastAcked);

            // per key: the pairs (l, r) of rows with that key, once per copy of l times each copy of r
            // (a row the killed child inserted after its last ACK is inserted again by the next one)
            Map<Long, long[]> expected = new TreeMap<>();
            Map<Long, List<long[]>> rightsByKey = new HashMap<>();
            rights.forEach((id, copies) -> rightsByKey.computeIfAbsent(RegularJoinCrashChild.key(id),
                    x -> new ArrayList<>()).add(new long[] {id, copies}));
            lefts.forEach((l, lc) -> {
                for (long[] r : rightsByKey.getOrDefault(RegularJoinCrashChild.key(l), List.of())) {
                    long[] agg = expected.computeIfAbsent(RegularJoinCrashChild.key(l), x -> new long[2]);
                    agg[0] += lc * r[1];
                    agg[1] += lc * r[1] * (l * RegularJoinCrashChild.PAIR_SCALE + r[0]);
                }
            });

            // The pipeline catches up in the background after the restart: poll the table until it
            // equals the expectation. Past the deadline, tell a table that was still changing (slow,
            // e.g. under load) from one that had settled on a wrong state (rows lost or doubled).
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MS);
            Map<Long, long[]> got = table(s);
            long lastChange = System.nanoTime();
            while (!render(expected).equals(render(got)) && System.nanoTime() < deadline) {
                Thread.sleep(200); // polling a pull query: nothing to wait on between two reads
                Map<Long, long[]> now = table(s);
                if (!render(now).equals(render(got))) {
                    lastChange = System.nanoTime();
                }
                got = now;
            }
            if (!render(expected).equals(render(got))) {
                long quietMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastChange);
                fail((quietMs < 10_000 ? "TIMEOUT: the table was still changing " + quietMs
                        + " ms before the deadline of " + CATCH_UP_MS + " ms (slow, not necessarily wrong)"
                        : "WRONG: the table has not changed for " + quietMs + " ms and differs from the inputs")
                        + "; " + lefts.size() + " left and " + rights.size() + " right ids, " + lastAcked
                        + " acknowledged; " + diff(expected, got));
            }
        }
    }

    /** Every id in a stream with how many times it is there; all of 1..lastAcked must be. */
    private static Map<Long, Long> readIds(Sluice s, String stream, long lastAcked) throws InterruptedException {
        Map<Long, Long> ids = new HashMap<>();
        long missing = lastAcked;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Rows rows = s.query("SELECT id FROM " + stream)) {
            // every acknowledged id first, then the rows a child appended after its last ACK: they are
            // in the log already, so a quiet second means there are no more
            while (missing > 0 && System.nanoTime() < deadline) {
                Row r = rows.poll(1, TimeUnit.SECONDS);
                if (r != null && ids.merge(r.getLong(0), 1L, Long::sum) == 1 && r.getLong(0) <= lastAcked) {
                    missing--;
                }
            }
            Row r;
            while ((r = rows.poll(1500, TimeUnit.MILLISECONDS)) != null) {
                ids.merge(r.getLong(0), 1L, Long::sum);
            }
        }
        for (long id = 1; id <= lastAcked; id++) {
            assertTrue(ids.containsKey(id), "acknowledged " + stream + " row " + id + " was lost");
        }
        return ids;
    }

    private static Map<Long, long[]> table(Sluice s) {
        Map<Long, long[]> out = new TreeMap<>();
        try (Rows rows = s.query("SELECT k, n, total FROM per_key")) {
            while (rows.hasNext()) {
                Row r = rows.next();
                out.put(r.getLong("k"), new long[] {r.getLong("n"), r.getLong("total")});
            }
        }
        return out;
    }

    private static String diff(Map<Long, long[]> expected, Map<Long, long[]> got) {
        TreeSet<Long> keys = new TreeSet<>(expected.keySet());
        keys.addAll(got.keySet());
        StringBuilder b = new StringBuilder("keys differing (key: expected pairs,sum got pairs,sum): ");
        int shown = 0;
        int differing = 0;
        for (long k : keys) {
            long[] e = expected.getOrDefault(k, new long[2]);
            long[] g = got.getOrDefault(k, new long[2]);
            if (e[0] != g[0] || e[1] != g[1]) {
                differing++;
                if (shown++ < 20) {
                    b.append(k).append(": ").append(e[0]).append(',').append(e[1]).append(' ').append(g[0])
                            .append(',').append(g[1]).append("; ");
                }
            }
        }
        return b.append(differing).append(" of ").append(keys.size()).append(" keys differ").toString();
    }

    private static String render(Map<Long, long[]> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v[0]).append(',').append(v[1]).append('\n'));
        return b.toString();
    }
}
