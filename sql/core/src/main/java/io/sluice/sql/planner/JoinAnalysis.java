package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.catalog.WatermarkSpec;
import io.sluice.engine.plan.JoinNode;
import io.sluice.engine.plan.WindowNode;
import io.sluice.sql.planner.rel.StreamAggregate;
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
 *       WATERMARK column, an interval join's time column, or a TUMBLE/HOP/CUMULATE aggregate's
 *       window_end: see {@link #rowtime});</li>
 *   <li>a temporal join when the condition holds the FOR SYSTEM_TIME AS OF marker ({@link TemporalJoins});</li>
 *   <li>otherwise a regular join.</li>
 * </ul>
 * Interval and window joins need append-only inputs; over a changelog the join is planned as a
 * regular one (the same rows, with state bounded by the TTL instead of the watermark).
 */
final class JoinAnalysis {
    private JoinAnalysis() {
    }

    static StreamJoin.Analysis analyse(StreamJoin join, RelNode left, RelNode right, boolean leftChangelog,
                                       boolean rightChangelog) {
        boolean changelogInputs = leftChangelog || rightChangelog;
        int nLeft = left.getRowType().getFieldCount();
        List<Integer> lk = new ArrayList<>();
        List<Integer> rk = new ArrayList<>();
        List<RexNode> residual = new ArrayList<>();
        RexCall asOf = null;
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            if (TemporalJoins.isMarker(c)) {
                asOf = (RexCall) c;
            } else if (c.getKind() == SqlKind.EQUALS && c instanceof RexCall call
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
        if (asOf != null) {
            return temporal(join, left, right, leftChangelog, asOf, leftKeys, rightKeys, rest);
        }
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

    /**
     * A temporal join: the stream side is append-only, its AS OF column an event-time column, and the
     * equi-keys cover the table's whole primary key (so that a key's rows are versions of one row).
     */
    private static StreamJoin.Analysis temporal(StreamJoin join, RelNode left, RelNode right, boolean leftChangelog,
                                                RexCall asOf, int[] leftKeys, int[] rightKeys, RexNode rest) {
        int nLeft = left.getRowType().getFieldCount();
        int streamTime = ((RexInputRef) asOf.getOperands().get(0)).getIndex();
        int versionTime = ((RexInputRef) asOf.getOperands().get(1)).getIndex() - nLeft;
        List<String> leftNames = left.getRowType().getFieldNames();
        List<String> rightNames = right.getRowType().getFieldNames();
        if (leftChangelog) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "The left side of a temporal join (FOR "
                    + "SYSTEM_TIME AS OF) must be an append-only stream; here it is a changelog (a table, or a GROUP "
                    + "BY without a window)");
        }
        if (!rowtime(left, streamTime)) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "FOR SYSTEM_TIME AS OF "
                    + leftNames.get(streamTime) + ": the column is not an event-time column of the stream (the "
                    + "column its WATERMARK is declared for, passed on unchanged); processing-time temporal joins "
                    + "are not supported");
        }
        if (!(right instanceof StreamTableScan scan)) {
            throw new SluiceException(SluiceException.INTERNAL_ERROR, "a temporal join's right side is not a table "
                    + "scan: " + right.getRelTypeName());
        }
        List<String> missing = new ArrayList<>();
        for (int k : scan.stream().primaryKeyIndexes()) {
            boolean covered = false;
            for (int r : rightKeys) {
                covered |= r == k;
            }
            if (!covered) {
                missing.add(rightNames.get(k));
            }
        }
        if (!missing.isEmpty()) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "A temporal join needs the whole "
                    + "PRIMARY KEY (" + String.join(", ", scan.stream().primaryKey()) + ") of table "
                    + scan.stream().name() + " in its ON clause, each equal to a column of the stream of the same "
                    + "type; missing: " + String.join(", ", missing));
        }
        return new StreamJoin.Analysis(leftKeys, rightKeys, rest, null, -1, -1,
                new JoinNode.Temporal(streamTime, versionTime));
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

    /** A conjunct comparing a right column with a left one: {@code right[right] - left[left] OP constant}. */
    private record Comparison(int left, int right, SqlKind op, long constant) {
    }

    /**
     * The interval bound of a join's conjuncts: the comparisons of the two sides' event-time columns
     * give {@code lower <= right.time - left.time <= upper}; a missing side of that may be supplied by a
     * column of the other side bounding a time ({@code right.time <= left.expires}, Nexmark q4's
     * {@code b.date_time BETWEEN a.date_time AND a.expires}), which releases each row at its own
     * column's value. Null when the rows of a side would never be released.
     */
    private static JoinNode.TimeBound timeBound(List<RexNode> conjuncts, RelNode left, RelNode right, int nLeft) {
        List<Comparison> comparisons = new ArrayList<>();
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
            comparisons.add(new Comparison(l.column(), r.column() - nLeft, aRight ? kind : kind.reverse(),
                    aRight ? b.ms() - a.ms() : a.ms() - b.ms()));
        }
        int lt = -1;
        int rt = -1;
        for (Comparison c : comparisons) {
            if (rowtime(left, c.left()) && rowtime(right, c.right())) {
                lt = c.left();
                rt = c.right();
                break;
            }
        }
        if (lt < 0) {
            return null;
        }
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        JoinNode.Until leftUntil = null;
        JoinNode.Until rightUntil = null;
        for (Comparison c : comparisons) {
            long atLeast = c.op() == SqlKind.GREATER_THAN ? c.constant() + 1 : c.constant();
            long atMost = c.op() == SqlKind.LESS_THAN ? c.constant() - 1 : c.constant();
            boolean below = c.op() == SqlKind.LESS_THAN || c.op() == SqlKind.LESS_THAN_OR_EQUAL;
            if (c.left() == lt && c.right() == rt) {
                if (below) {
                    upper = Math.min(upper, atMost);
                } else {
                    lower = Math.max(lower, atLeast);
                }
            } else if (c.right() == rt && below && leftUntil == null) {
                leftUntil = new JoinNode.Until(c.left(), atMost); // right.time <= left.col + atMost
            } else if (c.left() == lt && !below && rightUntil == null) {
                rightUntil = new JoinNode.Until(c.right(), -atLeast); // left.time <= right.col - atLeast
            }
            // other comparisons are only checked by the condition
        }
        if (upper != Long.MAX_VALUE) {
            leftUntil = null; // the constant bounds the left rows already
        }
        if (lower != Long.MIN_VALUE) {
            rightUntil = null;
        }
        if ((upper == Long.MAX_VALUE && leftUntil == null) || (lower == Long.MIN_VALUE && rightUntil == null)
                || lower > upper) {
            return null;
        }
        return new JoinNode.TimeBound(lt, rt, lower, upper, leftUntil, rightUntil);
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

    /**
     * Whether a column is an event-time column, one a time-bounded join may release its state by: a
     * stream's WATERMARK column, kept as it is; an interval or temporal join's time column passed on;
     * or the window_end of a TUMBLE, HOP or CUMULATE aggregate's result (see {@link #windowEnd}).
     */
    static boolean rowtime(RelNode rel, int column) {
        if (rel instanceof StreamTableScan scan) {
            WatermarkSpec w = scan.stream().watermark();
            return w != null && scan.stream().schema().indexOf(w.column()) == column;
        }
        if (rel instanceof StreamAggregate a) {
            return windowEnd(a, column);
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
            // a side whose partners are bounded by a column (no constant) can lag without limit: not event time
            JoinNode.TimeBound b = j.analysis().bound();
            int n = j.getLeft().getRowType().getFieldCount();
            return column < n ? b.keepsTime(0) && rowtime(j.getLeft(), column)
                    : b.keepsTime(1) && rowtime(j.getRight(), column - n);
        }
        if (rel instanceof StreamJoin j && j.analysis() != null && j.analysis().asOf() != null) {
            // a temporal join emits a row when the watermark passes its time: the stream's time stays event time
            int n = j.getLeft().getRowType().getFieldCount();
            return column < n && rowtime(j.getLeft(), column);
        }
        return false;
    }

    /**
     * Whether {@code column} of an aggregate's output is the window_end it fires on, for a TUMBLE, HOP
     * or CUMULATE window (as Flink's window_time, but the end itself: q7 names window_end).
     *
     * <p>Why it is event time. The aggregate emits a window [start, end) while handling the first
     * watermark {@code W >= end - 1}, and forwards {@code W} only after the row (within a task, an
     * operator's output reaches its parent before the parent's own onWatermark(W); across stages the
     * rows are in the exchange before the stage's WATERMARK control record). Every watermark that
     * reached anything above before the row was at most the aggregate's previous one, which was
     * {@code < end - 1} or the window would have fired then. So the row arrives with
     * {@code window_end > end - 1 > watermark}: never late, just like a source row with a time above
     * the watermark, and an interval join may hold it until the watermark reaches its bound. The
     * column must be read on arrival, before the following watermark: that is how every consumer of
     * event time (interval and temporal joins) works. SESSION windows are left out: their end moves
     * as sessions merge, and they run in a different operator.
     */
    private static boolean windowEnd(StreamAggregate a, int column) {
        if (!a.windowed() || column >= a.getGroupCount() || a.getGroupSet().nth(column) != a.windowEnd()) {
            return false;
        }
        Partitioning.WindowColumn wc = Partitioning.WindowColumn.trace(a, column);
        return wc != null && wc.end() && wc.window().kind() != WindowNode.Kind.SESSION;
    }
}
