package io.sluice.sql.planner.rel;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rex.RexProgram;

/** Filter and projection fused into one program, compiled to code per task. Stateless, no exchange. */
public final class StreamCalc extends Calc implements StreamRel {
    public StreamCalc(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexProgram program) {
        super(cluster, traits, java.util.List.of(), input, program);
    }

    @Override
    public Calc copy(RelTraitSet traitSet, RelNode child, RexProgram program) {
        return new StreamCalc(getCluster(), traitSet, child, program);
    }
}
