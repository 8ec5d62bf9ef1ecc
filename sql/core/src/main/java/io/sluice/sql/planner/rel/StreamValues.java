package io.sluice.sql.planner.rel;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;

/** Constant rows: the source of an INSERT ... VALUES. */
public final class StreamValues extends Values implements StreamRel {
    public StreamValues(RelOptCluster cluster, RelDataType rowType, ImmutableList<ImmutableList<RexLiteral>> tuples,
                        RelTraitSet traits) {
        super(cluster, List.of(), rowType, tuples, traits);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamValues(getCluster(), getRowType(), tuples, traitSet);
    }
}
