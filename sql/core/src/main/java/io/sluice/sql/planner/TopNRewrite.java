package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.plan.RankNode;
import io.sluice.sql.planner.rel.StreamRank;
import io.sluice.sql.planner.rel.WindowSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Top-N in SQL is {@code ROW_NUMBER() OVER (PARTITION BY k ORDER BY c) AS rn} in a sub-query and
 * {@code WHERE rn <= N} (or {@code rn < N}, {@code rn = 1}) outside it. After Calcite's
 * PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW and the Calc rules that is a Calc over a {@code LogicalWindow};
 * this pass turns the pair into a {@link StreamRank} (convention NONE, N taken from the filter) under a
 * Calc that keeps the rest of the filter and the projection. The rank column is produced only when the
 * query uses it, because it changes what the changelog looks like.
 *
 * <p>Every other OVER is refused here, with a message naming what is supported.
 */
final class TopNRewrite {
    static final String SUPPORTED = "supported: ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) in a sub-query, "
            + "filtered outside it with rn <= N, rn < N or rn = 1 (Top-N, deduplication, window Top-N)";

    private TopNRewrite() {
    }

    /** The functions an OVER may apply: ROW_NUMBER (Top-N) and the aggregates {@link OverRewrite} plans. */
    private static final java.util.Set<SqlKind> OVER_KINDS = java.util.EnumSet.of(SqlKind.ROW_NUMBER, SqlKind.COUNT,
            SqlKind.SUM, SqlKind.SUM0, SqlKind.AVG, SqlKind.MIN, SqlKind.MAX);

