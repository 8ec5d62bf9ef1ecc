package io.sluice.bench.nexmark;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Nexmark query to completion in an open Sluice and measures it: declares the input
 * streams the query reads, runs its script (result stream and pipeline), and polls {@code SHOW
 * PIPELINES} until the pipeline is FINISHED (every bounded input read, the final watermark through),
 * recording the largest {@code state_bytes} seen. Wall and process CPU time run from just before the
 * first stream is declared (its source starts reading then) to the poll that sees FINISHED, so the
 * wall time is late by at most one poll interval.
 *
 * <p>Used by {@link NexmarkMain} (bench/nexmark.sh) and by the smoke test, which then reads the result
 * stream from the same Sluice. Called on one thread; the Sluice stays open and owned by the caller.
 */
public final class NexmarkRunner {
    private final Sluice sluice;
    private final long pollMillis;
    private final Duration timeout;
    private final long minFreeBytes;

    /**
     * @param pollMillis how often the pipeline's state is asked for (SHOW PIPELINES is cheap: no log reads)
     * @param timeout    a run still not FINISHED after this fails
     */
    public NexmarkRunner(Sluice sluice, long pollMillis, Duration timeout) {
        this(sluice, pollMillis, timeout, 0);
    }

    /**
     * @param minFreeBytes a run fails when the file system of Sluice's data directory has less than this
     *                     free (checked about once a second; 0: never). Some queries' state logs grow by
     *                     gigabytes a minute, and a full disk takes down every process on the machine.
     */
    public NexmarkRunner(Sluice sluice, long pollMillis, Duration timeout, long minFreeBytes) {
        this.sluice = sluice;
        this.pollMillis = pollMillis;
        this.timeout = timeout;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Plans and starts the query once over empty input streams, then drops all of it, so that the
     * timed {@link #run} does not carry the first planning's class loading and cold code (Calcite,
     * Janino). The Flink peer does the same before its timed part (its {@code plan_warmup_s}: the
     * INSERT planned once with explainSql). Call it before {@code run} on the same Sluice; returns
     * the seconds it took.
     */
    public double warmUp(QueryFile query) {
        long t0 = System.nanoTime();
        for (String stream : query.inputs()) {
            sluice.execute(NexmarkStreams.ddl(stream, "")); // no connector: nothing is read
        }
        sluice.executeScript(query.sql());
        sluice.execute("DROP PIPELINE " + query.pipeline());
        sluice.execute((query.resultIsTable() ? "DROP TABLE " : "DROP STREAM ") + query.resultStream());
        for (String stream : query.inputs()) {
            sluice.execute("DROP STREAM " + stream);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Runs the query over the input; returns when its pipeline is FINISHED.
     *
     * @throws IllegalStateException when the pipeline fails, stops, or does not finish in time (the
     *                               pipeline's error is in the message)
     * @throws SluiceException       when the query's SQL does not plan
     */
    public RunResult run(QueryFile query, NexmarkInput input) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (String stream : query.inputs()) {
            sluice.execute(NexmarkStreams.ddl(stream, input.with(stream)));
        }
        sluice.executeScript(query.sql());
        long deadline = t0 + timeout.toNanos();
        long maxState = 0;
        long polls = 0;
        while (true) {
            Status s = status(query.pipeline());
            maxState = Math.max(maxState, s.stateBytes);
            if (s.state.equals("FINISHED")) {
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                return new RunResult(query.name(), input.describe(), input.events(), sluice.config().workers(),
                        sluice.config().sourceThreads(), wall, cpu,
                        peakHeap(), maxState, s.rowsIn, s.rowsOut);
            }
            if (!s.state.equals("RUNNING")) {
                throw new IllegalStateException(query.name() + ": pipeline " + query.pipeline() + " is " + s.state
                        + (s.error == null ? "" : ": " + s.error));
            }
            if (minFreeBytes > 0 && ++polls * pollMillis >= 1000) {
                polls = 0;
                long free = freeBytes();
                if (free < minFreeBytes) {
                    throw new IllegalStateException(query.name() + ": stopped, only " + free / (1 << 20) + " MB left on the disk of "
                            + sluice.config().dataDir() + " (rows_in=" + s.rowsIn + ", state_bytes=" + s.stateBytes + ")");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(query.name() + ": pipeline " + query.pipeline() + " not FINISHED after "
                        + timeout.toSeconds() + " s (rows_in=" + s.rowsIn + ")");
            }
            TimeUnit.MILLISECONDS.sleep(pollMillis);
        }
    }

    private record Status(String state, long stateBytes, long rowsIn, long rowsOut, String error) {
    }

    private Status status(String pipeline) {
        try (Rows rows = sluice.execute("SHOW PIPELINES").rows()) {
            while (rows.hasNext()) {
                Row r = rows.next();
                if (r.getString("pipeline_name").equalsIgnoreCase(pipeline)) {
                    return new Status(r.getString("state"), r.getLong("state_bytes"), r.getLong("rows_in"),
                            r.getLong("rows_out"), r.getString("error"));
                }
            }
        }
        throw new IllegalStateException("pipeline " + pipeline + " is not in SHOW PIPELINES");
    }

    private long freeBytes() {
        try {
            return java.nio.file.Files.getFileStore(sluice.config().dataDir()).getUsableSpace();
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE; // cannot tell: do not stop the run for it
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
