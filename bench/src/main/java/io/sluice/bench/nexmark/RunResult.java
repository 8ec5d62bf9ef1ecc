package io.sluice.bench.nexmark;

import java.util.Locale;

/**
 * What one Nexmark run measured.
 *
 * @param query         the query file's name, e.g. {@code q5}
 * @param input         where the events came from ({@link NexmarkInput#describe})
 * @param events        events of all kinds in the input (what events/s divides by)
 * @param workers       Sluice engine worker threads
 * @param sourceThreads Sluice source threads beside the workers ({@code SluiceConfig.sourceThreads}; 0: the
 *                      sources run on the workers)
 * @param wallNanos     from the first CREATE STREAM (sources start) to the pipeline seen FINISHED
 * @param cpuNanos      CPU time of the whole process (every thread: workers, JIT, GC) over the same interval
 * @param peakHeapBytes the sum over the heap memory pools of each pool's peak usage during the run (an
 *                      upper bound of the peak of the total; what the JVM records without sampling)
 * @param maxStateBytes the largest {@code state_bytes} of the pipeline seen while polling
 * @param rowsIn        rows the pipeline read ({@code rows_in})
 * @param rowsOut       rows it wrote to its result ({@code rows_out})
 */
public record RunResult(String query, String input, long events, int workers, int sourceThreads, long wallNanos, long cpuNanos,
                        long peakHeapBytes, long maxStateBytes, long rowsIn, long rowsOut) {

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    public double eventsPerSecond() {
        return events / wallSeconds();
    }

    /**
     * The one result line: {@code RESULT key=value ...}, shaped like the Flink peer's so that one
     * parser reads both ({@code events_per_s}, {@code wall_s}, {@code cpu_s}).
     */
    public String line() {
        return String.format(Locale.ROOT, "RESULT query=%s events=%d workers=%d source_threads=%d wall_s=%.3f events_per_s=%.0f cpu_s=%.2f "
                        + "events_per_cpu_s=%.0f peak_heap_mb=%.1f state_bytes_max=%d rows_in=%d rows_out=%d input=%s",
                query, events, workers, sourceThreads, wallSeconds(), eventsPerSecond(), cpuSeconds(), events / Math.max(1e-9, cpuSeconds()),
                peakHeapBytes / (1024.0 * 1024.0), maxStateBytes, rowsIn, rowsOut, input);
    }
}