    /** Checked before planning, on the tree SqlToRel built: only ROW_NUMBER and the aggregates may appear in an OVER. */
    static void checkOver(LogicalProject project) {
        java.util.Set<String> others = new java.util.LinkedHashSet<>();
        for (RexNode p : project.getProjects()) {
            p.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
                @Override
                public Void visitOver(RexOver over) {
                    if (!OVER_KINDS.contains(over.getOperator().getKind())) {
                        // SUM(x) OVER reaches here as CASE WHEN COUNT(x) OVER > 0 THEN $SUM0(x) OVER ...
                        others.add(over.getOperator().getName().replace("$SUM0", "SUM").toUpperCase(Locale.ROOT));
                    }
                    return null;
                }
            });
        }
        if (!others.isEmpty()) {
            throw refuse("OVER is supported only with ROW_NUMBER(), COUNT, SUM, AVG, MIN and MAX, not with "
                    + String.join(", ", others) + "; " + SUPPORTED + "; " + OverRewrite.SUPPORTED);
        }
    }

    /**
     * Checked before planning: a GROUP BY over a SESSION window groups by exactly the session's key
     * columns besides window_start and window_end, since sessions are formed per key.
     */
    static void checkSessionKeys(LogicalAggregate agg) {
        RelNode in = agg.getInput();
        int[] map = new int[in.getRowType().getFieldCount()];
        for (int i = 0; i < map.length; i++) {
            map[i] = i;
        }
        while (in instanceof LogicalProject || in instanceof LogicalFilter) {
            if (in instanceof LogicalProject p) {
                for (int i = 0; i < map.length; i++) {
                    map[i] = map[i] >= 0 && p.getProjects().get(map[i]) instanceof RexInputRef r ? r.getIndex() : -1;
                }
            }
            in = in.getInput(0);
        }
        if (!(in instanceof LogicalTableFunctionScan scan) || !WindowSpec.isWindow(scan)
                || !((RexCall) scan.getCall()).getOperator().getName().equalsIgnoreCase("SESSION")) {
            return;
        }
        int n = scan.getInputs().get(0).getRowType().getFieldCount();
        ImmutableBitSet.Builder grouped = ImmutableBitSet.builder();
        for (int g : agg.getGroupSet()) {
            int c = map[g];
            if (c < 0) {
                throw refuse("a GROUP BY over a SESSION window must group by columns, not expressions: window_start, "
                        + "window_end and the session's key columns");
            }
            if (c != n && c != n + 1) {
                grouped.set(c);
            }
        }
        ImmutableBitSet keys = ImmutableBitSet.of(WindowSpec.sessionKeys(scan));
        if (!grouped.build().equals(keys)) {
            List<String> names = new ArrayList<>();
            for (int k : keys) {
                names.add(scan.getInputs().get(0).getRowType().getFieldNames().get(k));
            }
            throw refuse("a GROUP BY over a SESSION window must group by window_start, window_end and exactly the "
                    + "session's key columns " + (names.isEmpty() ? "(none: the call has no key DESCRIPTOR)" : names)
                    + ", since sessions are formed per key");
        }
    }

    /** Replaces each Calc over a LogicalWindow with a Calc over a {@link StreamRank}. */
    static RelNode apply(RelNode rel, RexBuilder rexBuilder) {
        if (rel instanceof LogicalWindow w && OverRewrite.aggregates(w)) {
            return OverRewrite.convert(w, apply(w.getInput(), rexBuilder));
        }
        if (rel instanceof LogicalCalc calc && calc.getInput() instanceof LogicalWindow w && !OverRewrite.aggregates(w)) {
            return rank(calc, w, apply(w.getInput(), rexBuilder), rexBuilder);
        }
        if (rel instanceof LogicalWindow) {
            throw refuse("ROW_NUMBER() OVER needs an outer filter that bounds it (WHERE rn <= N); " + SUPPORTED);
        }
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode r = apply(input, rexBuilder);
            inputs.add(r);
            changed |= r != input;
        }
        return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    }

    private static RelNode rank(LogicalCalc calc, LogicalWindow w, RelNode input, RexBuilder rexBuilder) {
        if (w.groups.size() != 1 || w.groups.get(0).aggCalls.size() != 1) {
            throw refuse("only one ROW_NUMBER() OVER per query is supported; " + SUPPORTED);
        }
        Window.Group group = w.groups.get(0);
        Window.RexWinAggCall call = group.aggCalls.get(0);
        if (call.getKind() != SqlKind.ROW_NUMBER) {
            throw refuse(call.getOperator().getName() + "(...) OVER is not supported yet; " + SUPPORTED);
        }
        RelCollation collation = group.orderKeys;
        if (collation.getFieldCollations().isEmpty()) {
            throw refuse("ROW_NUMBER() OVER needs an ORDER BY: which rows come first decides the result; "
                    + SUPPORTED);
        }
        int n = w.getInput().getRowType().getFieldCount();
        int rn = n; // the window's output is its input's columns, then the one ROW_NUMBER
        RexProgram program = calc.getProgram();
        long limit = Long.MAX_VALUE;
        List<RexNode> rest = new ArrayList<>();
        if (program.getCondition() != null) {
            for (RexNode c : RelOptUtil.conjunctions(program.expandLocalRef(program.getCondition()))) {
                long bound = bound(c, rn);
                if (bound > 0) {
                    limit = Math.min(limit, bound);
                } else if (bound == 0) {
                    throw refuse("the filter on the row number keeps no row (" + c + ")");
                } else if (RelOptUtil.InputFinder.bits(c).get(rn)) {
                    throw refuse("the row number may only be filtered as rn <= N, rn < N or rn = 1; " + SUPPORTED);
                } else {
                    rest.add(c);
                }
            }
        }
        if (limit == Long.MAX_VALUE) {
            throw refuse("ROW_NUMBER() OVER needs an outer filter that bounds it (WHERE rn <= N): without one "
                    + "every row of an unbounded stream is kept; " + SUPPORTED);
        }
        List<RexNode> projects = new ArrayList<>();
        boolean rankColumn = false;
        for (org.apache.calcite.rex.RexLocalRef p : program.getProjectList()) {
            RexNode e = program.expandLocalRef(p);
            projects.add(e);
            rankColumn |= RelOptUtil.InputFinder.bits(e).get(rn);
        }
        RelDataTypeFactory.Builder type = rexBuilder.getTypeFactory().builder();
        for (int i = 0; i < n; i++) {
            type.add(w.getRowType().getFieldList().get(i));
        }
        if (rankColumn) {
            type.add(w.getRowType().getFieldList().get(rn));
        }
        RelDataType rankType = type.build();
        List<RelFieldCollation> order = new ArrayList<>();
        for (RelFieldCollation c : collation.getFieldCollations()) {
            RelFieldCollation.NullDirection nulls = c.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? c.getDirection().defaultNullDirection() : c.nullDirection;
            order.add(c.withNullDirection(nulls));
        }
        StreamRank rank = new StreamRank(calc.getCluster(), calc.getTraitSet(), input, rankType,
                group.keys.toArray(), order, limit, rankColumn, RankNode.Mode.CHANGELOG, -1);
        RexNode condition = rest.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, rest);
        RexProgram top = RexProgram.create(rankType, projects, condition, calc.getRowType(), rexBuilder);
        return LogicalCalc.create(rank, top);
    }

    /**
     * N when {@code c} bounds the row number {@code rn} to 1..N ({@code rn <= N}, {@code rn < N+1},
     * {@code rn = 1}, or the same reversed); 0 when it keeps nothing; -1 when it is no such bound.
     */
    private static long bound(RexNode c, int rn) {
        if (!(c instanceof RexCall call) || call.getOperands().size() != 2) {
            return -1;
        }
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        SqlKind kind = call.getKind();
        if (b instanceof RexInputRef && a instanceof RexLiteral) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (!(a instanceof RexInputRef ref) || ref.getIndex() != rn || !(b instanceof RexLiteral lit)
                || !(lit.getValue() instanceof BigDecimal)) {
            return -1;
        }
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        if (v.scale() > 0 && v.stripTrailingZeros().scale() > 0) {
            return -1;
        }
        long value = v.longValue();
        return switch (kind) {
            case LESS_THAN_OR_EQUAL -> Math.max(0, value);
            case LESS_THAN -> Math.max(0, value - 1);
            case EQUALS -> value == 1 ? 1 : -1;
            default -> -1;
        };
    }

    private static SluiceException refuse(String message) {
        return new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, message);
    }
}
