package io.sluice.sql.planner.rel;

import io.sluice.engine.plan.WindowNode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * TUMBLE, HOP or CUMULATE over its input: each row once per window, with window_start and
 * window_end appended. Stateless. SESSION gives each row its own window [time, time + gap), which
 * the session aggregate above merges.
 */
public final class StreamWindowTableFunction extends SingleRel implements StreamRel {
    private final WindowNode.Kind kind;
    private final int timeIndex;
    private final long sizeMs;
    private final long stepMs;
    private final long offsetMs;

    public StreamWindowTableFunction(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDataType rowType,
                                     WindowNode.Kind kind, int timeIndex, long sizeMs, long stepMs, long offsetMs) {
        super(cluster, traits, input);
        this.rowType = rowType;
        this.kind = kind;
        this.timeIndex = timeIndex;
        this.sizeMs = sizeMs;
        this.stepMs = stepMs;
        this.offsetMs = offsetMs;
    }

    public WindowNode.Kind kind() {
        return kind;
    }

    public int timeIndex() {
        return timeIndex;
    }

    public long sizeMs() {
        return sizeMs;
    }

    public long stepMs() {
        return stepMs;
    }

    public long offsetMs() {
        return offsetMs;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamWindowTableFunction(getCluster(), traitSet, sole(inputs), rowType, kind, timeIndex, sizeMs,
                stepMs, offsetMs);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        String time = getInput().getRowType().getFieldNames().get(timeIndex);
        String spec = switch (kind) {
            case TUMBLE -> "size " + sizeMs + " ms";
            case HOP -> "size " + sizeMs + " ms every " + stepMs + " ms";
            case CUMULATE -> "up to " + sizeMs + " ms in steps of " + stepMs + " ms";
            case SESSION -> "gap " + sizeMs + " ms";
        };
        return super.explainTerms(pw).item("window", kind + "(" + time + ", " + spec
                + (offsetMs != 0 ? ", offset " + offsetMs + " ms" : "") + ")");
    }
}
