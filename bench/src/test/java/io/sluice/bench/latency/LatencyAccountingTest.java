package io.sluice.bench.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.bench.nexmark.NexmarkStreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency mode's bookkeeping: which event closes a q7 window, how many results q2 must deliver,
 * and the paced source itself (nothing before the gate opens, then every event once, in order, with
 * the columns the recorders read).
 */
class LatencyAccountingTest {
    @TempDir
    Path dir;

    @Test
    void theClosingEventIsTheFirstWhoseWatermarkReachesTheWindowEndMinusOne() {
        for (double eventRate : new double[] {1000, 10_000, 333}) {
            LatencyMain.Q7Recorder r = new LatencyMain.Q7Recorder(new Histogram(3), 100_000, eventRate, 0, Long.MAX_VALUE);
            for (long w = 1; w < 20; w++) {
                long end = PacedBidsConnectorFactory.BASE_TIME_MS + w * 10_000;
                long i = r.closingEvent(end);
                // Sluice fires [s, e) once the watermark (max date_time - 4 s) is at least e - 1
                assertTrue(PacedBidsConnectorFactory.eventTime(i, eventRate) - 4_000 >= end - 1, "event " + i + " closes");
                assertTrue(PacedBidsConnectorFactory.eventTime(i - 1, eventRate) - 4_000 < end - 1, "event " + (i - 1) + " does not");
            }
        }
    }

    @Test
    void q2ExpectsEveryMatchingEventAfterTheWarmUp() {
        for (long matchEvery : new long[] {1, 7, 10}) {
            for (long first : new long[] {0, 5, 100}) {
                LatencyMain.Q2Recorder r = new LatencyMain.Q2Recorder(new Histogram(3), 1000, first);
                long total = 1234;
                long brute = 0;
                for (long i = first; i < total; i++) {
                    if (i % matchEvery == 0) {
                        brute++;
                    }
                }
                assertEquals(brute, r.expected(total, matchEvery), "matchEvery " + matchEvery + " first " + first);
            }
        }
    }

    @Test
    void thePacedSourceWaitsForTheGateThenHandsOverEveryEventOnce() throws Exception {
        PacedBidsConnectorFactory.reset();
        try (Sluice sluice = Sluice.open(SluiceConfig.builder(dir).workers(1).build())) {
            sluice.execute(NexmarkStreams.ddl("bid", " WITH ('connector' = 'bench-paced-bids', 'rate' = '100000', "
                    + "'events' = '500', 'event-rate' = '1000', 'match-every' = '10')"));
            try (Rows rows = sluice.query("SELECT auction, price, date_time FROM bid")) {
                assertEquals(null, rows.poll(300, TimeUnit.MILLISECONDS), "no event before the gate opens");
                PacedBidsConnectorFactory.release(System.nanoTime());
                List<Row> got = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    Row r = rows.poll(10, TimeUnit.SECONDS);
                    assertTrue(r != null, "event " + i + " arrived");
                    got.add(r);
                }
                for (int i = 0; i < 500; i++) {
                    Row r = got.get(i);
                    assertEquals(i, r.getLong(1), "price is the event number");
                    assertEquals(i % 10 == 0, r.getLong(0) % 123 == 0, "every 10th event matches q2");
                    assertEquals(PacedBidsConnectorFactory.eventTime(i, 1000),
                            r.getTimestamp(2).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
                }
            }
        } finally {
            PacedBidsConnectorFactory.reset();
        }
    }
}
