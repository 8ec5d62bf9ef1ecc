package io.sluice.sql.planner.rel;

import io.sluice.engine.catalog.StreamDef;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;

/**
 * Appends rows to a stream, routed by the hash of its key column or round robin. It keeps
 * {@link TableModify}'s row type (one row count column), which Volcano needs to register it as
 * equivalent to the logical node it replaces.
 */
public final class StreamSink extends TableModify implements StreamRel {
    private final StreamDef stream;

    public StreamSink(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader reader,
                      RelNode input, StreamDef stream) {
        super(cluster, traits, table, reader, input, Operation.INSERT, null, null, false);
        this.stream = stream;
    }

    public StreamDef stream() {
        return stream;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamSink(getCluster(), traitSet, table, getCatalogReader(), sole(inputs), stream);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return pw.input("input", getInput())
                .item("stream", stream.name())
                .item("partitions", stream.partitions() + (stream.keyColumn() != null
                        ? " by hash(" + stream.keyColumn() + ")" : " round robin"));
    }
}
