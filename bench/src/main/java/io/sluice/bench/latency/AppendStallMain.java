package io.sluice.bench.latency;

import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.chronicle.ChronicleLogStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The storage half of the latency benchmark, alone: appends records of one size at a fixed rate to one
 * partition of a store in a fresh directory (under {@code java.io.tmpdir}, or {@code --dir}) and
 * records how long each append took, both in wall time and in the appending thread's CPU time. CPU
 * time is what tells a stall in the append itself (a page fault doing the kernel's read-ahead) from the
 * thread not being scheduled on a busy machine. Run it with and without the store's pretoucher:
 * <pre>
 *   java ... io.sluice.bench.latency.AppendStallMain [--pretouch-mb 32|0] [--rate 100000] [--seconds 10]
 *        [--record-bytes 150] [--dir /tmp]
 * </pre>
 * Prints one {@code APPEND} line: percentiles and max of both, and how many appends took 5 ms or more of CPU.
 */
public final class AppendStallMain {
    private AppendStallMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        long pretouchMb = StorageConfig.DEFAULT_PRETOUCH_AHEAD_BYTES >> 20;
        double rate = 100_000;
        double seconds = 10;
        int recordBytes = 150;
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pretouch-mb" -> pretouchMb = Long.parseLong(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--record-bytes" -> recordBytes = Integer.parseInt(args[++i]);
                case "--dir" -> parent = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: AppendStallMain [--pretouch-mb 32] [--rate 100000] [--seconds 10] "
                            + "[--record-bytes 150] [--dir /tmp]");
                    System.exit(2);
                }
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Histogram wall = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram cpu = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        UnsafeBuffer record = new UnsafeBuffer(new byte[recordBytes]);
        record.setMemory(0, recordBytes, (byte) 'x');
        Path dir = Files.createTempDirectory(parent, "sluice-append-stall-");
        long total = (long) (rate * seconds);
        long warmup = (long) Math.min(rate, total / 5); // first second (JIT) not recorded
        long cpuStalls = 0;
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir).withPretouchAheadBytes(pretouchMb << 20))) {
            PartitionLog p = store.create("stall", 1).partition(0);
            double nanosPerRecord = 1e9 / rate;
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + (long) (i * nanosPerRecord);
                long now;
                while ((now = System.nanoTime()) < due) {
                    if (due - now > 50_000) {
                        LockSupport.parkNanos(due - now - 50_000);
                    }
                }
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                record.putLong(0, i);
                p.append(record, 0, recordBytes);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                if (i >= warmup) {
                    wall.recordValue(Math.min(t1 - t0, wall.getHighestTrackableValue()));
                    cpu.recordValue(Math.min(Math.max(0, c1 - c0), cpu.getHighestTrackableValue()));
                    if (c1 - c0 >= 5_000_000) {
                        cpuStalls++;
                    }
                }
            }
        } finally {
            LatencyMain.deleteTree(dir);
        }
        System.out.println(String.format(Locale.ROOT, "APPEND pretouch_mb=%d rate=%.0f seconds=%.0f record_bytes=%d appends=%d "
                        + "wall_us p50=%.1f p99=%.1f p999=%.1f p9999=%.1f max=%.1f | cpu_us p50=%.1f p99=%.1f p999=%.1f p9999=%.1f "
                        + "max=%.1f | appends_with_cpu_ge_5ms=%d", pretouchMb, rate, seconds, recordBytes, wall.getTotalCount(),
                wall.getValueAtPercentile(50) / 1e3, wall.getValueAtPercentile(99) / 1e3, wall.getValueAtPercentile(99.9) / 1e3,
                wall.getValueAtPercentile(99.99) / 1e3, wall.getMaxValue() / 1e3, cpu.getValueAtPercentile(50) / 1e3,
                cpu.getValueAtPercentile(99) / 1e3, cpu.getValueAtPercentile(99.9) / 1e3, cpu.getValueAtPercentile(99.99) / 1e3,
                cpu.getMaxValue() / 1e3, cpuStalls));
    }
}
