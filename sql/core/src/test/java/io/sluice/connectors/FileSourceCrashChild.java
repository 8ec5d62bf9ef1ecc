package io.sluice.connectors;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link FileSourceKillTest}: opens Sluice on a directory, makes sure the
 * stream reading the input directory exists, then prints {@code ROWS <n> <state>} from SHOW STREAMS
 * every few milliseconds, until it is killed.
 */
public final class FileSourceCrashChild {
    private FileSourceCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path input = Path.of(args[1]);
        try (Sluice s = Sluice.open(SluiceConfig.builder(data).workers(2).checkpointIntervalMillis(20).build())) {
            s.execute("CREATE STREAM IF NOT EXISTS ev (id BIGINT NOT NULL, name VARCHAR) WITH ('connector' = 'file', "
                    + "'path' = '" + input + "', 'format' = 'json', 'partitions' = '2')");
            while (true) {
                try (Rows rows = s.query("SHOW STREAMS")) {
                    Row r;
                    while ((r = rows.poll(1, TimeUnit.SECONDS)) != null) {
                        if (r.getString("stream_name").equals("ev")) {
                            System.out.println("ROWS " + r.getLong("rows") + " " + r.getString("connector_state"));
                            System.out.flush();
                        }
                    }
                }
                Thread.sleep(5);
            }
        }
    }
}
