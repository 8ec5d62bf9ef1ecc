package io.sluice.bench.nexmark;

import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bench/nexmark.sh}: runs one Nexmark query ({@code bench/nexmark/<query>.sql}) to completion in
 * a fresh embedded Sluice and prints one {@code RESULT ...} line (see {@link RunResult#line}), then a
 * sentence for people. Usage:
 *
 * <pre>
 * NexmarkMain &lt;query&gt; --input file:/path/events.jsonl | generator [--events N] [--workers 1]
 *             [--source-threads 0 (threads that run only the sources, beside the workers)]
 *             [--queries-dir bench/nexmark] [--data-dir DIR (kept)] [--poll-ms 50] [--timeout-s 3600]
 *             [--min-free-gb 10 (the run stops when the data directory's disk has less free)]
 * </pre>
 *
 * Exit status 0 when the pipeline finished, 1 when it failed or timed out, 2 for bad arguments.
 */
public final class NexmarkMain {
    private NexmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        String query = null;
        String inputSpec = null;
        long events = -1;
        int workers = 1;
        int sourceThreads = 0;
        Path queriesDir = Path.of(System.getProperty("sluice.bench.nexmark.dir", "bench/nexmark"));
        Path dataDir = null;
        long pollMillis = 50;
        long timeoutSeconds = 3600;
        long minFreeGb = 10;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--input" -> inputSpec = args[++i];
                    case "--events" -> events = parseCount(args[++i]);
                    case "--workers" -> workers = Integer.parseInt(args[++i]);
                    case "--source-threads" -> sourceThreads = Integer.parseInt(args[++i]);
                    case "--queries-dir" -> queriesDir = Path.of(args[++i]);
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    case "--poll-ms" -> pollMillis = Long.parseLong(args[++i]);
                    case "--timeout-s" -> timeoutSeconds = Long.parseLong(args[++i]);
                    case "--min-free-gb" -> minFreeGb = Long.parseLong(args[++i]);
                    case "-h", "--help" -> {
                        usage(null);
                        return;
                    }
                    default -> {
                        if (a.startsWith("--") || query != null) {
                            throw new IllegalArgumentException("unknown argument " + a);
                        }
                        query = a;
                    }
                }
            }
            if (query == null || inputSpec == null) {
                throw new IllegalArgumentException("need a query and --input");
            }
        } catch (RuntimeException e) {
            usage(e.getMessage());
            System.exit(2);
            return;
        }
        NexmarkInput input = NexmarkInput.parse(inputSpec, events, 0);
        QueryFile file = QueryFile.read(queriesDir, query);
        boolean keep = dataDir != null;
        Path dir = keep ? dataDir : Files.createTempDirectory("sluice-nexmark-" + query + "-");
        RunResult result = null;
        double warmUpSeconds = 0;
        String failure = null;
        // no System.exit inside: the data directory (gigabytes after a big run) must be deleted on failure too
        try (Sluice sluice = Sluice.open(SluiceConfig.builder(dir).workers(workers)
                .sourceThreads(sourceThreads).build())) {
            NexmarkRunner runner = new NexmarkRunner(sluice, pollMillis, Duration.ofSeconds(timeoutSeconds), minFreeGb << 30);
            warmUpSeconds = runner.warmUp(file);
            result = runner.run(file, input);
        } catch (IllegalStateException e) {
            failure = e.getMessage();
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
        if (result == null) {
            System.out.println("FAILED query=" + query + " " + failure);
            System.exit(1);
            return;
        }
        System.out.println(result.line() + String.format(Locale.ROOT, " plan_warmup_s=%.1f", warmUpSeconds));
        System.out.printf(Locale.ROOT, "%s: %,d events in %.2f s wall = %,.0f events/s (%.1f CPU-s, peak heap %.0f MB, "
                        + "state up to %,d bytes, %,d result rows)%n", query, result.events(), result.wallSeconds(),
                result.eventsPerSecond(), result.cpuSeconds(), result.peakHeapBytes() / 1048576.0, result.maxStateBytes(),
                result.rowsOut());
    }

    /** {@code 10m}, {@code 500k}, {@code 1g} or a plain number. */
    static long parseCount(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long mult = 1;
        if (t.endsWith("k")) {
            mult = 1_000;
        } else if (t.endsWith("m")) {
            mult = 1_000_000;
        } else if (t.endsWith("g")) {
            mult = 1_000_000_000;
        }
        return Long.parseLong(mult == 1 ? t : t.substring(0, t.length() - 1)) * mult;
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println("nexmark: " + error);
        }
        System.err.println("usage: bench/nexmark.sh <query, e.g. q5> --input file:/path/events.jsonl|generator "
                + "[--events N (10m, 500k)] [--workers 1] [--source-threads 0] [--queries-dir bench/nexmark] [--data-dir DIR (kept)] "
                + "[--poll-ms 50] [--timeout-s 3600] [--min-free-gb 10] [--jfr [file.jfr]]");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
