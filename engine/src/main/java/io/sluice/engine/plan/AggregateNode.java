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
