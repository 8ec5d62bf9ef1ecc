package io.sluice.bench;

import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.chronicle.ChronicleLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Appends and reads per second through Sluice's {@link LogStore} (batches of {@value #BATCH} records,
 * reads with {@link LogReader#poll}) beside raw Chronicle Queue (one {@code writingDocument} /
 * {@code readingDocument} per record) on the same records, in the same process, for 1 and 4
 * partitions. Rounds alternate which side goes first; the first round of each is a warm-up and is
 * not counted; the table shows medians and the ratio Sluice / raw. One thread appends and reads.
 *
 * <p>Not a test: run it with {@code bench/storage-bench.sh [records-per-round] [rounds] [dir]}.
 */
public final class StorageBench {
    private static final int RECORD_SIZE = 100;
    private static final int BATCH = 100;
    private static final int READ_CHUNK = 1000;

    private final long records;
    private final Path root;
    private final byte[] record = new byte[RECORD_SIZE];
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(record);
    private long checksum;

    private StorageBench(long records, Path root) {
        this.records = records;
        this.root = root;
        for (int i = 0; i < RECORD_SIZE; i++) {
            record[i] = (byte) ('a' + i % 26);
        }
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("chronicle.analytics.disable", "true"); // before any Chronicle class loads
        long records = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir")),
                "sluice-storage-bench");
        try {
            new StorageBench(records, root).run(rounds);
        } finally {
            deleteTree(root);
        }
    }

    private void run(int rounds) {
        System.out.printf(Locale.ROOT, "StorageBench: %,d records of %d bytes per round, batches of %d, %d measured rounds"
                + " (+1 warm-up), %s, %d cores%n", records, RECORD_SIZE, BATCH, rounds,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<String[]> table = new ArrayList<>();
        for (int partitions : new int[] {1, 4}) {
            double[][] sluice = new double[2][rounds];
            double[][] raw = new double[2][rounds];
            for (int r = -1; r < rounds; r++) {
                boolean sluiceFirst = (r & 1) == 0;
                double[] a = sluiceFirst ? sluiceRound(partitions) : rawRound(partitions);
                double[] b = sluiceFirst ? rawRound(partitions) : sluiceRound(partitions);
                if (r >= 0) {
                    double[] s = sluiceFirst ? a : b;
                    double[] w = sluiceFirst ? b : a;
                    for (int k = 0; k < 2; k++) {
                        sluice[k][r] = s[k];
                        raw[k][r] = w[k];
                    }
                }
            }
            for (int k = 0; k < 2; k++) {
                double s = median(sluice[k]);
                double w = median(raw[k]);
                table.add(new String[] {Integer.toString(partitions), k == 0 ? "append" : "read",
                        String.format(Locale.ROOT, "%,.0f", s), String.format(Locale.ROOT, "%,.0f", w),
                        String.format(Locale.ROOT, "%.2f", s / w)});
            }
        }
        System.out.println();
        System.out.printf("%-10s  %-6s  %16s  %16s  %10s%n", "partitions", "op", "sluice rec/s", "raw CQ rec/s", "sluice/raw");
        for (String[] row : table) {
            System.out.printf("%-10s  %-6s  %16s  %16s  %10s%n", (Object[]) row);
        }
        System.out.println("(checksum " + checksum + ")");
    }

    /** One round through Sluice's LogStore: {appends/s, reads/s}. */
    private double[] sluiceRound(int partitions) {
        Path dir = root.resolve("sluice-" + System.nanoTime());
        double appendRate;
        double readRate;
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            PartitionedLog log = store.create("bench", partitions);
            RecordBatch batch = new RecordBatch();
            long start = System.nanoTime();
            long seq = 0;
            for (int b = 0; seq < records; b++) {
                batch.clear();
                for (int i = 0; i < BATCH && seq < records; i++, seq++) {
                    recordBuffer.putLong(0, seq);
                    batch.add(recordBuffer, 0, RECORD_SIZE);
                }
                log.partition(b % partitions).append(batch);
            }
            appendRate = rate(records, start);

            long[] sum = {0};
            RecordHandler handler = (offset, buffer, index, length) -> sum[0] += buffer.getLong(index) + length;
            start = System.nanoTime();
            long read = 0;
            for (int p = 0; p < partitions; p++) {
                try (LogReader reader = log.partition(p).openReader()) {
                    for (int n = reader.poll(handler, READ_CHUNK); n > 0; n = reader.poll(handler, READ_CHUNK)) {
                        read += n;
                    }
                }
            }
            readRate = rate(read, start);
            check(read, sum[0]);
        }
        deleteTree(dir);
        return new double[] {appendRate, readRate};
    }

    /** One round on raw Chronicle Queue with the same records and the same queue settings. */
    private double[] rawRound(int partitions) {
        Path dir = root.resolve("raw-" + System.nanoTime());
        SingleChronicleQueue[] queues = new SingleChronicleQueue[partitions];
        ExcerptAppender[] appenders = new ExcerptAppender[partitions];
        for (int p = 0; p < partitions; p++) {
            queues[p] = SingleChronicleQueueBuilder.binary(dir.resolve(Integer.toString(p))).rollCycle(RollCycles.FAST_DAILY).build();
            appenders[p] = queues[p].createAppender();
        }
        try {
            long start = System.nanoTime();
            long seq = 0;
            for (int b = 0; seq < records; b++) {
                ExcerptAppender appender = appenders[b % partitions];
                for (int i = 0; i < BATCH && seq < records; i++, seq++) {
                    recordBuffer.putLong(0, seq);
                    try (DocumentContext dc = appender.writingDocument()) {
                        dc.wire().bytes().write(record, 0, RECORD_SIZE);
                    }
                }
            }
            double appendRate = rate(records, start);

            long sum = 0;
            long read = 0;
            start = System.nanoTime();
            for (int p = 0; p < partitions; p++) {
                try (ExcerptTailer tailer = queues[p].createTailer()) {
                    while (true) {
                        try (DocumentContext dc = tailer.readingDocument()) {
                            if (!dc.isPresent()) {
                                break;
                            }
                            Bytes<?> bytes = dc.wire().bytes();
                            sum += bytes.readLong(bytes.readPosition()) + bytes.readRemaining();
                            read++;
                        }
                    }
                }
            }
            double readRate = rate(read, start);
            check(read, sum);
            return new double[] {appendRate, readRate};
        } finally {
            for (int p = 0; p < partitions; p++) {
                appenders[p].close();
                queues[p].close();
            }
            deleteTree(dir);
        }
    }

    /** Both sides must have read every record: sum of sequence numbers plus lengths. */
    private void check(long read, long sum) {
        long expected = records * (records - 1) / 2 + records * RECORD_SIZE;
        if (read != records || sum != expected) {
            throw new IllegalStateException("read " + read + " records with checksum " + sum + ", expected " + records
                    + " and " + expected);
        }
        checksum += sum;
    }

    private static double rate(long n, long startNanos) {
        return n * 1e9 / (System.nanoTime() - startNanos);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + dir, e);
        }
    }
}
