package io.sluice.bench;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * State, checkpoints and recovery of a stateful Nexmark query: the bids of N generated events (the
 * {@code nexmark} source, bounded) through q5's per-auction HOP count (10 s windows every 2 s), into a
 * stream. Reports the run's wall time, the largest state the pipeline held, the size and duration of
 * its checkpoints (sampled from DESCRIBE PIPELINE), and then, for a second run killed with SIGKILL half
 * way in a child JVM, how long the restarted pipeline took to resume and to finish.
 *
 * <p>Not a test: {@code bench/stateful-bench.sh [events (1000000)] [checkpoint interval ms (1000)]}.
 */
public final class StatefulBench {
    private StatefulBench() {
    }

    static void createAll(Sluice s, long events) {
        s.execute("CREATE STREAM IF NOT EXISTS bid (auction BIGINT, bidder BIGINT, price BIGINT, `dateTime` TIMESTAMP(3), "
                + "WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND) "
                + "WITH ('connector' = 'nexmark', 'kind' = 'bid', 'events' = '" + events + "', 'partitions' = '2')");
        s.execute("CREATE STREAM IF NOT EXISTS hot (auction BIGINT, num BIGINT, window_end TIMESTAMP(3))");
        s.execute("CREATE PIPELINE IF NOT EXISTS q5 AS INSERT INTO hot SELECT auction, COUNT(*), window_end "
                + "FROM TABLE(HOP(TABLE bid, DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) "
                + "GROUP BY auction, window_start, window_end");
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
            return;
        }
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long interval = args.length > 1 ? Long.parseLong(args[1]) : 1000L;
        Path root = Files.createTempDirectory("sluice-stateful-bench");

        // 1. an uninterrupted run
        long start = System.nanoTime();
        List<Long> stateBytes = new ArrayList<>();
        List<Long> snapshotBytes = new ArrayList<>();
        List<Double> checkpointMs = new ArrayList<>();
        long rowsIn;
        try (Sluice s = Sluice.open(config(root.resolve("run"), interval))) {
            createAll(s, events);
            String state;
            double lastCp = -1;
            do {
                Thread.sleep(100);
                List<String> d = describe(s);
                state = d.get(0);
                stateBytes.add(Long.parseLong(d.get(1)));
                double cp = Double.parseDouble(d.get(3));
                if (cp != lastCp && cp > 0) {
                    checkpointMs.add(cp);
                    snapshotBytes.add(Long.parseLong(d.get(2)));
                    lastCp = cp;
                }
            } while (!state.equals("FINISHED") && !state.equals("FAILED"));
            rowsIn = rowsIn(s);
            if (state.equals("FAILED")) {
                throw new IllegalStateException("pipeline failed");
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "run: %,d events (%,d bids) in %.2f s, %,.0f events/s%n", events, rowsIn, wall,
                events / wall);
        System.out.printf(Locale.ROOT, "state: max %,d bytes held (operators' estimate)%n",
                Collections.max(stateBytes));
        System.out.printf(Locale.ROOT, "checkpoints seen: %d; snapshot median %,d bytes, max %,d; duration median %.2f ms,"
                        + " max %.2f ms (interval %d ms)%n", checkpointMs.size(), median(snapshotBytes),
                Collections.max(snapshotBytes), medianD(checkpointMs), Collections.max(checkpointMs), interval);

        // 2. the same, killed half way in a child JVM, then restarted here
        Path dir = root.resolve("killed");
        Process child = startChild(dir, events, interval);
        long half = rowsIn / 2;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("IN ") && Long.parseLong(line.substring(3)) >= half) {
                    break;
                }
            }
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long t0 = System.nanoTime();
        try (Sluice s = Sluice.open(config(dir, interval))) {
            long opened = System.nanoTime();
            long atRestart = rowsIn(s);
            while (rowsIn(s) <= atRestart) {
                Thread.sleep(5);
            }
            long resumed = System.nanoTime();
            while (!describe(s).get(0).equals("FINISHED")) {
                Thread.sleep(20);
            }
            long finished = System.nanoTime();
            System.out.printf(Locale.ROOT, "recovery after kill -9 at %,d of %,d bids: open %.0f ms, first progress after"
                            + " %.0f ms (checkpoint restored, replay under way), finished after %.2f s%n", atRestart, rowsIn,
                    (opened - t0) / 1e6, (resumed - t0) / 1e6, (finished - t0) / 1e9);
        }
    }

    private static SluiceConfig config(Path dir, long interval) {
        return SluiceConfig.builder(dir).workers(1).checkpointIntervalMillis(interval).build();
    }

    /** state, state_bytes, last_snapshot_bytes, last_checkpoint_ms */
    private static List<String> describe(Sluice s) {
        String[] want = {"state", "state_bytes", "last_snapshot_bytes", "last_checkpoint_ms"};
        String[] got = new String[want.length];
        try (Rows rows = s.execute("DESCRIBE PIPELINE q5").rows()) {
            while (rows.hasNext()) {
                Row r = rows.next();
                for (int i = 0; i < want.length; i++) {
                    if (r.getString(0).equals(want[i])) {
                        got[i] = r.getString(1);
                    }
                }
            }
        }
        return List.of(got);
    }

    private static long rowsIn(Sluice s) {
        try (Rows rows = s.execute("SHOW PIPELINES").rows()) {
            while (rows.hasNext()) {
                Row r = rows.next();
                if (r.getString("pipeline_name").equals("q5")) {
                    return r.getLong("rows_in");
                }
            }
        }
        return 0;
    }

    private static void child(Path dir, long events, long interval) throws Exception {
        try (Sluice s = Sluice.open(config(dir, interval))) {
            createAll(s, events);
            while (true) {
                Thread.sleep(20);
                System.out.println("IN " + rowsIn(s));
                System.out.flush();
            }
        }
    }

    private static Process startChild(Path dir, long events, long interval) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String opt : System.getProperty("sluice.jvm.options", "").split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StatefulBench.class.getName());
        cmd.add("child");
        cmd.add(dir.toString());
        cmd.add(Long.toString(events));
        cmd.add(Long.toString(interval));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static double medianD(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
