package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.plan.RankNode;
import io.sluice.sql.planner.rel.StreamAggregate;
import io.sluice.sql.planner.rel.StreamCalc;
import io.sluice.sql.planner.rel.StreamExchange;
import io.sluice.sql.planner.rel.StreamJoin;
import org.apache.calcite.rel.core.JoinRelType;
import io.sluice.sql.planner.rel.StreamOver;
import io.sluice.sql.planner.rel.StreamRank;
import io.sluice.sql.planner.rel.StreamSink;
import io.sluice.sql.planner.rel.StreamTableScan;
import io.sluice.sql.planner.rel.StreamWindowTableFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The post-pass over a physical plan that makes stateful operators see all rows of a key in one
 * task. It tracks how each node's rows are partitioned (by the hash of which columns, over how many
 * partitions) and puts a {@link StreamExchange} below an aggregate whose group keys do not cover its
 * input's partitioning: data partitioned by {@code auction} already suits {@code GROUP BY auction,
 * window_start, window_end}; round-robin data does not. It also decides which aggregates are
 * windowed (grouped by both the start and the end of one window table function) and checks that
 * changelogs go only where they can.
 */
final class Partitioning {
    /** How a node's rows are spread: hash of {@code keys} (null: no known key) over {@code partitions}. */
    private record Spread(int[] keys, int partitions) {
        boolean satisfies(ImmutableBitSet groupKeys) {
            if (partitions == 1) {
                return true;
            }
            if (keys == null || keys.length == 0) {
                return false;
            }
            for (int k : keys) {
                if (!groupKeys.get(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param uniqueKey columns whose values identify a row of the result (a table's primary key, an
     *                  aggregate's group keys), or null when rows have no known key
     * @param topN      whether the changelog comes from a Top-N (for the messages that refuse it)
     */
    private record Result(RelNode rel, Spread spread, boolean changelog, int[] uniqueKey, boolean topN) {
        Result(RelNode rel, Spread spread, boolean changelog) {
            this(rel, spread, changelog, null, false);
        }

        Result(RelNode rel, Spread spread, boolean changelog, int[] uniqueKey) {
            this(rel, spread, changelog, uniqueKey, false);
        }

        Result(RelNode rel, Spread spread, boolean changelog, boolean topN) {
            this(rel, spread, changelog, null, topN);
        }
    }

    private Partitioning() {
    }

    /** Returns the plan with exchanges and windowed aggregates marked; throws where a changelog cannot go. */
    static RelNode apply(RelNode root) {
        return apply(root, false);
    }

    /**
     * Like {@link #apply(RelNode)}; {@code changelogResult} allows a query (no sink) whose result is a
     * changelog: a push query with EMIT CHANGES, or a pull query over a table.
     */
    static RelNode apply(RelNode root, boolean changelogResult) {
        MEMO.set(new java.util.IdentityHashMap<>());
        try {
            return applyOnce(root, changelogResult);
        } finally {
            MEMO.remove();
        }
    }

    /**
     * The result per node instance while {@link #apply} runs: Volcano gives equal subtrees (Nexmark q5's
     * two per-auction counts) as one instance, and visiting it once keeps it one instance, which
     * PlanBuilder then turns into a shared plan node. A thread-local because the visitors are static
     * and a planner runs one statement on one thread.
     */
    private static final ThreadLocal<java.util.Map<RelNode, Result>> MEMO = new ThreadLocal<>();

    private static Result visit(RelNode rel) {
        java.util.Map<RelNode, Result> memo = MEMO.get();
        Result r = memo == null ? null : memo.get(rel);
        if (r == null) {
            r = visitOnce(rel);
            if (memo != null) {
                memo.put(rel, r);
            }
        }
        return r;
    }

    private static RelNode applyOnce(RelNode root, boolean changelogResult) {
        Result r = visit(root);
        if (changelogResult && !(root instanceof StreamSink)) {
            return r.rel();
        }
        if (r.changelog() && !(root instanceof StreamSink) && r.topN()) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, TOP_N_CHANGELOG
                    + "; add EMIT CHANGES to stream its changes. " + TOP_N_HINT);
        }
        if (r.changelog() && !(root instanceof StreamSink)) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "A GROUP BY without a window produces "
                    + "a changelog (each group's result is updated as rows arrive), and so does an outer join without "
                    + "a time bound, or an aggregate OVER a changelog or not ordered by event time alone: add EMIT CHANGES to stream its changes, or CREATE MATERIALIZED VIEW to keep its "
                    + "current rows. Or group by window_start and window_end of a TUMBLE, HOP or CUMULATE window to "
                    + "get one final row per window.");
        }
        return r.rel();
    }

    private static Result visitOnce(RelNode rel) {
        if (rel instanceof StreamTableScan scan) {
            int key = scan.stream().keyIndex();
            boolean table = scan.stream().kind().isTable();
            return new Result(rel, new Spread(key >= 0 ? new int[] {key} : null, scan.stream().partitions()), table,
                    table ? scan.stream().primaryKeyIndexes() : null);
        }
        if (rel instanceof StreamSink sink && sink.stream().kind().isTable()) {
            return tableSink(sink);
        }
        if (rel instanceof StreamSink sink) {
            Result in = visit(sink.getInput());
            if (in.changelog() && in.topN()) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Cannot INSERT INTO stream "
                        + sink.stream().name() + ": " + TOP_N_CHANGELOG + ", and a stream is append-only. "
                        + TOP_N_HINT);
            }
            if (in.changelog()) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Cannot INSERT INTO stream "
                        + sink.stream().name() + " from a query whose result is a changelog (a GROUP BY without a "
                        + "window updates its rows; an outer join without a time bound retracts its padded rows): a stream is append-only. Group by window_start and window_end "
                        + "of a window, or write into a TABLE with a PRIMARY KEY on the group keys.");
            }
            return new Result(sink.copy(sink.getTraitSet(), List.of(in.rel())), in.spread(), false);
        }
        if (rel instanceof StreamCalc calc) {
            Result in = visit(calc.getInput());
            Spread key = throughCalc(calc.getProgram(), new Spread(in.uniqueKey(), 0));
            return new Result(calc.copy(calc.getTraitSet(), List.of(in.rel())), throughCalc(calc.getProgram(),
                    in.spread()), in.changelog(), key.keys(), in.topN());
        }
        if (rel instanceof StreamWindowTableFunction w) {
            Result in = visit(w.getInput());
            if (in.changelog()) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                        w.kind() + " over a changelog is not supported: windows need append-only input");
            }
            return new Result(w.copy(w.getTraitSet(), List.of(in.rel())), in.spread(), false);
        }
        if (rel instanceof StreamAggregate agg) {
            return aggregate(agg);
        }
        if (rel instanceof StreamJoin join) {
            return join(join);
        }
        if (rel instanceof StreamRank rank) {
            return rank(rank);
        }
        if (rel instanceof StreamOver over) {
            return over(over);
        }
        // values, unions: no known partitioning
        List<RelNode> inputs = new ArrayList<>();
        boolean changelog = false;
        boolean topN = false;
        for (RelNode input : rel.getInputs()) {
            Result r = visit(input);
            inputs.add(r.rel());
            changelog |= r.changelog();
            topN |= r.topN();
        }
        return new Result(inputs.isEmpty() ? rel : rel.copy(rel.getTraitSet(), inputs), new Spread(null, 1), changelog,
                topN);
    }

    private static Result aggregate(StreamAggregate agg) {
        Result in = visit(agg.getInput());
        ImmutableBitSet groups = agg.getGroupSet();
        int windowEnd = -1;
        int windowStart = -1;
        for (int g : groups) {
            WindowColumn wc = WindowColumn.trace(in.rel(), g);
            if (wc != null && wc.end()) {
                for (int h : groups) {
                    WindowColumn other = WindowColumn.trace(in.rel(), h);
                    if (other != null && !other.end() && other.window() == wc.window()) {
                        windowEnd = g;
                        windowStart = h;
                    }
                }
            }
        }
        if (in.changelog() && windowEnd >= 0) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    "a windowed GROUP BY over a changelog is not supported: windows need append-only input");
        }
        RelNode input = in.rel();
        Spread spread = in.spread();
        if (!spread.satisfies(groups)) {
            List<Integer> keys = new ArrayList<>();
            for (int g : groups) {
                if (g != windowEnd && g != windowStart) {
                    keys.add(g);
                }
            }
            int[] k = keys.stream().mapToInt(Integer::intValue).toArray();
            int partitions = k.length == 0 ? 1 : spread.partitions();
            input = new StreamExchange(agg.getCluster(), input.getTraitSet(), input, k, partitions);
            spread = new Spread(k, partitions);
        }
        // the output's columns are the group keys, in order: map the spread's keys onto them
        int[] outKeys = null;
        if (spread.keys() != null) {
            List<Integer> positions = new ArrayList<>();
            List<Integer> groupList = groups.asList();
            for (int k : spread.keys()) {
                positions.add(groupList.indexOf(k));
            }
            outKeys = positions.contains(-1) ? null : positions.stream().mapToInt(Integer::intValue).toArray();
        }
        StreamAggregate out = new StreamAggregate(agg.getCluster(), agg.getTraitSet(), input, groups,
                agg.getAggCallList(), windowEnd, in.changelog());
        int[] unique = new int[groups.cardinality()];
        for (int i = 0; i < unique.length; i++) {
            unique[i] = i;
        }
        return new Result(out, new Spread(outKeys, spread.partitions()), windowEnd < 0, unique);
    }

    /**
     * INSERT INTO a table: the query's rows must be unique by the table's primary key (an aggregate
     * grouped by exactly those columns, or another table with that key), so that its changelog is one
     * of the table's keys; then its +I/-U/+U/-D rows are the table's log as they are.
     */
    private static Result tableSink(StreamSink sink) {
        Result in = visit(sink.getInput());
        io.sluice.engine.catalog.StreamDef t = sink.stream();
        List<String> names = sink.getInput().getRowType().getFieldNames();
        String pk = String.join(", ", t.primaryKey());
        if (!readsScan(sink.getInput())) {
            // INSERT ... VALUES: the engine upserts each row by its key (see StreamEngine.insert)
            return new Result(sink.copy(sink.getTraitSet(), List.of(in.rel())), in.spread(), false);
        }
        if (in.uniqueKey() == null) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Cannot INSERT INTO "
                    + t.kind().sql().toLowerCase(java.util.Locale.ROOT) + " " + t.name() + " from a query whose rows "
                    + "have no key: each row of a table is the current row of its PRIMARY KEY (" + pk + "). Write "
                    + "a GROUP BY " + pk + " (its changelog updates the table), or INSERT ... VALUES to upsert rows.");
        }
        java.util.Set<Integer> want = new java.util.TreeSet<>();
        for (int k : t.primaryKeyIndexes()) {
            want.add(k);
        }
        java.util.Set<Integer> have = new java.util.TreeSet<>();
        for (int k : in.uniqueKey()) {
            have.add(k);
        }
        if (!want.equals(have)) {
            List<String> got = new ArrayList<>();
            for (int k : in.uniqueKey()) {
                got.add(k < t.schema().size() ? t.schema().column(k).name() : names.get(k));
            }
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Cannot INSERT INTO "
                    + t.kind().sql().toLowerCase(java.util.Locale.ROOT) + " " + t.name() + ": its PRIMARY KEY is ("
                    + pk + ") but the query's rows are unique by (" + String.join(", ", got) + "). Group by exactly "
                    + "the primary key columns, in the table's column positions.");
        }
        return new Result(sink.copy(sink.getTraitSet(), List.of(in.rel())), in.spread(), false);
    }

    private static boolean readsScan(RelNode rel) {
        return rel instanceof StreamTableScan || rel.getInputs().stream().anyMatch(Partitioning::readsScan);
    }

    /**
     * A join reads both inputs in one task: each side goes through an exchange (a stage reads one
     * stream or its internal stream), hashed by its equi-keys over the same number of partitions, or
     * all into one partition when there are no equi-keys.
     */
    private static Result join(StreamJoin join) {
        Result l = visit(join.getLeft());
        Result r = visit(join.getRight());
        if (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT
                && join.getJoinType() != JoinRelType.RIGHT && join.getJoinType() != JoinRelType.FULL) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, join.getJoinType()
                    + " joins (IN / EXISTS sub-queries) are not supported yet");
        }
        StreamJoin.Analysis a = JoinAnalysis.analyse(join, l.rel(), r.rel(), l.changelog(), r.changelog());
        int[] lk = a.leftKeys();
        int partitions = lk.length == 0 ? 1 : Math.max(l.spread().partitions(), r.spread().partitions());
        RelNode left = new StreamExchange(join.getCluster(), l.rel().getTraitSet(), l.rel(), lk, partitions);
        RelNode right = new StreamExchange(join.getCluster(), r.rel().getTraitSet(), r.rel(), a.rightKeys(),
                partitions);
        int nLeft = l.rel().getRowType().getFieldCount();
        int[] outKeys = switch (join.getJoinType()) {
            case INNER, LEFT -> lk;
            case RIGHT -> java.util.Arrays.stream(a.rightKeys()).map(k -> k + nLeft).toArray();
            default -> null;
        };
        boolean changelog = a.regular() && (join.getJoinType() != JoinRelType.INNER || l.changelog() || r.changelog());
        return new Result(join.analysed(left, right, a),
                new Spread(outKeys == null || outKeys.length == 0 ? null : outKeys, partitions), changelog);
    }

    private static final String TOP_N_CHANGELOG = "A Top-N (ROW_NUMBER() OVER ... WHERE rn <= N) without a window "
            + "produces a changelog (rows enter and leave the top N)";
    private static final String TOP_N_HINT = "Partition by window_start and window_end of a window to get each "
            + "window's top N once, or keep the first row per key ordered by its event-time column ascending "
            + "(deduplication); both are append-only.";

    /**
     * A Top-N: window Top-N when partitioned by both the start and end of one window, first-row
     * deduplication when it keeps one row ordered by an event-time column ascending, else a changelog.
     * Its input is hash-partitioned on the partition keys (the window columns aside).
     */
    private static Result rank(StreamRank rank) {
        Result in = visit(rank.getInput());
        if (in.changelog()) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "A Top-N (ROW_NUMBER() OVER) over a "
                    + "changelog (such as a GROUP BY without a window) is not supported yet: its input must be "
                    + "append-only");
        }
        ImmutableBitSet keys = ImmutableBitSet.of(rank.partitionKeys());
        int windowEnd = -1;
        int windowStart = -1;
        for (int k : keys) {
            WindowColumn wc = WindowColumn.trace(in.rel(), k);
            if (wc != null && wc.end()) {
                for (int h : keys) {
                    WindowColumn other = WindowColumn.trace(in.rel(), h);
                    if (other != null && !other.end() && other.window() == wc.window()) {
                        windowEnd = k;
                        windowStart = h;
                    }
                }
            }
        }
        RankNode.Mode mode = RankNode.Mode.CHANGELOG;
        if (windowEnd >= 0) {
            mode = RankNode.Mode.WINDOW;
        } else if (rank.limit() == 1 && rank.order().size() == 1
                && !rank.order().get(0).getDirection().isDescending()
                && isRowtime(in.rel(), rank.order().get(0).getFieldIndex())) {
            mode = RankNode.Mode.FIRST_ROW;
        }
        RelNode input = in.rel();
        Spread spread = in.spread();
        if (!spread.satisfies(keys)) {
            List<Integer> by = new ArrayList<>();
            for (int k : keys) {
                if (k != windowEnd && k != windowStart) {
                    by.add(k);
                }
            }
            int[] k = by.stream().mapToInt(Integer::intValue).toArray();
            int partitions = k.length == 0 ? 1 : spread.partitions();
            input = new StreamExchange(rank.getCluster(), input.getTraitSet(), input, k, partitions);
            spread = new Spread(k, partitions);
        }
        boolean changelog = mode == RankNode.Mode.CHANGELOG;
        return new Result(rank.with(input, mode, windowEnd), spread, changelog, changelog);
    }

    /**
     * An OVER aggregate: in event time (rows emitted as the watermark passes them, append-only) when its
     * input is append-only and it is ordered by the input's event-time column alone, ascending; else over
     * the changelog of its input, and its result is a changelog unique by whatever made the input's rows
     * unique. Its input is hash-partitioned on the partition keys.
     */
    private static Result over(StreamOver over) {
        Result in = visit(over.getInput());
        boolean eventTime = !in.changelog() && over.order().size() == 1
                && !over.order().get(0).getDirection().isDescending()
                && isRowtime(in.rel(), over.order().get(0).getFieldIndex());
        ImmutableBitSet keys = ImmutableBitSet.of(over.partitionKeys());
        RelNode input = in.rel();
        Spread spread = in.spread();
        if (!spread.satisfies(keys)) {
            int[] k = keys.toArray();
            int partitions = k.length == 0 ? 1 : spread.partitions();
            input = new StreamExchange(over.getCluster(), input.getTraitSet(), input, k, partitions);
            spread = new Spread(k, partitions);
        }
        io.sluice.engine.plan.OverNode.Mode mode = eventTime ? io.sluice.engine.plan.OverNode.Mode.EVENT_TIME
                : io.sluice.engine.plan.OverNode.Mode.CHANGELOG;
        return new Result(over.with(input, mode), spread, !eventTime, in.uniqueKey());
    }

    /** Whether a column is a stream's event-time column (the one its WATERMARK is declared for), unchanged. */
    static boolean isRowtime(RelNode rel, int column) {
        if (rel instanceof StreamTableScan scan) {
            var w = scan.stream().watermark();
            return w != null && scan.stream().schema().indexOf(w.column()) == column;
        }
        if (rel instanceof StreamCalc calc) {
            RexProgram p = calc.getProgram();
            RexNode e = p.expandLocalRef(p.getProjectList().get(column));
            return e instanceof RexInputRef ref && isRowtime(calc.getInput(), ref.getIndex());
        }
        if (rel instanceof StreamExchange || rel instanceof StreamWindowTableFunction || rel instanceof StreamRank
                || rel instanceof StreamOver o && o.mode() == io.sluice.engine.plan.OverNode.Mode.EVENT_TIME) {
            RelNode input = rel.getInput(0);
            return column < input.getRowType().getFieldCount() && isRowtime(input, column);
        }
        return false;
    }

    /** Keys survive a Calc when each is projected unchanged; then they are at their new positions. */
    private static Spread throughCalc(RexProgram program, Spread in) {
        if (in.keys() == null || in.keys().length == 0 && in.partitions() == 0) {
            return in;
        }
        int[] out = new int[in.keys().length];
        List<RexLocalRef> projects = program.getProjectList();
        for (int i = 0; i < out.length; i++) {
            out[i] = -1;
            for (int j = 0; j < projects.size(); j++) {
                RexNode e = program.expandLocalRef(projects.get(j));
                if (e instanceof RexInputRef ref && ref.getIndex() == in.keys()[i]) {
                    out[i] = j;
                    break;
                }
            }
            if (out[i] < 0) {
                return new Spread(null, in.partitions());
            }
        }
        return new Spread(out, in.partitions());
    }

    /** A column traced back to a window table function's window_start or window_end. */
    record WindowColumn(StreamWindowTableFunction window, boolean end) {
        static WindowColumn trace(RelNode rel, int column) {
            if (rel instanceof StreamWindowTableFunction w) {
                int n = w.getInput().getRowType().getFieldCount();
                if (column == n) {
                    return new WindowColumn(w, false);
                }
                if (column == n + 1) {
                    return new WindowColumn(w, true);
                }
                return null;
            }
            if (rel instanceof StreamCalc calc) {
                RexProgram p = calc.getProgram();
                RexNode e = p.expandLocalRef(p.getProjectList().get(column));
                return e instanceof RexInputRef ref ? trace(calc.getInput(), ref.getIndex()) : null;
            }
            if (rel instanceof StreamExchange x) {
                return trace(x.getInput(), column);
            }
            if (rel instanceof StreamRank r && column < r.getInput().getRowType().getFieldCount()) {
                return trace(r.getInput(), column);
            }
            if (rel instanceof StreamAggregate a && a.windowed() && column < a.getGroupCount()) {
                return trace(a.getInput(), a.getGroupSet().nth(column));
            }
            return null;
        }
    }
}
