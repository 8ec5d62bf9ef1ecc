package io.sluice;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link StatefulPipelineKillTest}: opens Sluice on a directory, makes sure the
 * streams, pipelines with a tumbling and a hopping window aggregate and a pipeline with an interval join exist, then inserts events with increasing ids and
 * event times in small batches forever, printing {@code ACK <last id>} after each acknowledged insert,
 * until it is killed.
 */
public final class StatefulCrashChild {
    /** Event time of id 0; each id is 7 ms later. */
    static final long BASE_MS = 1_767_261_600_000L; // 2026-01-01 10:00:00 UTC
    static final long STEP_MS = 7;
    static final int KEYS = 5;

    private StatefulCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(20).build())) {
            createAll(s);
            System.out.println("READY");
            System.out.flush();
            while (true) {
                StringBuilder sql = new StringBuilder("INSERT INTO events VALUES ");
                for (int i = 0; i < 20; i++, next++) {
                    sql.append(i == 0 ? "" : ", ").append(event(next));
                }
                s.execute(sql.toString());
                System.out.println("ACK " + (next - 1));
                System.out.flush();
            }
        }
    }

    static String event(long id) {
        return "(" + id + ", " + (id % KEYS) + ", TIMESTAMP '" + new java.sql.Timestamp(BASE_MS + id * STEP_MS)
                .toInstant().toString().replace('T', ' ').replace("Z", "") + "')";
    }

    static void createAll(Sluice s) {
        // The watermark lags the newest event by more than one batch (20 ids, 133 ms): the insert in flight
        // at a kill is made again by the next child (its rows are then in the stream twice) and those
        // copies must not be late, or the join (rows at or behind its watermark are dropped) would pair
        // them fewer times than the test counts. With 0.05 s they were late, and pairs went missing.
        // round robin over 3 partitions: the aggregate's keys differ, so the plan repartitions (2 stages)
        s.execute("CREATE STREAM IF NOT EXISTS events (id BIGINT, k BIGINT, ts TIMESTAMP(3), "
                + "WATERMARK FOR ts AS ts - INTERVAL '0.2' SECOND) WITH ('partitions' = '3')");
        s.execute("CREATE STREAM IF NOT EXISTS per_window (window_end TIMESTAMP(3), k BIGINT, n BIGINT, total BIGINT) "
                + "WITH ('partitions' = '2')");
        s.execute("CREATE PIPELINE IF NOT EXISTS windows AS INSERT INTO per_window SELECT window_end, k, COUNT(*), "
                + "SUM(id) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND)) "
                + "GROUP BY window_start, window_end, k");
        // the same counts in hopping windows of 1.5 s every 0.5 s, over a copy of the events partitioned
        // by k: then the window assignment and the aggregate share a task, and the aggregate keeps its
        // groups per 0.5 s slice, merging a window's three slices when it fires. The copy's watermark
        // lags 10 minutes: the copy's partitions are filled from three partitions at their own pace, and
        // no row may be late there (the test counts every row); the final far-future event fires them all.
        s.execute("CREATE STREAM IF NOT EXISTS events_by_k (id BIGINT, k BIGINT, ts TIMESTAMP(3), "
                + "WATERMARK FOR ts AS ts - INTERVAL '600' SECOND) WITH ('partitions' = '2', 'key' = 'k')");
        s.execute("CREATE PIPELINE IF NOT EXISTS rekey AS INSERT INTO events_by_k SELECT id, k, ts FROM events");
        s.execute("CREATE STREAM IF NOT EXISTS per_hop (window_end TIMESTAMP(3), k BIGINT, n BIGINT, total BIGINT) "
                + "WITH ('partitions' = '2')");
        s.execute("CREATE PIPELINE IF NOT EXISTS hops AS INSERT INTO per_hop "
                + "SELECT window_end, k, COUNT(*), SUM(id) FROM TABLE(HOP(TABLE events_by_k, DESCRIPTOR(ts), "
                + "INTERVAL '0.5' SECOND, INTERVAL '1.5' SECOND)) GROUP BY window_start, window_end, k");
        // a self-join of the events within 50 ms before each, on k: two scans of one stream, each side
        // repartitioned by k (3 stages); ids of one k are 35 ms apart, so each event pairs with itself
        // and with the event 5 ids before it
        s.execute("CREATE STREAM IF NOT EXISTS pairs (a_id BIGINT, b_id BIGINT) WITH ('partitions' = '2')");
        s.execute("CREATE PIPELINE IF NOT EXISTS joins AS INSERT INTO pairs SELECT a.id, b.id FROM events a "
                + "JOIN events b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '0.05' SECOND AND a.ts");
    }

    /** The hopping windows' slide and size. */
    static final long HOP_SLIDE_MS = 500;
    static final long HOP_SIZE_MS = 1500;

    /** How far apart in time two events of one key may be to pair in the join pipeline. */
    static final long JOIN_WINDOW_MS = 50;
}
