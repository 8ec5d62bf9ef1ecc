package io.sluice.connectors.kafka;

import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KafkaSinkKillTest}: opens Sluice on a directory, makes sure a native
 * stream, a kafka sink stream and the pipeline between them exist, then inserts rows with increasing
 * ids in small batches forever, printing {@code ACK <last id>} after each insert, until it is killed.
 */
public final class KafkaSinkCrashChild {
    private KafkaSinkCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String bootstrap = args[1];
        long next = Long.parseLong(args[2]);
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(20).build())) {
            s.execute("CREATE STREAM IF NOT EXISTS src (id BIGINT, name VARCHAR) WITH ('partitions' = '2')");
            s.execute("CREATE STREAM IF NOT EXISTS res (id BIGINT, name VARCHAR) WITH ('connector' = 'kafka', "
                    + "'mode' = 'sink', 'bootstrap.servers' = '" + bootstrap + "', 'topic' = 'killed', 'format' = 'json', "
                    + "'partitions' = '2')");
            s.execute("CREATE PIPELINE IF NOT EXISTS p AS INSERT INTO res SELECT id, name FROM src");
            System.out.println("READY");
            System.out.flush();
            while (true) {
                StringBuilder sql = new StringBuilder("INSERT INTO src VALUES ");
                for (int i = 0; i < 20; i++, next++) {
                    sql.append(i == 0 ? "" : ", ").append('(').append(next).append(", 'n").append(next).append("')");
                }
                s.execute(sql.toString());
                System.out.println("ACK " + (next - 1));
                System.out.flush();
            }
        }
    }
}
