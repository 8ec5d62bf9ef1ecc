package io.sluice.bench.latency;

import java.util.Locale;

/**
 * {@code --probe}: finds where end-to-end latency outliers come from by timing the gaps between two
 * consecutive polls of the paced source. One worker runs the source, q2's stage, the push query and
 * the delivery in turn, each cycle; the idle strategy parks at most 1 ms. So a gap much longer than
 * that is a cycle in which the worker thread was stalled somewhere (an append, a read, a page fault,
 * or the OS not running it): the driver prints the longest gaps with their start time (the same
 * {@link System#nanoTime} clock as {@code perf --clockid monotonic}) to line them up with kernel traces.
 *
 * <p>Written by the one source thread only (the reader's poll); read by the driver after the run.
 * Fixed arrays: nothing allocated per poll.
 */
final class StallProbe {
    /** Gaps at least this long are kept. */
    static final long THRESHOLD_NANOS = 2_000_000;
    private static final int CAPACITY = 100_000;
    private static volatile boolean enabled;
    private static final long[] STARTS = new long[CAPACITY];
    private static final long[] GAPS = new long[CAPACITY];
    private static int count;
    private static long lastPoll;
    private static long polls;
    private static long stalledNanos;

    private StallProbe() {
    }

    static void enable() {
        enabled = true;
    }

    static boolean enabled() {
        return enabled;
    }

    /** Called at the start of every source poll, on the worker. */
    static void onPoll(long now) {
        if (!enabled) {
            return;
        }
        long last = lastPoll;
        lastPoll = now;
        polls++;
        if (last == 0) {
            return;
        }
        long gap = now - last;
        if (gap >= THRESHOLD_NANOS) {
            stalledNanos += gap;
            if (count < CAPACITY) {
                STARTS[count] = last;
                GAPS[count] = gap;
                count++;
            }
        }
    }

    /** One line per kept gap from {@code fromNanos} on, then a summary; called by the driver after the run. */
    static void print(long fromNanos, long startNanos) {
        int kept = 0;
        long over10 = 0;
        long max = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (STARTS[i] < fromNanos) {
                continue;
            }
            kept++;
            max = Math.max(max, GAPS[i]);
            if (GAPS[i] >= 10_000_000) {
                over10++;
                sb.append(String.format(Locale.ROOT, "PROBE gap at mono=%.6f s (run +%.3f s): %.2f ms%n", STARTS[i] / 1e9,
                        (STARTS[i] - startNanos) / 1e9, GAPS[i] / 1e6));
            }
        }
        System.out.print(sb);
        System.out.printf(Locale.ROOT, "PROBE polls=%d gaps>=%.0fms=%d gaps>=10ms=%d max_gap_ms=%.2f (recorded window)%n", polls,
                THRESHOLD_NANOS / 1e6, kept, over10, max / 1e6);
    }
}
