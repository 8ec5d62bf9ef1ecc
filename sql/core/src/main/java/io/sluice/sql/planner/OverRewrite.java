package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.OverNode;
import io.sluice.sql.planner.rel.StreamOver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;

/**
 * Aggregates OVER a window ({@code SUM(x) OVER (PARTITION BY k ORDER BY t ROWS BETWEEN 9 PRECEDING AND
 * CURRENT ROW)}): after Calcite's PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW such a query is a
 * {@code LogicalWindow} whose groups are the distinct windows; this pass turns it into one
 * {@link StreamOver} per group (convention NONE), chained so that the columns come out in the
 * window's layout (input, then each group's calls). Calcite has already rewritten AVG into SUM / COUNT
 * and SUM into a CASE over COUNT and $SUM0, in the Calc above.
 *
 * <p>Supported: COUNT, SUM, AVG, MIN, MAX; an ORDER BY; frames from {@code n PRECEDING} or
 * {@code UNBOUNDED PRECEDING} to {@code CURRENT ROW} with ROWS, and {@code RANGE BETWEEN UNBOUNDED
 * PRECEDING AND CURRENT ROW} (the default frame). Everything else is refused with a message saying so.
 */
final class OverRewrite {
    static final String SUPPORTED = "supported: COUNT, SUM, AVG, MIN or MAX OVER (PARTITION BY ... ORDER BY ... "
            + "ROWS BETWEEN n PRECEDING AND CURRENT ROW | ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW | "
            + "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";

    private OverRewrite() {
    }

    /** Whether the window computes aggregates (as opposed to ROW_NUMBER, which is a Top-N). */
    static boolean aggregates(LogicalWindow w) {
        for (Window.Group g : w.groups) {
            for (Window.RexWinAggCall c : g.aggCalls) {
                if (c.getKind() != SqlKind.ROW_NUMBER) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The window as a chain of {@link StreamOver}s over {@code input} (the window's input, rewritten). */
    static RelNode convert(LogicalWindow w, RelNode input) {
        int n = w.getInput().getRowType().getFieldCount();
        RelDataTypeFactory types = w.getCluster().getTypeFactory();
        RelNode current = input;
        int field = n;
        for (Window.Group g : w.groups) {
            if (g.orderKeys.getFieldCollations().isEmpty()) {
                throw refuse("an aggregate OVER a window needs an ORDER BY: over a stream, the rows of a partition "
                        + "never end, so the frame must be the rows up to the current one; " + SUPPORTED);
            }
            if (!g.upperBound.isCurrentRow()) {
                throw refuse("an OVER frame must end at CURRENT ROW (a frame that ends after it would wait for rows "
                        + "that have not arrived); " + SUPPORTED);
            }
            RexWindowBound lower = g.lowerBound;
            long preceding;
            if (lower.isUnbounded() && lower.isPreceding()) {
                preceding = -1;
            } else if (lower.isCurrentRow() && g.isRows) {
                preceding = 0;
            } else if (lower.isPreceding() && g.isRows) {
                preceding = offset(w, lower.getOffset(), n);
            } else if (!g.isRows) {
                throw refuse("RANGE frames with an offset (RANGE BETWEEN INTERVAL ... PRECEDING, or from CURRENT ROW) "
                        + "are not supported yet: use ROWS BETWEEN n PRECEDING AND CURRENT ROW, or RANGE BETWEEN "
                        + "UNBOUNDED PRECEDING AND CURRENT ROW; " + SUPPORTED);
            } else {
                throw refuse("an OVER frame must start at or before the current row; " + SUPPORTED);
            }
            boolean range = !g.isRows && preceding < 0;
            List<AggCall> calls = new ArrayList<>();
            RelDataTypeFactory.Builder type = types.builder();
            type.addAll(current.getRowType().getFieldList());
            for (Window.RexWinAggCall c : g.aggCalls) {
                calls.add(call(w, c, n));
                type.add(w.getRowType().getFieldList().get(field++));
            }
            List<RelFieldCollation> order = new ArrayList<>();
            for (RelFieldCollation c : g.orderKeys.getFieldCollations()) {
                RelFieldCollation.NullDirection nulls = c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                        ? c.getDirection().defaultNullDirection() : c.nullDirection;
                order.add(c.withNullDirection(nulls));
            }
            current = new StreamOver(w.getCluster(), w.getTraitSet(), current, type.build(), g.keys.toArray(), order,
                    calls, preceding, range, OverNode.Mode.CHANGELOG);
        }
        return current;
    }

    private static AggCall call(LogicalWindow w, Window.RexWinAggCall c, int n) {
        String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
        String fn = switch (c.getKind()) {
            case COUNT -> AggCall.COUNT;
            case SUM -> AggCall.SUM;
            case SUM0 -> AggCall.SUM0;
            case AVG -> AggCall.AVG;
            case MIN -> AggCall.MIN;
            case MAX -> AggCall.MAX;
            case ROW_NUMBER -> throw refuse("ROW_NUMBER() OVER and aggregates OVER in one query are not supported "
                    + "together: ROW_NUMBER is supported only as a Top-N filtered with rn <= N (" + TopNRewrite.SUPPORTED
                    + ")");
            default -> throw refuse(name + "(...) OVER is not supported; " + SUPPORTED);
        };
        if (c.distinct) {
            throw refuse(name + "(DISTINCT ...) OVER is not supported; " + SUPPORTED);
        }
        if (c.getOperands().size() > 1) {
            throw refuse(name + " OVER of several columns is not supported");
        }
        int[] args = new int[0];
        if (c.getOperands().size() == 1) {
            RexNode arg = c.getOperands().get(0);
            if (!(arg instanceof RexInputRef ref)) {
                throw refuse(name + " OVER of an expression is not supported yet: compute it in a sub-query");
            }
            if (ref.getIndex() >= n) {
                // a constant argument: COUNT(1) counts rows; any other aggregate of a constant is refused
                if (c.getKind() == SqlKind.COUNT && !w.constants.get(ref.getIndex() - n).isNull()) {
                    args = new int[0];
                } else {
                    throw refuse(name + " OVER of a constant is not supported");
                }
            } else {
                args = new int[] {ref.getIndex()};
            }
        }
        return new AggCall(fn, args, false, -1, TypeMapping.toSluice(c.getType(), "the result of " + name + " OVER"));
    }

    /** A ROWS offset: a non-negative integer literal, possibly held in the window's constants. */
    private static long offset(LogicalWindow w, RexNode offset, int n) {
        RexNode e = offset;
        if (e instanceof RexInputRef ref && ref.getIndex() >= n) {
            e = w.constants.get(ref.getIndex() - n);
        }
        if (e instanceof RexLiteral lit && lit.getValue() instanceof BigDecimal) {
            BigDecimal v = lit.getValueAs(BigDecimal.class);
            if (v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0 && v.compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
                return v.longValueExact();
            }
        }
        throw refuse("ROWS BETWEEN n PRECEDING needs n to be a whole number from 0 to 1000000, got " + offset);
    }

    private static SluiceException refuse(String message) {
        return new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, message);
    }
}
