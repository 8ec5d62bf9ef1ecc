package io.sluice.storage.chronicle;

import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.StorageConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Child JVM of {@link DurabilityAfterKillTest}: appends numbered records in batches to every
 * partition of log {@code crash}, continuing the numbering it finds, and after each acknowledged
 * append prints {@code ACK <partition> <offset> <count>} (count = records now in the partition) and
 * flushes. Runs until killed; stops by itself after a bound so a lost parent leaves no runaway.
 */
public final class CrashingAppenderMain {
    static final String LOG = "crash";
    static final int PARTITIONS = 2;
    private static final int BATCH = 50;
    /**
     * Every third batch is this large: several Chronicle documents (see {@link RecordDocument}), so a
     * kill can fall between two documents of one batch and leave a prefix of it.
     */
    private static final int LARGE_BATCH = 2 * RecordDocument.MAX_RECORDS + 40;
    private static final long MAX_RECORDS = 2_000_000;

    private CrashingAppenderMain() {
    }

    /** The exact text of record {@code i} of partition {@code p}: numbered and with a checkable body. */
    static String record(int p, long i) {
        StringBuilder sb = new StringBuilder(96).append(p).append(':').append(i).append(':');
        long x = i * 0x9E3779B97F4A7C15L + p;
        while (sb.length() < 90) {
            x ^= x >>> 29;
            x *= 0xBF58476D1CE4E5B9L;
            sb.append(Long.toHexString(x));
        }
        return sb.substring(0, 90);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            PartitionedLog log = store.open(LOG).orElseGet(() -> store.create(LOG, PARTITIONS));
            long[] next = new long[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                next[p] = log.partition(p).recordCount();
            }
            RecordBatch batch = new RecordBatch();
            long started = System.nanoTime();
            long appended = 0;
            for (long round = 0; appended < MAX_RECORDS && System.nanoTime() - started < 60_000_000_000L; round++) {
                int p = (int) (round % PARTITIONS);
                int size = round % 3 == 2 ? LARGE_BATCH : BATCH;
                PartitionLog partition = log.partition(p);
                batch.clear();
                for (int k = 0; k < size; k++) {
                    byte[] bytes = record(p, next[p] + k).getBytes(StandardCharsets.US_ASCII);
                    batch.add(new UnsafeBuffer(bytes), 0, bytes.length);
                }
                long offset = partition.append(batch);
                next[p] += size;
                appended += size;
                out.println("ACK " + p + " " + offset + " " + next[p]);
                out.flush();
            }
        }
    }
}
