package io.sluice.sql.planner.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;

/**
 * UNION ALL of constant inputs. Calcite makes one when the rows of a VALUES hold expressions rather
 * than literals; Sluice runs each input and writes them together. Unions of streams come later.
 */
public final class StreamUnion extends Union implements StreamRel {
    public StreamUnion(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs) {
        super(cluster, traits, List.of(), inputs, true);
    }

    @Override
    public SetOp copy(RelTraitSet traitSet, List<RelNode> inputs, boolean all) {
        return new StreamUnion(getCluster(), traitSet, inputs);
    }
}
