package io.sluice.bench.latency;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.Subscription;
import io.sluice.bench.nexmark.NexmarkStreams;
import io.sluice.bench.nexmark.QueryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/nexmark-latency.sh}: end-to-end latency of Nexmark q2 or q7 in an embedded Sluice at a
 * fixed event rate. The events come from the paced source {@link PacedBidsConnectorFactory} (bids
 * only); the query is the unchanged {@code bench/nexmark/q2.sql} or {@code q7.sql}; a consumer reads the
 * result stream, by a callback subscription (default) or a push query polled on its own thread.
 *
 * <p><b>What is measured.</b> Every event has a due time, {@code start + i / rate}. A result is
 * <i>visible</i> when the consumer gets its row (the callback runs, or {@code Rows.next} returns).
 * <ul>
 *   <li>q2 (stateless): for each result row, visible time minus the due time of the bid it came from
 *       (its price is its event number).</li>
 *   <li>q7 (windowed): a window's result cannot exist before the watermark passes the window's end, and
 *       the watermark only moves with event time: so the latency of a window is measured from the due
 *       time of the event that <i>closes</i> it, the first bid whose watermark ({@code date_time - 4 s})
 *       reaches the window's end (Sluice fires a window [s, e) when the watermark is at least
 *       {@code e - 1 ms}), to the first result row of that window being visible. One sample per window.
 *       Event time runs {@code --time-scale} times faster than the wall clock, so that windows close
 *       often (default 100: a 10 s window every 100 ms of wall time).</li>
 * </ul>
 * The first {@code --warmup-s} seconds of events are not recorded (JIT). Percentiles come from an
 * HdrHistogram (3 significant digits). The line also says how many samples were expected and seen: a
 * result that never came is not a latency, it is a loss, and is reported as such.
 */
public final class LatencyMain {
    private static final long WINDOW_MS = 10_000;
    private static final long WATERMARK_DELAY_MS = 4_000;

