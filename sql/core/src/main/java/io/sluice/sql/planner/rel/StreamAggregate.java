package io.sluice.sql.planner.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * GROUP BY. Grouped by a window's start and end it emits each window's rows once, when event time
 * passes the window's end (append-only); otherwise it emits a changelog of each group's result.
 */
public final class StreamAggregate extends Aggregate implements StreamRel {
    private final int windowEnd;
    private final boolean retracting;

    /**
     * @param windowEnd the input column holding window_end when grouped by a window, else -1
     */
    public StreamAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
                           List<AggregateCall> calls, int windowEnd) {
        this(cluster, traits, input, groupSet, calls, windowEnd, false);
    }

    /**
     * @param retracting whether the input is a changelog (its -U/-D rows retract): set by the
     *                   partitioning pass, it makes MIN and MAX keep every value
     */
    public StreamAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
                           List<AggregateCall> calls, int windowEnd, boolean retracting) {
        super(cluster, traits, List.of(), input, groupSet, null, calls);
        this.windowEnd = windowEnd;
        this.retracting = retracting;
    }

    public boolean retracting() {
        return retracting;
    }

    public int windowEnd() {
        return windowEnd;
    }

    public boolean windowed() {
        return windowEnd >= 0;
    }

    @Override
    public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
                          List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
        return new StreamAggregate(getCluster(), traitSet, input, groupSet, aggCalls, windowEnd, retracting);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("emit", windowed()
                ? "once per window when the watermark passes its end" : "changelog (updates per group)")
                .itemIf("input", "changelog (retracting)", retracting);
    }
}
