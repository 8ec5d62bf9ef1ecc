package io.sluice;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link RegularJoinKillTest}: opens Sluice on a directory with a short
 * checkpoint interval, makes sure two streams and a pipeline with a regular (unwindowed) join of them,
 * aggregated per join key into a table, exist, then inserts rows with increasing ids into both
 * streams in small batches forever, printing {@code ACK <last id>} once a batch is acknowledged by
 * both streams, until it is killed.
 */
public final class RegularJoinCrashChild {
    /** Join keys: every key gains rows on both sides all through the run, so the join state grows. */
    static final int KEYS = 300;
    /** Rows per insert into each stream. */
    static final int BATCH = 20;
    /** A pair's contribution to its key's total: left id times this plus right id (ids stay below it). */
    static final long PAIR_SCALE = 1_000_000L;

    private RegularJoinCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        // 20 ms: many delta checkpoints chain on each full one between two kills
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(20).build())) {
            createAll(s);
            while (true) {
                StringBuilder left = new StringBuilder("INSERT INTO lefts VALUES ");
                StringBuilder right = new StringBuilder("INSERT INTO rights VALUES ");
                for (int i = 0; i < BATCH; i++, next++) {
                    left.append(i == 0 ? "" : ", ").append(row(next));
                    right.append(i == 0 ? "" : ", ").append(row(next));
                }
                s.execute(left.toString());
                s.execute(right.toString());
                System.out.println("ACK " + (next - 1));
                System.out.flush();
            }
        }
    }

    /** The row of one id: its id and its join key. */
    static String row(long id) {
        return "(" + id + ", " + key(id) + ")";
    }

    static long key(long id) {
        return id % KEYS;
    }

    static void createAll(Sluice s) {
        // round robin over 2 and 3 partitions: both sides are repartitioned by k for the join
        s.execute("CREATE STREAM IF NOT EXISTS lefts (id BIGINT, k BIGINT) WITH ('partitions' = '2')");
        s.execute("CREATE STREAM IF NOT EXISTS rights (id BIGINT, k BIGINT) WITH ('partitions' = '3')");
        s.execute("CREATE TABLE IF NOT EXISTS per_key (k BIGINT, n BIGINT, total BIGINT, PRIMARY KEY (k)) "
                + "WITH ('partitions' = '2')");
        // a regular join (no time bound): it keeps every row of both sides, and its changelog is
        // aggregated per key into the table
        s.execute("CREATE PIPELINE IF NOT EXISTS pair_counts AS INSERT INTO per_key SELECT l.k, COUNT(*), "
                + "SUM(l.id * " + PAIR_SCALE + " + r.id) FROM lefts l JOIN rights r ON l.k = r.k GROUP BY l.k");
    }
}
