package io.sluice.sql.planner.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * Repartitions rows by the hash of some columns through an internal stream of the pipeline, so that
 * the operator above sees all rows of a key in one task. Inserted after planning, where an
 * operator's keys differ from how its input is partitioned.
 */
public final class StreamExchange extends SingleRel implements StreamRel {
    private final int[] keys;
    private final int partitions;

    public StreamExchange(RelOptCluster cluster, RelTraitSet traits, RelNode input, int[] keys, int partitions) {
        super(cluster, traits, input);
        this.keys = keys.clone();
        this.partitions = partitions;
    }

    public int[] keys() {
        return keys.clone();
    }

    public int partitions() {
        return partitions;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamExchange(getCluster(), traitSet, sole(inputs), keys, partitions);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = getInput().getRowType().getFieldNames();
        StringBuilder by = new StringBuilder();
        for (int k : keys) {
            by.append(by.length() == 0 ? "" : ", ").append(names.get(k));
        }
        return super.explainTerms(pw).item("repartition", keys.length == 0
                ? "all rows to one partition" : "hash(" + by + ") into " + partitions + " partitions")
                .item("through", "an internal stream");
    }
}
