package io.sluice.storage.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;

/** Test helpers: records as strings, appended and read back through the storage interfaces. */
final class Records {
    private Records() {
    }

    /** One record read back: its offset and text. */
    record Read(long offset, String text) {
    }

    static long append(PartitionLog log, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return log.append(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    static long appendBatch(PartitionLog log, List<String> texts) {
        RecordBatch batch = new RecordBatch();
        for (String t : texts) {
            byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
            batch.add(new UnsafeBuffer(bytes), 0, bytes.length);
        }
        return log.append(batch);
    }

    /** Polls until a poll returns 0 (the reader is at the acknowledged end). */
    static List<Read> drain(LogReader reader) {
        List<Read> out = new ArrayList<>();
        while (reader.poll((offset, buffer, index, length) ->
                out.add(new Read(offset, buffer.getStringWithoutLengthUtf8(index, length))), 7) > 0) {
            // 7 per poll: exercises polls that end mid-way through what is available
        }
        return out;
    }

    static List<String> texts(List<Read> reads) {
        List<String> out = new ArrayList<>();
        for (Read r : reads) {
            out.add(r.text());
        }
        return out;
    }

    static List<String> numbered(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /**
     * Appends {@code batches} batches of {@code batchSize} records from another thread while a reader
     * polls (at most {@code maxPerPoll} per poll); asserts that whenever the reader has caught up with
     * what was acknowledged it stands between two whole batches, and that it reads them all.
     */
    static void assertReaderSeesWholeBatches(PartitionLog p, int batchSize, int batches, int maxPerPoll)
            throws Exception {
        ExecutorService appender = Executors.newSingleThreadExecutor();
        try (LogReader reader = p.openReader()) {
            Future<?> appends = appender.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    appendBatch(p, numbered("b" + b + "-", 0, batchSize));
                }
                return null;
            });
            long[] read = {0};
            while (read[0] < (long) batches * batchSize) {
                boolean appendsDone = appends.isDone();
                if (reader.poll((o, b, i, l) -> read[0]++, maxPerPoll) == 0) {
                    // Caught up with what was acknowledged: that is always whole batches.
                    assertEquals(0, read[0] % batchSize, "a reader stopped inside a batch at record " + read[0]);
                    assertFalse(appendsDone, "every append returned, yet the reader has only " + read[0] + " records");
                    Thread.onSpinWait();
                }
            }
            appends.get(60, TimeUnit.SECONDS);
            assertEquals((long) batches * batchSize, read[0]);
        } finally {
            appender.shutdownNow();
        }
    }
}
