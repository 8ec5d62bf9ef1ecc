package io.sluice.sql.planner.rel;

import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.plan.StartMode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;

/** Reads every partition of a stream, one task per partition. */
public final class StreamTableScan extends TableScan implements StreamRel {
    private final StreamDef stream;
    private final StartMode startMode;

    public StreamTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, StreamDef stream,
                           StartMode startMode) {
        super(cluster, traits, List.of(), table);
        this.stream = stream;
        this.startMode = startMode;
    }

    public StreamDef stream() {
        return stream;
    }

    public StartMode startMode() {
        return startMode;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamTableScan(getCluster(), traitSet, table, stream, startMode);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return pw.item("stream", stream.name())
                .item("partitions", stream.partitions() + (stream.keyColumn() != null
                        ? " by hash(" + stream.keyColumn() + ")" : " round robin"))
                .item("start", startMode.option());
    }
}
