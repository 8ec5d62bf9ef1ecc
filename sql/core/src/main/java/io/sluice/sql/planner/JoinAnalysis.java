package io.sluice.sql.planner;

import io.sluice.engine.catalog.WatermarkSpec;
import io.sluice.engine.plan.JoinNode;
import io.sluice.sql.planner.rel.StreamCalc;
import io.sluice.sql.planner.rel.StreamExchange;
import io.sluice.sql.planner.rel.StreamJoin;
import io.sluice.sql.planner.rel.StreamTableScan;
import io.sluice.sql.planner.rel.StreamWindowTableFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Decides what a join is, from its condition and its (already partitioned) inputs:
 * <ul>
 *   <li>equi-keys: conjuncts {@code left.col = right.col} of the same type (so that equal values have
 *       equal bytes and equal hashes on both sides); everything else is the residual condition;</li>
 *   <li>a window join: among the keys, the window_start and window_end of both sides, from window table
 *       functions of the same kind and size (traced through Calcs, exchanges and windowed aggregates);</li>
 *   <li>otherwise an interval join: residual comparisons bounding {@code right.t - left.t} from below
 *       and above by constants, where both columns are event-time columns (traced to a stream's
 *       WATERMARK column, or an interval join's time column);</li>
 *   <li>otherwise a regular join.</li>
 * </ul>
 * Interval and window joins need append-only inputs; over a changelog the join is planned as a
 * regular one (the same rows, with state bounded by the TTL instead of the watermark).
 */
final class JoinAnalysis {
    private JoinAnalysis() {
    }

    static StreamJoin.Analysis analyse(StreamJoin join, RelNode left, RelNode right, boolean changelogInputs) {
        int nLeft = left.getRowType().getFieldCount();
        List<Integer> lk = new ArrayList<>();
        List<Integer> rk = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            if (c.getKind() == SqlKind.EQUALS && c instanceof RexCall call
                    && call.getOperands().get(0) instanceof RexInputRef a
                    && call.getOperands().get(1) instanceof RexInputRef b
                    && (a.getIndex() < nLeft) != (b.getIndex() < nLeft)
                    && sameRepresentation(a.getType(), b.getType())) {
                RexInputRef l = a.getIndex() < nLeft ? a : b;
                RexInputRef r = a.getIndex() < nLeft ? b : a;
                lk.add(l.getIndex());
                rk.add(r.getIndex() - nLeft);
            } else if (!c.isAlwaysTrue()) {
                residual.add(c);
            }
        }
        int[] leftKeys = lk.stream().mapToInt(Integer::intValue).toArray();
        int[] rightKeys = rk.stream().mapToInt(Integer::intValue).toArray();
        RexNode rest = residual.isEmpty() ? null
                : RexUtil.composeConjunction(join.getCluster().getRexBuilder(), residual);
        if (!changelogInputs) {
            int[] window = windowKeys(left, right, leftKeys, rightKeys);
            if (window != null) {
                return new StreamJoin.Analysis(leftKeys, rightKeys, rest, null, window[0], window[1]);
            }
            JoinNode.TimeBound bound = timeBound(residual, left, right, nLeft);
            if (bound != null) {
                return new StreamJoin.Analysis(leftKeys, rightKeys, rest, bound, -1, -1);
            }
        }
        return new StreamJoin.Analysis(leftKeys, rightKeys, rest, null, -1, -1);
    }

    private static boolean sameRepresentation(RelDataType a, RelDataType b) {
        if (a.getSqlTypeName() != b.getSqlTypeName()) {
            return false;
        }
        return a.getSqlTypeName() != SqlTypeName.DECIMAL
                || a.getPrecision() == b.getPrecision() && a.getScale() == b.getScale();
    }

    /** {left window_end, right window_end} when both sides' window start and end are keys, else null. */
    private static int[] windowKeys(RelNode left, RelNode right, int[] lk, int[] rk) {
        int leftEnd = -1;
        int rightEnd = -1;
        boolean starts = false;
        for (int i = 0; i < lk.length; i++) {
            Partitioning.WindowColumn a = Partitioning.WindowColumn.trace(left, lk[i]);
            Partitioning.WindowColumn b = Partitioning.WindowColumn.trace(right, rk[i]);
            if (a == null || b == null || a.end() != b.end() || !sameWindows(a.window(), b.window())) {
                continue;
            }
            if (a.end()) {
                leftEnd = lk[i];
                rightEnd = rk[i];
            } else {
                starts = true;
            }
        }
        return leftEnd >= 0 && starts ? new int[] {leftEnd, rightEnd} : null;
    }

    private static boolean sameWindows(StreamWindowTableFunction a, StreamWindowTableFunction b) {
        return a.kind() == b.kind() && a.sizeMs() == b.sizeMs() && a.stepMs() == b.stepMs()
                && a.offsetMs() == b.offsetMs();
    }

    /** A column plus a constant number of milliseconds. */
    private record Shifted(int column, long ms) {
    }

    private static JoinNode.TimeBound timeBound(List<RexNode> conjuncts, RelNode left, RelNode right, int nLeft) {
        int lt = -1;
        int rt = -1;
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (RexNode c : conjuncts) {
            SqlKind kind = c.getKind();
            if (!(c instanceof RexCall call) || !(kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL
                    || kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL)) {
                continue;
            }
            Shifted a = shifted(call.getOperands().get(0));
            Shifted b = shifted(call.getOperands().get(1));
            if (a == null || b == null || (a.column() < nLeft) == (b.column() < nLeft)) {
                continue;
            }
            // a.col + a.ms OP b.col + b.ms, rewritten as right - left OP' constant
            boolean aRight = a.column() >= nLeft;
            Shifted r = aRight ? a : b;
            Shifted l = aRight ? b : a;
            SqlKind op = aRight ? kind : kind.reverse();
            long constant = aRight ? b.ms() - a.ms() : a.ms() - b.ms();
            if (lt < 0) {
                lt = l.column();
                rt = r.column() - nLeft;
            } else if (lt != l.column() || rt != r.column() - nLeft) {
                continue; // a bound on other columns: only checked by the condition
            }
            switch (op) {
                case GREATER_THAN_OR_EQUAL -> lower = Math.max(lower, constant);
                case GREATER_THAN -> lower = Math.max(lower, constant + 1);
                case LESS_THAN_OR_EQUAL -> upper = Math.min(upper, constant);
                case LESS_THAN -> upper = Math.min(upper, constant - 1);
                default -> {
                }
            }
        }
        if (lt < 0 || lower == Long.MIN_VALUE || upper == Long.MAX_VALUE || lower > upper
                || !rowtime(left, lt) || !rowtime(right, rt)) {
            return null;
        }
        return new JoinNode.TimeBound(lt, rt, lower, upper);
    }

    /** {@code col}, {@code col + interval} or {@code col - interval} over a TIMESTAMP column, else null. */
    private static Shifted shifted(RexNode e) {
        if (e instanceof RexInputRef ref) {
            return ref.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP ? new Shifted(ref.getIndex(), 0) : null;
        }
        if (e instanceof RexCall call && (e.getKind() == SqlKind.PLUS || e.getKind() == SqlKind.MINUS)
                && call.getOperands().size() == 2) {
            Shifted inner = shifted(call.getOperands().get(0));
            Long ms = intervalMs(call.getOperands().get(1));
            if (inner == null && e.getKind() == SqlKind.PLUS) {
                inner = shifted(call.getOperands().get(1));
                ms = intervalMs(call.getOperands().get(0));
            }
            if (inner == null || ms == null) {
                return null;
            }
            return new Shifted(inner.column(), e.getKind() == SqlKind.PLUS ? inner.ms() + ms : inner.ms() - ms);
        }
        return null;
    }

    private static Long intervalMs(RexNode e) {
        if (e instanceof RexLiteral lit && lit.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
            return lit.getValueAs(BigDecimal.class).longValue();
        }
        return null;
    }

    /** Whether a column is an event-time column: a stream's WATERMARK column, kept as it is. */
    static boolean rowtime(RelNode rel, int column) {
        if (rel instanceof StreamTableScan scan) {
            WatermarkSpec w = scan.stream().watermark();
            return w != null && scan.stream().schema().indexOf(w.column()) == column;
        }
        if (rel instanceof StreamCalc calc) {
            RexProgram p = calc.getProgram();
            RexNode e = p.expandLocalRef(p.getProjectList().get(column));
            return e instanceof RexInputRef ref && rowtime(calc.getInput(), ref.getIndex());
        }
        if (rel instanceof StreamExchange x) {
            return rowtime(x.getInput(), column);
        }
        if (rel instanceof StreamWindowTableFunction w) {
            return column < w.getInput().getRowType().getFieldCount() && rowtime(w.getInput(), column);
        }
        if (rel instanceof StreamJoin j && j.analysis() != null && j.analysis().bound() != null) {
            int n = j.getLeft().getRowType().getFieldCount();
            return column < n ? rowtime(j.getLeft(), column) : rowtime(j.getRight(), column - n);
        }
        return false;
    }
}
