package io.sluice.sql.planner.rel;

import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.OverNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.sql.planner.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Aggregates over a frame of rows, {@code agg(...) OVER (PARTITION BY ... ORDER BY ... frame)}, one
 * window (one group of Calcite's {@code LogicalWindow}) per node (see {@link OverNode}). Output: the
 * input's columns, then one per call.
 *
 * <p>Built from a {@code LogicalWindow} before Volcano runs, in convention NONE; a converter rule
 * copies it into STREAM. The {@link #mode()} is decided by {@code Partitioning}, which knows whether
 * the input is a changelog and which column is event time; until then it is
 * {@link OverNode.Mode#CHANGELOG}.
 */
public final class StreamOver extends SingleRel implements StreamRel {
    private final int[] partitionKeys;
    private final List<RelFieldCollation> order;
    private final List<AggCall> calls;
    private final long preceding;
    private final boolean range;
    private final OverNode.Mode mode;

    public StreamOver(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType, int[] partitionKeys,
                      List<RelFieldCollation> order, List<AggCall> calls, long preceding, boolean range,
                      OverNode.Mode mode) {
        super(cluster, traits, input);
        this.rowType = rowType;
        this.partitionKeys = partitionKeys.clone();
        this.order = List.copyOf(order);
        this.calls = List.copyOf(calls);
        this.preceding = preceding;
        this.range = range;
        this.mode = mode;
    }

    public int[] partitionKeys() {
        return partitionKeys.clone();
    }

    public List<RelFieldCollation> order() {
        return order;
    }

    public OverNode.Mode mode() {
        return mode;
    }

    /** This node with the mode Partitioning decided, over {@code input}. */
    public StreamOver with(RelNode input, OverNode.Mode mode) {
        return new StreamOver(getCluster(), getTraitSet(), input, rowType, partitionKeys, order, calls, preceding, range,
                mode);
    }

    /** Sluice's plan node for this window over the input's plan. */
    public OverNode toNode(PlanNode input) {
        SortOrder sort = SortOrder.of(order);
        return new OverNode(input, partitionKeys, sort.columns(), sort.descending(), sort.nullsLast(), calls, preceding, range, mode,
                TypeMapping.toSchema(rowType));
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamOver(getCluster(), traitSet, sole(inputs), rowType, partitionKeys, order, calls, preceding,
                range, mode);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = getInput().getRowType().getFieldNames();
        List<String> by = SortOrder.names(partitionKeys, names);
        List<String> sort = SortOrder.describe(order, names);
        List<String> aggs = new ArrayList<>();
        for (AggCall c : calls) {
            aggs.add(c.function() + "(" + (c.arg() < 0 ? "*" : names.get(c.arg())) + ")");
        }
        String frame = (range ? "RANGE" : "ROWS") + " BETWEEN " + (preceding < 0 ? "UNBOUNDED" : preceding)
                + " PRECEDING AND CURRENT ROW";
        String emit = mode == OverNode.Mode.EVENT_TIME
                ? "each row once when the watermark passes it (append-only)"
                : "changelog (+I new rows, -D removed ones, -U/+U rows whose frame changed)";
        return super.explainTerms(pw).item("partitionBy", by).item("orderBy", sort).item("frame", frame)
                .item("aggs", aggs).item("emit", emit);
    }
}
