package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Groups rows by {@code groupKeys} and computes {@code calls} per group. Output columns: the group
 * keys in order, then one column per call (Calcite's Aggregate layout).
 *
 * <p>Windowed ({@code windowEnd} >= 0, the input column holding {@code window_end}, which is one of
 * the group keys): a group is a window and keys; its one result row is emitted, append-only, when the
 * watermark passes the window's end, and its state is released. Late rows are normally taken out by
 * the {@link WindowNode} below; one that still arrives for a window already emitted (its partition
 * was idle while the others moved on) is counted and dropped.
 *
 * <p>Event time of a windowed result: its window_end is an event-time column (the planner lets an
 * interval join bound another stream's time by it, Nexmark q7). A window's rows are emitted while the
 * operator handles the first watermark {@code W >= end - 1}, before {@code W} is passed on: within a
 * task the operators above get {@code W} after the rows (parents after children), and across stages
 * the WATERMARK control record follows the rows in the exchange. Every watermark a consumer has seen
 * when such a row arrives is at most the one before {@code W}, which is below {@code end - 1} (else
 * the window would have fired then), so the row is never late there, as Flink's window_time
 * ({@code end - 1}) is not. The aggregate forwards its input's watermark unchanged: it holds nothing
 * back, since no row it emits later can be for a window already passed.
 *
 * <p>Unwindowed ({@code windowEnd} = -1): every input row updates its group at once and the output is
 * a changelog: +I for a new group, -U/+U when a group's result changes.
 *
 * <p>{@code retracting}: the input is itself a changelog (its -U/-D rows retract earlier rows), so MIN
 * and MAX keep every value of a group (a sorted multiset) instead of only the extreme one. Stored in the
 * plan only when true, so plans written before it existed read back unchanged.
 */
public record AggregateNode(PlanNode input, int[] groupKeys, List<AggCall> calls, int windowEnd, RowSchema schema,
                            boolean retracting)
        implements PlanNode {
    public static final String NAME = "aggregate";

    public AggregateNode {
        groupKeys = groupKeys.clone();
        calls = List.copyOf(calls);
        if (schema.size() != groupKeys.length + calls.size()) {
            throw new IllegalArgumentException("aggregate output has " + schema.size() + " columns for "
                    + groupKeys.length + " keys and " + calls.size() + " calls");
        }
    }

    /** An aggregate over an append-only input (MIN and MAX keep only the extreme value). */
    public AggregateNode(PlanNode input, int[] groupKeys, List<AggCall> calls, int windowEnd, RowSchema schema) {
        this(input, groupKeys, calls, windowEnd, schema, false);
    }

    public boolean windowed() {
        return windowEnd >= 0;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
