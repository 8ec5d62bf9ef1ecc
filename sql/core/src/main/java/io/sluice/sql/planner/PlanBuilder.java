package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.CalcNode;
import io.sluice.engine.plan.ExchangeNode;
import io.sluice.engine.plan.WindowNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.RankNode;
import io.sluice.engine.plan.SessionAggregateNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StreamSinkNode;
import io.sluice.engine.plan.ValuesNode;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.engine.plan.expr.Literal;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.sql.planner.rel.SortOrder;
import io.sluice.sql.planner.rel.StreamAggregate;
import io.sluice.sql.planner.rel.StreamCalc;
import io.sluice.sql.planner.rel.StreamJoin;
import io.sluice.engine.plan.JoinNode;
import io.sluice.sql.planner.rel.StreamExchange;
import io.sluice.sql.planner.rel.StreamRank;
import io.sluice.sql.planner.rel.StreamWindowTableFunction;
import io.sluice.sql.planner.rel.StreamSink;
import io.sluice.sql.planner.rel.StreamTableScan;
import io.sluice.sql.planner.rel.StreamUnion;
import io.sluice.sql.planner.rel.StreamValues;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Turns a tree of {@code Stream*} nodes into Sluice plans. The result is a list because an INSERT of
 * VALUES whose rows hold expressions becomes one plan per row group (Calcite's UNION ALL of them);
 * every other statement gives exactly one plan.
 */
final class PlanBuilder {
    private final RexBuilder rexBuilder;
    private final PlanOptions options;
    private final java.util.function.Function<StreamDef, Expr> watermarks;

    /**
     * @param watermarks the watermark expression of a stream (null when it declares none)
     */
    PlanBuilder(RexBuilder rexBuilder, PlanOptions options, java.util.function.Function<StreamDef, Expr> watermarks) {
        this.rexBuilder = rexBuilder;
        this.options = options;
        this.watermarks = watermarks;
    }

    /** The window table functions whose windows feed a windowed aggregate: they decide lateness. */
    private final java.util.Set<RelNode> aggregatedWindows = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /**
     * Built nodes per Calcite node instance: a subtree Volcano returns as one instance under two parents
     * becomes one plan node under both (computed once), except the instances in {@link #apart}.
     */
    private final java.util.Map<RelNode, List<PlanNode>> built = new java.util.IdentityHashMap<>();
    /** Instances built once per parent: the runtime cannot share them (see TaskRuntime#unsupportedSharing). */
    private final java.util.Set<RelNode> apart = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Instances whose plan node the last build shares between parents (EXPLAIN shows them once). */
    private final java.util.Set<RelNode> shared = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean sharing;

    List<PlanNode> build(RelNode rel) {
        markAggregatedWindows(rel);
        // Only a pipeline's stages can compute a subtree once for two parents; a query runs as a tree.
        sharing = rel instanceof StreamSink;
        for (int round = 0; ; round++) {
            built.clear();
            shared.clear();
            List<PlanNode> plans = buildNode(rel);
            if (!sharing || shared.isEmpty()) {
                return plans;
            }
            java.util.Set<PlanNode> refused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (PlanNode plan : plans) {
                refused.addAll(io.sluice.engine.runtime.TaskRuntime.unsupportedSharing(plan));
            }
            if (refused.isEmpty()) {
                return plans;
            }
            if (round >= 8) {
                sharing = false; // cannot happen with a bounded plan; never loop on a surprise
                continue;
            }
            // build each refused node, and everything below it, apart for each parent, then look again
            for (var e : built.entrySet()) {
                if (e.getValue().stream().anyMatch(refused::contains)) {
                    buildApart(e.getKey());
                }
            }
        }
    }

    private void buildApart(RelNode rel) {
        if (apart.add(rel)) {
            rel.getInputs().forEach(this::buildApart);
        }
    }

    /** The Calcite nodes whose plan node the built plan computes once for several parents. */
    java.util.Set<RelNode> sharedNodes() {
        return shared;
    }

    private void markAggregatedWindows(RelNode rel) {
        if (rel instanceof StreamAggregate agg && agg.windowed()) {
            Partitioning.WindowColumn wc = Partitioning.WindowColumn.trace(agg.getInput(), agg.windowEnd());
            if (wc != null) {
                aggregatedWindows.add(wc.window());
            }
        }
        if (rel instanceof StreamRank rank && rank.windowEnd() >= 0) {
            // a window Top-N over a bare window table function: its windows decide lateness too
            Partitioning.WindowColumn wc = Partitioning.WindowColumn.trace(rank.getInput(), rank.windowEnd());
            if (wc != null && wc.window().kind() != WindowNode.Kind.SESSION) {
                aggregatedWindows.add(wc.window());
            }
        }
        rel.getInputs().forEach(this::markAggregatedWindows);
    }

    private List<PlanNode> buildNode(RelNode rel) {
        if (!sharing || apart.contains(rel)) {
            return buildFresh(rel);
        }
        List<PlanNode> done = built.get(rel);
        if (done != null) {
            shared.add(rel);
            return done;
        }
        done = buildFresh(rel);
        built.put(rel, done);
        return done;
    }

    private List<PlanNode> buildFresh(RelNode rel) {
        if (rel instanceof StreamSink sink) {
            List<PlanNode> out = new ArrayList<>();
            for (PlanNode input : buildNode(sink.getInput())) {
                StreamDef target = sink.stream();
                out.add(new StreamSinkNode(conform(input, target.schema()), target.name(), target.partitions(),
                        target.keyIndex()));
            }
            return out;
        }
        if (rel instanceof StreamUnion union) {
            List<PlanNode> out = new ArrayList<>();
            for (RelNode input : union.getInputs()) {
                out.addAll(buildNode(input));
            }
            return out;
        }
        if (rel instanceof StreamCalc calc) {
            List<PlanNode> out = new ArrayList<>();
            for (PlanNode input : buildNode(calc.getInput())) {
                out.add(calc(calc, input));
            }
            return out;
        }
        if (rel instanceof StreamTableScan scan) {
            StreamDef s = scan.stream();
            return List.of(new ScanNode(s.name(), s.schema(), scan.startMode(), watermarks.apply(s),
                    options.idleTimeoutMs()));
        }
        if (rel instanceof StreamWindowTableFunction w) {
            PlanNode input = single(w.getInput());
            boolean aggregated = aggregatedWindows.contains(w);
            if (w.kind() == WindowNode.Kind.SESSION) {
                if (!aggregated) {
                    throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "SESSION windows are supported "
                            + "only under GROUP BY window_start, window_end and the session key: a row's session is "
                            + "known only when the session closes");
                }
                // the session aggregate decides lateness after merging; its late rows are counted, not forwarded
                return List.of(new WindowNode(input, w.kind(), w.timeIndex(), w.sizeMs(), w.stepMs(), w.offsetMs(),
                        false, null, TypeMapping.toSchema(w.getRowType())));
            }
            return List.of(new WindowNode(input, w.kind(), w.timeIndex(), w.sizeMs(), w.stepMs(), w.offsetMs(),
                    aggregated, aggregated ? options.lateStream() : null, TypeMapping.toSchema(w.getRowType())));
        }
        if (rel instanceof StreamExchange x) {
            return List.of(new ExchangeNode(single(x.getInput()), x.keys(), x.partitions()));
        }
        if (rel instanceof StreamAggregate agg) {
            PlanNode input = single(agg.getInput());
            if (agg.windowed()) {
                Partitioning.WindowColumn end = Partitioning.WindowColumn.trace(agg.getInput(), agg.windowEnd());
                if (end != null && end.window().kind() == WindowNode.Kind.SESSION) {
                    return List.of(session(agg, end.window(), input));
                }
            }
            return List.of(aggregate(agg, input));
        }
        if (rel instanceof StreamRank rank) {
            return List.of(rank(rank, single(rank.getInput())));
        }
        if (rel instanceof io.sluice.sql.planner.rel.StreamOver over) {
            return List.of(over.toNode(single(over.getInput())));
        }
        if (rel instanceof StreamValues values) {
            return List.of(values(values));
        }
        if (rel instanceof StreamJoin join) {
            return List.of(join(join));
        }
        throw new SluiceException(SluiceException.INTERNAL_ERROR, "no Sluice plan node for " + rel.getRelTypeName());
    }

    private PlanNode single(RelNode rel) {
        List<PlanNode> plans = buildNode(rel);
        if (plans.size() != 1) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "UNION below a window or aggregate is "
                    + "not supported yet");
        }
        return plans.get(0);
    }

    private AggregateNode aggregate(StreamAggregate agg, PlanNode input) {
        List<AggCall> calls = new ArrayList<>();
        for (AggregateCall c : agg.getAggCallList()) {
            String fn = switch (c.getAggregation().getKind()) {
                case COUNT -> AggCall.COUNT;
                case SUM -> AggCall.SUM;
                case SUM0 -> AggCall.SUM0;
                case AVG -> AggCall.AVG;
                case MIN -> AggCall.MIN;
                case MAX -> AggCall.MAX;
                default -> throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Aggregate function "
                        + c.getAggregation().getName() + " is not supported yet; use COUNT, SUM, AVG, MIN or MAX");
            };
            if (c.getArgList().size() > 1) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                        c.getAggregation().getName() + " of several columns is not supported");
            }
            if (!c.collation.getFieldCollations().isEmpty()) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                        "WITHIN GROUP (ORDER BY ...) is not supported");
            }
            int[] args = c.getArgList().stream().mapToInt(Integer::intValue).toArray();
            calls.add(new AggCall(fn, args, c.isDistinct(), c.filterArg,
                    TypeMapping.toSluice(c.getType(), "the result of " + c.getAggregation().getName())));
        }
        return new AggregateNode(input, agg.getGroupSet().toArray(), calls, agg.windowEnd(),
                TypeMapping.toSchema(agg.getRowType()), agg.retracting());
    }

    private PlanNode join(StreamJoin join) {
        StreamJoin.Analysis a = join.analysis();
        if (a == null) {
            throw new SluiceException(SluiceException.INTERNAL_ERROR, "join was not analysed before building");
        }
        JoinNode.Type type = switch (join.getJoinType()) {
            case INNER -> JoinNode.Type.INNER;
            case LEFT -> JoinNode.Type.LEFT;
            case RIGHT -> JoinNode.Type.RIGHT;
            case FULL -> JoinNode.Type.FULL;
            default -> throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    join.getJoinType() + " joins are not supported yet");
        };
        Expr condition = a.residual() == null ? null : new RexToExpr(rexBuilder, null).convert(a.residual());
        return new JoinNode(single(join.getLeft()), single(join.getRight()), type, a.leftKeys(), a.rightKeys(),
                condition, a.bound(), a.leftWindowEnd(), a.rightWindowEnd(), a.regular() ? options.stateTtlMs() : 0,
                TypeMapping.toSchema(join.getRowType()), a.asOf());
    }

    /** GROUP BY a SESSION window: the aggregate that merges sessions, with the window's start column. */
    private SessionAggregateNode session(StreamAggregate agg, StreamWindowTableFunction window, PlanNode input) {
        int start = -1;
        for (int g : agg.getGroupSet()) {
            Partitioning.WindowColumn wc = Partitioning.WindowColumn.trace(agg.getInput(), g);
            if (wc != null && !wc.end() && wc.window() == window) {
                start = g;
            }
        }
        AggregateNode plain = aggregate(agg, input);
        return new SessionAggregateNode(input, plain.groupKeys(), plain.calls(), start, agg.windowEnd(),
                plain.schema());
    }

    private RankNode rank(StreamRank rank, PlanNode input) {
        SortOrder sort = SortOrder.of(rank.order());
        long ttl = rank.mode() == RankNode.Mode.FIRST_ROW ? options.stateTtlMs() : 0;
        return new RankNode(input, rank.partitionKeys(), sort.columns(), sort.descending(), sort.nullsLast(), rank.limit(), rank.rankColumn(),
                rank.mode(), rank.windowEnd(), ttl, TypeMapping.toSchema(rank.getRowType()));
    }

    private PlanNode calc(StreamCalc calc, PlanNode input) {
        RexProgram program = calc.getProgram();
        RexToExpr rex = new RexToExpr(rexBuilder, program);
        Expr condition = program.getCondition() == null ? null : rex.convert(program.getCondition());
        List<Expr> projects = new ArrayList<>();
        for (RexNode p : program.getProjectList()) {
            projects.add(rex.convert(p));
        }
        RowSchema schema = TypeMapping.toSchema(calc.getRowType());
        if (input instanceof WindowNode w) {
            CalcNode pruned = pruneBelowWindow(w, condition, projects, schema);
            if (pruned != null) {
                return pruned;
            }
        }
        if (input instanceof JoinNode j && j.left() instanceof ExchangeNode && j.right() instanceof ExchangeNode) {
            CalcNode pruned = pruneBelowJoin(j, condition, projects, schema);
            if (pruned != null) {
                return pruned;
            }
        }
        return new CalcNode(input, condition, projects, schema);
    }

    /**
     * A Calc over a join that reads only some of the join's columns: each side keeps, below its
     * exchange, only the columns the join (keys, condition, times) and the Calc read. A regular join
     * keeps every row it is given (Nexmark q4 every bid), so this narrows both what goes through the
     * exchange's internal stream and what the join holds and checkpoints. Null when nothing is saved.
     */
    private static CalcNode pruneBelowJoin(JoinNode j, Expr condition, List<Expr> projects, RowSchema schema) {
        ExchangeNode lx = (ExchangeNode) j.left();
        ExchangeNode rx = (ExchangeNode) j.right();
        int nl = j.left().schema().size();
        int n = j.schema().size();
        boolean[] used = new boolean[n];
        if (condition != null) {
            markInputs(condition, used, n);
        }
        for (Expr e : projects) {
            markInputs(e, used, n);
        }
        if (j.condition() != null) {
            markInputs(j.condition(), used, n);
        }
        for (int k : j.leftKeys()) {
            used[k] = true;
        }
        for (int k : j.rightKeys()) {
            used[nl + k] = true;
        }
        for (int k : lx.keys()) {
            used[k] = true;
        }
        for (int k : rx.keys()) {
            used[nl + k] = true;
        }
        if (j.bound() != null) {
            used[j.bound().leftTime()] = true;
            used[nl + j.bound().rightTime()] = true;
            if (j.bound().leftUntil() != null) {
                used[j.bound().leftUntil().column()] = true;
            }
            if (j.bound().rightUntil() != null) {
                used[nl + j.bound().rightUntil().column()] = true;
            }
        }
        if (j.asOf() != null) { // a temporal join orders rows and versions by these two times
            used[j.asOf().leftTime()] = true;
            used[nl + j.asOf().rightTime()] = true;
        }
        if (j.leftWindowEnd() >= 0) {
            used[j.leftWindowEnd()] = true;
        }
        if (j.rightWindowEnd() >= 0) {
            used[nl + j.rightWindowEnd()] = true;
        }
        int kept = 0;
        for (boolean u : used) {
            kept += u ? 1 : 0;
        }
        if (kept == n) {
            return null;
        }
        int[] map = new int[n];
        List<io.sluice.storage.row.Column> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            map[i] = -1;
            if (used[i]) {
                map[i] = columns.size();
                columns.add(j.schema().column(i));
            }
        }
        int keptLeft = 0;
        for (int i = 0; i < nl; i++) {
            keptLeft += used[i] ? 1 : 0;
        }
        int[] mapLeft = java.util.Arrays.copyOfRange(map, 0, nl);
        int[] mapRight = new int[n - nl];
        for (int i = nl; i < n; i++) {
            mapRight[i - nl] = map[i] < 0 ? -1 : map[i] - keptLeft;
        }
        ExchangeNode left = narrow(lx, used, 0, mapLeft);
        ExchangeNode right = narrow(rx, used, nl, mapRight);
        JoinNode.TimeBound b = j.bound();
        JoinNode.TimeBound bound = b == null ? null : new JoinNode.TimeBound(mapLeft[b.leftTime()],
                mapRight[b.rightTime()], b.lowerMs(), b.upperMs(),
                b.leftUntil() == null ? null : new JoinNode.Until(mapLeft[b.leftUntil().column()], b.leftUntil().ms()),
                b.rightUntil() == null ? null : new JoinNode.Until(mapRight[b.rightUntil().column()], b.rightUntil().ms()));
        JoinNode join = new JoinNode(left, right, j.type(), remapAll(j.leftKeys(), mapLeft),
                remapAll(j.rightKeys(), mapRight), j.condition() == null ? null : remap(j.condition(), map), bound,
                j.leftWindowEnd() < 0 ? -1 : mapLeft[j.leftWindowEnd()],
                j.rightWindowEnd() < 0 ? -1 : mapRight[j.rightWindowEnd()], j.stateTtlMs(), new RowSchema(columns),
                j.asOf() == null ? null : new JoinNode.Temporal(mapLeft[j.asOf().leftTime()], mapRight[j.asOf().rightTime()]));
        List<Expr> remapped = new ArrayList<>();
        for (Expr e : projects) {
            remapped.add(remap(e, map));
        }
        return new CalcNode(join, condition == null ? null : remap(condition, map), remapped, schema);
    }

    /** One side's exchange with only the used columns of its input (offset {@code from} in the join's row). */
    private static ExchangeNode narrow(ExchangeNode x, boolean[] used, int from, int[] map) {
        RowSchema in = x.input().schema();
        List<Expr> projects = new ArrayList<>();
        List<io.sluice.storage.row.Column> columns = new ArrayList<>();
        CalcNode below = x.input() instanceof CalcNode c ? c : null;
        for (int i = 0; i < in.size(); i++) {
            if (used[from + i]) {
                // a Calc already there keeps its condition and drops the projections nobody reads
                projects.add(below != null ? below.projects().get(i) : new InputRef(i, in.type(i)));
                columns.add(in.column(i));
            }
        }
        PlanNode input = below != null ? new CalcNode(below.input(), below.condition(), projects, new RowSchema(columns))
                : new CalcNode(x.input(), null, projects, new RowSchema(columns));
        return new ExchangeNode(input, remapAll(x.keys(), map), x.partitions());
    }

    private static int[] remapAll(int[] keys, int[] map) {
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = map[keys[i]];
        }
        return out;
    }

    /**
     * A Calc over a TUMBLE, HOP or CUMULATE window that reads only some of the window's input columns
     * (Nexmark q5 keeps the auction of each bid, q7 its price): those columns are projected below the
     * window, so that the window copies a narrow row once per window it falls in instead of the whole
     * input row (a HOP of 10 s every 2 s copies each row five times). Null when nothing is saved, or
     * when the window writes its late rows to a stream (a late row keeps the input's columns).
     */
    private static CalcNode pruneBelowWindow(WindowNode w, Expr condition, List<Expr> projects, RowSchema schema) {
        if (w.kind() == WindowNode.Kind.SESSION || w.lateStream() != null) {
            return null;
        }
        RowSchema in = w.input().schema();
        int n = in.size();
        boolean[] used = new boolean[n];
        used[w.timeIndex()] = true;
        if (condition != null) {
            markInputs(condition, used, n);
        }
        for (Expr e : projects) {
            markInputs(e, used, n);
        }
        int[] map = new int[n + 2];
        List<Expr> below = new ArrayList<>();
        List<io.sluice.storage.row.Column> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            map[i] = -1;
            if (used[i]) {
                map[i] = below.size();
                below.add(new InputRef(i, in.type(i)));
                columns.add(in.column(i));
            }
        }
        if (below.size() == n) {
            return null;
        }
        map[n] = below.size();
        map[n + 1] = below.size() + 1;
        RowSchema narrow = new RowSchema(columns);
        CalcNode project = new CalcNode(w.input(), null, below, narrow);
        List<io.sluice.storage.row.Column> windowed = new ArrayList<>(columns);
        windowed.add(w.schema().column(n));
        windowed.add(w.schema().column(n + 1));
        WindowNode window = new WindowNode(project, w.kind(), map[w.timeIndex()], w.sizeMs(), w.stepMs(), w.offsetMs(),
                w.dropLate(), null, new RowSchema(windowed));
        List<Expr> remapped = new ArrayList<>();
        for (Expr e : projects) {
            remapped.add(remap(e, map));
        }
        return new CalcNode(window, condition == null ? null : remap(condition, map), remapped, schema);
    }

    private static void markInputs(Expr e, boolean[] used, int n) {
        if (e instanceof InputRef r) {
            if (r.index() < n) {
                used[r.index()] = true;
            }
        } else if (e instanceof Call c) {
            for (Expr o : c.operands()) {
                markInputs(o, used, n);
            }
        }
    }

    private static Expr remap(Expr e, int[] map) {
        if (e instanceof InputRef r) {
            return new InputRef(map[r.index()], r.type());
        }
        if (e instanceof Call c) {
            List<Expr> ops = new ArrayList<>();
            for (Expr o : c.operands()) {
                ops.add(remap(o, map));
            }
            return new Call(c.op(), ops, c.type());
        }
        return e;
    }

    private static ValuesNode values(StreamValues values) {
        RowSchema schema = TypeMapping.toSchema(values.getRowType());
        RexToExpr rex = new RexToExpr(null, null);
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Object> row = new ArrayList<>();
            for (RexLiteral lit : tuple) {
                row.add(((Literal) rex.convert(lit)).value());
            }
            rows.add(row);
        }
        return new ValuesNode(schema, rows);
    }

    /**
     * Makes the rows written to a stream exactly the stream's row format: columns that already have
     * the target's type pass through, others are CAST. Calcite checks that the types are assignable;
     * this makes the bytes match.
     */
    static PlanNode conform(PlanNode input, RowSchema target) {
        RowSchema in = input.schema();
        if (in.size() != target.size()) {
            throw new SluiceException(SluiceException.INTERNAL_ERROR, "INSERT produces " + in.size()
                    + " columns for a stream of " + target.size());
        }
        boolean same = true;
        List<Expr> projects = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            DataType from = in.type(i);
            DataType to = target.type(i);
            InputRef ref = new InputRef(i, from);
            if (sameRepresentation(from, to)) {
                projects.add(ref);
            } else {
                projects.add(new Call(Ops.CAST, List.of(ref), to.withNullable(from.nullable())));
                same = false;
            }
        }
        if (same && in.columns().stream().map(c -> c.name()).toList()
                .equals(target.columns().stream().map(c -> c.name()).toList())) {
            return input;
        }
        return new CalcNode(input, null, projects, target);
    }

    private static boolean sameRepresentation(DataType a, DataType b) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case DECIMAL -> a.precision() == b.precision() && a.scale() == b.scale();
            case VARCHAR -> true; // a too-long value is refused when the row is written, never cut short
            default -> true;
        };
    }
}