    private LatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        String query = "q2";
        double rate = 100_000;
        double seconds = 20;
        double warmup = 5;
        double timeScale = -1;
        long matchEvery = 10;
        int workers = 1;
        String consumer = "subscribe";
        Path queriesDir = Path.of(System.getProperty("sluice.bench.nexmark.dir", "bench/nexmark"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup-s" -> warmup = Double.parseDouble(args[++i]);
                case "--time-scale" -> timeScale = Double.parseDouble(args[++i]);
                case "--match-every" -> matchEvery = Long.parseLong(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--consumer" -> consumer = args[++i];
                case "--probe" -> StallProbe.enable();
                case "--queries-dir" -> queriesDir = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) {
                        System.err.println("usage: bench/nexmark-latency.sh [q2|q7] [--rate 100000] [--seconds 20] "
                                + "[--warmup-s 5] [--time-scale 1 (q2) | 100 (q7)] [--match-every 10] [--workers 1] "
                                + "[--consumer subscribe|poll] [--probe] [--jfr [file.jfr]]");
                        System.exit(2);
                    }
                    query = args[i];
                }
            }
        }
        if (!query.equals("q2") && !query.equals("q7")) {
            System.err.println("latency mode runs q2 or q7, not " + query);
            System.exit(2);
        }
        if (timeScale <= 0) {
            timeScale = query.equals("q7") ? 100 : 1;
        }
        double eventRate = rate / timeScale;
        long total = (long) (rate * (warmup + seconds));
        long firstRecorded = (long) (rate * warmup);
        QueryFile file = QueryFile.read(queriesDir, query);
        Path dir = Files.createTempDirectory("sluice-latency-");
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Recorder recorder = query.equals("q2")
                ? new Q2Recorder(histogram, rate, firstRecorded)
                : new Q7Recorder(histogram, rate, eventRate, firstRecorded, total);
        long expected = recorder.expected(total, matchEvery);
        PacedBidsConnectorFactory.reset();
        try (Sluice sluice = Sluice.open(SluiceConfig.builder(dir).workers(workers).build())) {
            sluice.execute(NexmarkStreams.ddl("bid", String.format(Locale.ROOT, " WITH ('connector' = 'bench-paced-bids', "
                    + "'rate' = '%.3f', 'events' = '%d', 'event-rate' = '%.6f', 'match-every' = '%d')", rate, total, eventRate,
                    matchEvery)));
            sluice.executeScript(file.sql());
            String select = "SELECT * FROM " + file.resultStream();
            Thread poller = null;
            Subscription subscription = null;
            Rows rows = null;
            if (consumer.equals("subscribe")) {
                subscription = sluice.subscribe(select, recorder);
            } else {
                Rows r = sluice.query(select);
                rows = r;
                poller = new Thread(() -> {
                    while (r.hasNext()) {
                        recorder.accept(r.next());
                    }
                }, "latency-consumer");
                poller.setDaemon(true);
                poller.start();
            }
            // planning is done and the consumer is in place: the first event is due shortly
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            recorder.start(start);
            PacedBidsConnectorFactory.release(start);
            long lastDue = start + (long) (total * 1e9 / rate);
            long deadline = lastDue + TimeUnit.SECONDS.toNanos(30);
            // wait for the pipeline to finish (the source is bounded), then for the last rows to reach the consumer
            while (System.nanoTime() < deadline && !finished(sluice, file.pipeline())) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < settle && recorder.samples() < expected) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            long producedBy = System.nanoTime();
            if (subscription != null) {
                subscription.close();
            } else {
                rows.close();
                poller.join(1000);
            }
            System.out.println(String.format(Locale.ROOT, "LATENCY query=%s rate=%.0f seconds=%.0f warmup_s=%.0f workers=%d "
                            + "consumer=%s samples=%d expected=%d p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f "
                            + "mean_us=%.1f %s", query, rate, seconds, warmup, workers, consumer, recorder.samples(), expected,
                    histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                    histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                    histogram.getMaxValue() / 1e3, histogram.getMean() / 1e3, recorder.note()));
            System.out.printf(Locale.ROOT, "%s at %,.0f events/s for %.0f s (after %.0f s warm-up): p50 %.3f ms, p99 %.3f ms, "
                            + "p99.9 %.3f ms, max %.3f ms over %d samples%s (run took %.1f s past the last due event)%n", query, rate,
                    seconds, warmup, histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                    histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6, recorder.samples(),
                    recorder.samples() < expected ? " (MISSING " + (expected - recorder.samples()) + " expected results)" : "",
                    (producedBy - lastDue) / 1e9);
            if (StallProbe.enabled()) {
                StallProbe.print(start + (long) (firstRecorded * 1e9 / rate), start);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static boolean finished(Sluice sluice, String pipeline) {
        try (Rows rows = sluice.execute("SHOW PIPELINES").rows()) {
            while (rows.hasNext()) {
                Row r = rows.next();
                if (r.getString("pipeline_name").equalsIgnoreCase(pipeline)) {
                    String state = r.getString("state");
                    if (!state.equals("RUNNING") && !state.equals("FINISHED")) {
                        throw new IllegalStateException("pipeline " + pipeline + " is " + state + ": " + r.getString("error"));
                    }
                    return state.equals("FINISHED");
                }
            }
        }
        return false;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Takes result rows on the consumer's thread and records latencies; one consumer thread at a time. */
    abstract static class Recorder implements Consumer<Row> {
        final Histogram histogram;
        final double nanosPerEvent;
        final long firstRecorded;
        volatile long start = Long.MAX_VALUE;
        volatile long samples;

        Recorder(Histogram histogram, double rate, long firstRecorded) {
            this.histogram = histogram;
            this.nanosPerEvent = 1e9 / rate;
            this.firstRecorded = firstRecorded;
        }

        void start(long startNanos) {
            start = startNanos;
        }

        long due(long event) {
            return start + (long) (event * nanosPerEvent);
        }

        void record(long nanos) {
            histogram.recordValue(Math.max(0, Math.min(nanos, histogram.getHighestTrackableValue())));
            samples++;
        }

        long samples() {
            return samples;
        }

        abstract long expected(long total, long matchEvery);

        String note() {
            return "";
        }
    }

    /** q2: (auction, price); price is the event number. */
    static final class Q2Recorder extends Recorder {
        Q2Recorder(Histogram histogram, double rate, long firstRecorded) {
            super(histogram, rate, firstRecorded);
        }

        @Override
        public void accept(Row row) {
            long now = System.nanoTime();
            long event = row.getLong(1);
            if (event >= firstRecorded) {
                record(now - due(event));
            }
        }

        @Override
        long expected(long total, long matchEvery) {
            // events i >= firstRecorded with i % matchEvery == 0
            return (total + matchEvery - 1) / matchEvery - (firstRecorded + matchEvery - 1) / matchEvery;
        }
    }

    /** q7: (auction, bidder, price, date_time, extra); one sample per window, at its first row. */
    static final class Q7Recorder extends Recorder {
        private final double eventRate;
        private final long total;
        private long lastWindowEnd = Long.MIN_VALUE;
        private long early;

        Q7Recorder(Histogram histogram, double rate, double eventRate, long firstRecorded, long total) {
            super(histogram, rate, firstRecorded);
            this.eventRate = eventRate;
            this.total = total;
        }

        /** The first event whose watermark (date_time - 4 s) is at least end - 1 ms: the one that closes the window. */
        long closingEvent(long windowEnd) {
            long target = windowEnd - 1 + WATERMARK_DELAY_MS;
            long i = (long) Math.ceil((target - PacedBidsConnectorFactory.BASE_TIME_MS) * eventRate / 1000.0);
            while (i > 0 && PacedBidsConnectorFactory.eventTime(i - 1, eventRate) >= target) {
                i--;
            }
            while (PacedBidsConnectorFactory.eventTime(i, eventRate) < target) {
                i++;
            }
            return i;
        }

        @Override
        public void accept(Row row) {
            long now = System.nanoTime();
            // the window's highest price is its last bid (prices increase), so the bid lies strictly inside it
            long t = row.getTimestamp(3).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            long end = Math.floorDiv(t, WINDOW_MS) * WINDOW_MS + WINDOW_MS;
            if (end <= lastWindowEnd) {
                return; // a further row of a window already seen
            }
            lastWindowEnd = end;
            long closing = closingEvent(end);
            long firstInWindow = (long) Math.ceil((end - WINDOW_MS - PacedBidsConnectorFactory.BASE_TIME_MS) * eventRate / 1000.0);
            if (closing >= total) {
                return; // closed by the end of the input, not by an event
            }
            if (firstInWindow < firstRecorded) {
                return;
            }
            long latency = now - due(closing);
            if (latency < 0) {
                early++;
            }
            record(latency);
        }

        @Override
        long expected(long total, long matchEvery) {
            long first = Math.floorDiv(PacedBidsConnectorFactory.eventTime(firstRecorded, eventRate) + WINDOW_MS - 1, WINDOW_MS);
            long count = 0;
            for (long w = first; ; w++) {
                if (closingEvent((w + 1) * WINDOW_MS) >= total) {
                    break;
                }
                count++;
            }
            return count;
        }

        @Override
        String note() {
            return "windows_closed_early=" + early;
        }
    }
}
