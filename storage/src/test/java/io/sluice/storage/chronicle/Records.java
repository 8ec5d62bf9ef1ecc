package io.sluice.storage.chronicle;

import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
