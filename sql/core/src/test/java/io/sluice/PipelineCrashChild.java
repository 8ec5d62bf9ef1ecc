package io.sluice;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link PipelineKillTest}: opens Sluice on a directory, makes sure the streams
 * and the pipeline exist, then inserts rows with increasing ids in small batches forever, printing
 * {@code ACK <last id>} after each insert is acknowledged, until it is killed.
 */
public final class PipelineCrashChild {
    private PipelineCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long next = Long.parseLong(args[1]);
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(20).build())) {
            s.execute("CREATE STREAM IF NOT EXISTS src (id BIGINT, tag VARCHAR) WITH ('partitions' = '3', 'key' = 'id')");
            s.execute("CREATE STREAM IF NOT EXISTS dst (id BIGINT, doubled BIGINT, tag VARCHAR) WITH ('partitions' = '3')");
            s.execute("CREATE PIPELINE IF NOT EXISTS p AS INSERT INTO dst SELECT id, id * 2, UPPER(tag) FROM src WHERE MOD(id, 3) <> 0");
            System.out.println("READY");
            System.out.flush();
            while (true) {
                StringBuilder sql = new StringBuilder("INSERT INTO src VALUES ");
                for (int i = 0; i < 20; i++, next++) {
                    sql.append(i == 0 ? "" : ", ").append('(').append(next).append(", 't").append(next).append("')");
                }
                s.execute(sql.toString());
                System.out.println("ACK " + (next - 1));
                System.out.flush();
            }
        }
    }
}
