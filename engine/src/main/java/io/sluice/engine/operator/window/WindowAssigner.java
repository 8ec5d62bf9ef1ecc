package io.sluice.engine.operator.window;

import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.WindowNode;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;

/**
 * TUMBLE, HOP and CUMULATE: copies each row once per window it falls in, adding window_start and
 * window_end; SESSION: copies each row once with its own window [time, time + gap), which the
 * session aggregate merges. Holds no rows, so it may run before an exchange; when its windows feed an aggregate it
 * keeps the watermark to leave out windows already emitted (see {@link WindowNode}). A HOP assigner
 * may instead hand each row once to an aggregate that keeps its windows by slices ({@link #sliceInto}).
 */
public final class WindowAssigner extends Operator {
    private final WindowNode.Kind kind;
    private final int time;
    private final long size;
    private final long step;
    private final long offset;
    private final int columns;
    private final boolean dropLate;
    private final RowWriter writer;
    private final RowReader reader;
    private long watermark = Long.MIN_VALUE;
    private boolean lateSeen;
    /** Where each HOP row goes once, when the aggregate above evaluates its windows by slices (see {@link Slices}). */
    private Slices slices;

    /**
     * An aggregate directly above a HOP assigner that keeps its groups per slice (a stretch of
     * {@code gcd(size, step)}) and merges a window's slices when it fires: it takes each row once
     * instead of one copy per window. Called on the task's thread.
     */
    public interface Slices {
        /**
         * A row (of the assigner's input schema) that falls in at least one window the watermark has
         * not closed; its windows already closed are not to get it (they have fired).
         */
        void onSlicedRow(RowReader row, long time);
    }

    /**
     * Sends every row once to {@code target} instead of once per window, from now on. Only for
     * {@code HOP} windows that feed an aggregate ({@code dropLate}) and overlap or touch (a step no
     * longer than the size: no row falls between windows); called while the task is wired,
     * before any row. Lateness stays decided and counted here, as without slices.
     *
     * @return false (and nothing changes) when this assigner's windows are not of that kind
     */
    public boolean sliceInto(Slices target) {
        if (kind != WindowNode.Kind.HOP || !dropLate || step > size) {
            return false;
        }
        this.slices = target;
        return true;
    }

    public WindowAssigner(WindowNode node) {
        this.kind = node.kind();
        this.time = node.timeIndex();
        this.size = node.sizeMs();
        this.step = node.stepMs();
        this.offset = node.offsetMs();
        this.columns = node.input().schema().size();
        this.dropLate = node.dropLate();
        RowSchema schema = node.schema();
        this.writer = new RowWriter(schema);
        this.reader = new RowReader(schema);
    }

    @Override
    public void onRow(int input, RowReader row) {
        if (row.isNull(time)) {
            return;
        }
        long ts = row.getLong(time);
        lateSeen = false;
        switch (kind) {
            case TUMBLE -> {
                long start = floor(ts, size);
                emit(row, start, start + size);
            }
            case HOP -> {
                if (slices != null) {
                    sliced(row, ts);
                    return;
                }
                // every window [s, s + size) with s = offset + k * step and s <= ts < s + size, oldest first
                long last = floor(ts, step);
                long first = last - ((size - 1) / step) * step;
                for (long s = first; s <= last; s += step) {
                    if (ts < s + size) {
                        emit(row, s, s + size);
                    }
                }
            }
            case CUMULATE -> {
                long start = floor(ts, size);
                for (long end = floor(ts, step) + step; end <= start + size; end += step) {
                    emit(row, start, end);
                }
            }
            // the row's own window; the session aggregate above merges overlapping ones and decides lateness
            case SESSION -> emit(row, ts, ts + size);
            default -> throw new IllegalStateException("unknown window kind " + kind);
        }
        if (lateSeen) {
            late(row);
        }
    }

    /**
     * One HOP row for an aggregate that slices: it is late for the windows the watermark has closed
     * (counted once, as below), and goes on unless every one of its windows is closed.
     */
    private void sliced(RowReader row, long ts) {
        long newest = floor(ts, step);
        long oldest = newest - ((size - 1) / step) * step;
        if (ts >= oldest + size) {
            oldest += step; // the same first window the per-window loop above skips to
        }
        if (newest + size - 1 > watermark) {
            slices.onSlicedRow(row, ts);
        }
        if (oldest + size - 1 <= watermark) {
            late(row);
        }
    }

    @Override
    public void onWatermark(long wm) {
        watermark = Math.max(watermark, wm);
    }

    @Override
    public void snapshot(StateWriter state) {
        state.putLong(watermark).putLong(lateRows());
    }

    @Override
    public void restore(StateReader state) {
        watermark = state.getLong();
        restoreLateRows(state.getLong());
    }

    /** The start of the aligned period of {@code length} that holds {@code ts}. */
    private long floor(long ts, long length) {
        return ts - Math.floorMod(ts - offset, length);
    }

    private void emit(RowReader row, long start, long end) {
        if (dropLate && kind != WindowNode.Kind.SESSION && end - 1 <= watermark) {
            lateSeen = true; // the aggregate above has emitted this window already
            return;
        }
        writer.begin(row.kind());
        for (int i = 0; i < columns; i++) {
            writer.copy(row, i, i);
        }
        writer.putLong(columns, start);
        writer.putLong(columns + 1, end);
        out.accept(reader.wrap(writer.buffer(), 0, writer.length()));
    }
}
