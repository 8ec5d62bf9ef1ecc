package io.sluice.sql.planner.rel;

import io.sluice.engine.plan.RankNode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * {@code ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)} with the outer filter {@code rn <= N}:
 * Top-N, deduplication or window Top-N (see {@link RankNode}). Output: the input's columns, then the
 * row number when {@link #rankColumn()}.
 *
 * <p>Built from a Calc over a {@code LogicalWindow} before Volcano runs, in convention NONE; a
 * converter rule copies it into STREAM. The {@link #mode()} and {@link #windowEnd()} are decided by
 * {@code Partitioning}, which knows where windows and event time come from; until then the mode is
 * {@link RankNode.Mode#CHANGELOG}.
 */
public final class StreamRank extends SingleRel implements StreamRel {
    private final int[] partitionKeys;
    private final List<RelFieldCollation> order;
    private final long limit;
    private final boolean rankColumn;
    private final RankNode.Mode mode;
    private final int windowEnd;

    public StreamRank(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType,
                      int[] partitionKeys, List<RelFieldCollation> order, long limit, boolean rankColumn,
                      RankNode.Mode mode, int windowEnd) {
        super(cluster, traits, input);
        this.rowType = rowType;
        this.partitionKeys = partitionKeys.clone();
        this.order = List.copyOf(order);
        this.limit = limit;
        this.rankColumn = rankColumn;
        this.mode = mode;
        this.windowEnd = windowEnd;
    }

    public int[] partitionKeys() {
        return partitionKeys.clone();
    }

    public List<RelFieldCollation> order() {
        return order;
    }

    public long limit() {
        return limit;
    }

    public boolean rankColumn() {
        return rankColumn;
    }

    public RankNode.Mode mode() {
        return mode;
    }

    public int windowEnd() {
        return windowEnd;
    }

    /** This node with the mode Partitioning decided, over {@code input}. */
    public StreamRank with(RelNode input, RankNode.Mode mode, int windowEnd) {
        return new StreamRank(getCluster(), getTraitSet(), input, rowType, partitionKeys, order, limit, rankColumn, mode,
                windowEnd);
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamRank(getCluster(), traitSet, sole(inputs), rowType, partitionKeys, order, limit, rankColumn,
                mode, windowEnd);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = getInput().getRowType().getFieldNames();
        List<String> by = SortOrder.names(partitionKeys, names);
        List<String> sort = SortOrder.describe(order, names);
        String emit = switch (mode) {
            case CHANGELOG -> "changelog (" + (rankColumn ? "-U/+U per rank that changes" : "+I entering, -D leaving")
                    + " the top " + limit + ")";
            case FIRST_ROW -> "first row per key at once, later rows dropped (append-only)";
            case WINDOW -> "top " + limit + " of each window once when the watermark passes its end (append-only)";
        };
        return super.explainTerms(pw).item("partitionBy", by).item("orderBy", sort).item("limit", limit)
                .item("rankColumn", rankColumn ? getRowType().getFieldNames().get(rowType.getFieldCount() - 1) : "none")
                .item("emit", emit);
    }
}
