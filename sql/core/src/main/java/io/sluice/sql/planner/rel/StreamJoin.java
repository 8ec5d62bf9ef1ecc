package io.sluice.sql.planner.rel;

import io.sluice.engine.plan.JoinNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;

/**
 * A join of two inputs, each repartitioned by its equi-keys. The converter rule makes it from a
 * logical join with only its condition; the partitioning post-pass analyses it ({@link #analysed}):
 * equi-keys, the residual condition, and whether it is an interval join (a time bound between two
 * event-time columns), a window join (both sides' window_start and window_end among the keys), a
 * temporal join (FOR SYSTEM_TIME AS OF, see {@code TemporalJoins}) or a regular join. See {@link JoinNode} for what each kind means at run time.
 */
public final class StreamJoin extends Join implements StreamRel {
    private final Analysis analysis;

    /**
     * What the partitioning pass found.
     *
     * @param residual the condition left after the equi-keys, over the join's row, or null
     * @param bound    an interval join's bound, or null
     * @param asOf     a temporal join's time columns, or null
     */
    public record Analysis(int[] leftKeys, int[] rightKeys, RexNode residual, JoinNode.TimeBound bound,
                           int leftWindowEnd, int rightWindowEnd, JoinNode.Temporal asOf) {
        public Analysis(int[] leftKeys, int[] rightKeys, RexNode residual, JoinNode.TimeBound bound,
                        int leftWindowEnd, int rightWindowEnd) {
            this(leftKeys, rightKeys, residual, bound, leftWindowEnd, rightWindowEnd, null);
        }

        public boolean regular() {
            return bound == null && leftWindowEnd < 0 && asOf == null;
        }
    }

    public StreamJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right, RexNode condition,
                      JoinRelType joinType, Analysis analysis) {
        super(cluster, traits, List.of(), left, right, condition, Set.of(), joinType);
        this.analysis = analysis;
    }

    /** The analysis, or null before the partitioning pass. */
    public Analysis analysis() {
        return analysis;
    }

    /** This join with its analysis and new inputs. */
    public StreamJoin analysed(RelNode left, RelNode right, Analysis a) {
        return new StreamJoin(getCluster(), getTraitSet(), left, right, condition, joinType, a);
    }

    @Override
    public Join copy(RelTraitSet traitSet, RexNode conditionExpr, RelNode left, RelNode right, JoinRelType joinType,
                     boolean semiJoinDone) {
        return new StreamJoin(getCluster(), traitSet, left, right, conditionExpr, joinType, analysis);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RelWriter w = super.explainTerms(pw);
        if (analysis == null) {
            return w;
        }
        List<String> l = left.getRowType().getFieldNames();
        List<String> r = right.getRowType().getFieldNames();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < analysis.leftKeys().length; i++) {
            keys.append(i == 0 ? "" : ", ").append(l.get(analysis.leftKeys()[i])).append('=')
                    .append(r.get(analysis.rightKeys()[i]));
        }
        w.item("keys", keys.length() == 0 ? "none" : keys.toString());
        if (analysis.bound() != null) {
            JoinNode.TimeBound b = analysis.bound();
            w.item("kind", "interval: " + r.get(b.rightTime()) + " - " + l.get(b.leftTime()) + " in ["
                    + (b.lowerMs() == Long.MIN_VALUE ? "-inf" : b.lowerMs()) + ", "
                    + (b.upperMs() == Long.MAX_VALUE ? "+inf" : b.upperMs()) + "] ms"
                    + until(r.get(b.rightTime()), l, b.leftUntil()) + until(l.get(b.leftTime()), r, b.rightUntil())
                    + ", state released by the watermark");
        } else if (analysis.asOf() != null) {
            w.item("kind", "temporal: each row of the left meets the right's version valid at its "
                    + l.get(analysis.asOf().leftTime()) + " (versions by " + r.get(analysis.asOf().rightTime())
                    + "), emitted when the watermark passes it; old versions released by the watermark");
        } else if (analysis.leftWindowEnd() >= 0) {
            w.item("kind", "window: state released when the watermark passes window_end");
        } else {
            w.item("kind", "regular: state kept for the pipeline's 'state.ttl.ms' (forever if unset)");
        }
        return w;
    }

    private static String until(String time, List<String> names, JoinNode.Until u) {
        return u == null ? "" : ", " + time + " <= " + names.get(u.column())
                + (u.ms() == 0 ? "" : (u.ms() > 0 ? " + " : " - ") + Math.abs(u.ms()) + " ms");
    }

    @Override
    public String toString() {
        return super.toString() + (analysis == null ? "" : " keys " + Arrays.toString(analysis.leftKeys()));
    }
}
