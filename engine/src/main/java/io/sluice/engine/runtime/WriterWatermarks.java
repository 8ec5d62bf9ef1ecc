package io.sluice.engine.runtime;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import java.util.Arrays;
import org.agrona.collections.Int2IntHashMap;

/**
 * The event time of a stage's input when it reads an internal stream: every upstream task (writer)
 * reports its watermark, idleness and end in control records, and the input's watermark is the
 * minimum over the writers that are neither idle nor ended. A writer that writes again is active
 * again. When every writer has ended, the watermark is final ({@code Long.MAX_VALUE}).
 */
final class WriterWatermarks {
    private final Int2IntHashMap slots = new Int2IntHashMap(-1);
    private final long[] watermarks;
    private final boolean[] idle;
    private final boolean[] ended;
    private int endedCount;

    WriterWatermarks(int[] writers) {
        for (int i = 0; i < writers.length; i++) {
            slots.put(writers[i], i);
        }
        watermarks = new long[writers.length];
        Arrays.fill(watermarks, Long.MIN_VALUE);
        idle = new boolean[writers.length];
        ended = new boolean[writers.length];
    }

    void watermark(int writer, long wm) {
        int s = slots.get(writer);
        if (s >= 0) {
            idle[s] = false;
            if (wm > watermarks[s]) {
                watermarks[s] = wm;
            }
        }
    }

    void active(int writer) {
        int s = slots.get(writer);
        if (s >= 0) {
            idle[s] = false;
        }
    }

    void idle(int writer) {
        int s = slots.get(writer);
        if (s >= 0) {
            idle[s] = true;
        }
    }

    void end(int writer) {
        int s = slots.get(writer);
        if (s >= 0 && !ended[s]) {
            ended[s] = true;
            endedCount++;
        }
    }

    boolean allEnded() {
        return endedCount == watermarks.length;
    }

    /**
     * The combined watermark: the minimum over the active writers; when every writer that has not
     * ended is idle, the highest of their watermarks (as Flink's watermark valve does: nobody is
     * producing, so nothing older can come, and holding back would keep windows open forever).
     */
    long combined() {
        if (allEnded()) {
            return Long.MAX_VALUE;
        }
        long min = Long.MAX_VALUE;
        long maxIdle = Long.MIN_VALUE;
        boolean any = false;
        for (int i = 0; i < watermarks.length; i++) {
            if (ended[i]) {
                continue;
            }
            if (idle[i]) {
                maxIdle = Math.max(maxIdle, watermarks[i]);
            } else {
                min = Math.min(min, watermarks[i]);
                any = true;
            }
        }
        return any ? min : maxIdle;
    }

    void snapshot(StateWriter w) {
        w.putInt(watermarks.length);
        for (int i = 0; i < watermarks.length; i++) {
            w.putLong(watermarks[i]).putBoolean(idle[i]).putBoolean(ended[i]);
        }
    }

    void restore(StateReader r) {
        int n = r.getInt();
        if (n != watermarks.length) {
            throw new IllegalStateException("checkpoint has " + n + " upstream writers, the plan " + watermarks.length);
        }
        endedCount = 0;
        for (int i = 0; i < n; i++) {
            watermarks[i] = r.getLong();
            idle[i] = r.getBoolean();
            ended[i] = r.getBoolean();
            if (ended[i]) {
                endedCount++;
            }
        }
    }
}
