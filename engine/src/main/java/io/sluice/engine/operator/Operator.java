package io.sluice.engine.operator;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.storage.row.RowReader;

/**
 * One step of a task's operator tree. Push-based: the task hands each input row to the operators at
 * the leaves, and each operator hands its output to the {@link RowSink} it was wired to. All calls
 * come from the task's one thread; operators never block and allocate little per row.
 *
 * <p>Event time: {@link #onWatermark} tells every operator of the task, children before parents, that
 * no more rows with an event time at or before the watermark are expected (SQL's {@code WATERMARK}
 * definition). Operators that hold rows for time (windows, interval joins) emit and release what it
 * completes; {@code Long.MAX_VALUE} is the final watermark of a bounded input.
 *
 * <p>State: an operator whose output depends on earlier rows writes everything it holds in
 * {@link #snapshot} and reads it back in {@link #restore}, which runs before any row after a restart.
 * Together with the input offset and output position in the same checkpoint, and the task being
 * deterministic for a given input order, this gives exactly-once results (see DESIGN.md). Iteration
 * orders that decide the order of output rows must survive a snapshot (use insertion-ordered maps).
 */
public abstract class Operator {
    protected RowSink out;
    private RowSink late;
    private long lateRows;

    /** Wires the operator's output. Called once, before any row. */
    public void output(RowSink out) {
        this.out = out;
    }

    /** Where late rows go; null drops them (they are counted either way). */
    public void lateOutput(RowSink late) {
        this.late = late;
    }

    /**
     * A row arrives on input {@code input} (0 for operators with one input).
     *
     * @throws EvaluationException if an expression fails on this row
     */
    public abstract void onRow(int input, RowReader row);

    /** Event time has reached {@code watermark} (epoch ms). */
    public void onWatermark(long watermark) {
    }

    public void snapshot(StateWriter state) {
    }

    /**
     * Writes the operator's part of a checkpoint. With {@code full} false the operator may write only
     * what changed since its previous snapshot (a delta), provided {@link #restore} can tell the two
     * apart and applies a delta onto the state restored so far: a task restores a chain of snapshots,
     * the first written with {@code full} true, in order. The task asks for a full snapshot first
     * after every start (so a chain never spans two runs) and whenever its deltas have grown past
     * the last full one. The default writes everything every time ({@link #snapshot(StateWriter)}).
     */
    public void snapshot(StateWriter state, boolean full) {
        snapshot(state);
    }

    /**
     * Reads one snapshot written by {@link #snapshot(StateWriter, boolean)}; called once per snapshot
     * of the chain being restored, oldest first, before any row.
     */
    public void restore(StateReader state) {
    }

    /** Approximate bytes of state held, for SHOW PIPELINES. */
    public long stateBytes() {
        return 0;
    }

    /** Rows that arrived too late to be counted. */
    public long lateRows() {
        return lateRows;
    }

    /** Counts a late row and passes it to the late output, if there is one. */
    protected void late(RowReader row) {
        lateRows++;
        if (late != null) {
            late.accept(row);
        }
    }

    protected void restoreLateRows(long n) {
        lateRows = n;
    }
}
