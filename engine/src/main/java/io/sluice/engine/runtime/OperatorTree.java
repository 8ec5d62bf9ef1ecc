package io.sluice.engine.runtime;

import io.sluice.engine.operator.CalcOperator;
import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.RowSink;
import io.sluice.engine.operator.agg.AggregateOperator;
import io.sluice.engine.operator.agg.SessionAggregateOperator;
import io.sluice.engine.operator.rank.RankOperator;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.operator.window.WindowAssigner;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.CalcNode;
import io.sluice.engine.plan.ExchangeNode;
import io.sluice.engine.plan.JoinNode;
import io.sluice.engine.operator.join.JoinOperator;
import io.sluice.engine.operator.join.TemporalJoinOperator;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.RankNode;
import io.sluice.engine.plan.SessionAggregateNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.WindowNode;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The operators of one task, wired from a plan fragment: the leaves (scans, or the exchanges a stage
 * reads) in depth-first order are the task's inputs, numbered by tag; each operator pushes its rows
 * to its parent; the top pushes to the task's sink. Operators are kept children first, the order in
 * which watermarks reach them.
 */
final class OperatorTree {
    private final List<Operator> operators = new ArrayList<>();
    /** Per operator (same order): how far its input's event time is held back by joins below it. */
    private final List<Long> delays = new ArrayList<>();
    private long outputDelay;
    /** {@link #operators} and {@link #delays} as arrays: a scan's watermark advances every few rows. */
    private Operator[] watermarkOrder;
    private long[] watermarkDelays;
    private final List<PlanNode> leaves = new ArrayList<>();
    private final List<RowSink> entries = new ArrayList<>();
    private final CalcCompiler compiler;
    private final boolean exchangesAreLeaves;
    private final Function<String, RowSink> lateSinks;

    /**
     * @param exchangesAreLeaves true for a pipeline stage (an exchange is where its input comes from);
     *                           false for a push query, which runs whole in one task and passes rows
     *                           through its exchanges
     * @param lateSinks          the sink for late rows going to a named stream
     */
    OperatorTree(PlanNode top, RowSink sink, CalcCompiler compiler, boolean exchangesAreLeaves,
                 Function<String, RowSink> lateSinks) {
        this(List.of(top), List.of(sink), compiler, exchangesAreLeaves, lateSinks);
    }

    /**
     * A tree with several tops, each with its own sink (a stage whose outputs share a subtree, see
     * StagePlan). A node reached twice (the same instance) is wired once: its operator's output goes
     * to each parent in turn, in the order the parents were wired, which is the same at every run.
     */
    OperatorTree(List<PlanNode> tops, List<RowSink> sinks, CalcCompiler compiler, boolean exchangesAreLeaves,
                 Function<String, RowSink> lateSinks) {
        this.compiler = compiler;
        this.exchangesAreLeaves = exchangesAreLeaves;
        this.lateSinks = lateSinks;
        long delay = 0;
        for (int i = 0; i < tops.size(); i++) {
            delay = Math.max(delay, wire(tops.get(i), sinks.get(i)));
        }
        outputDelay = delay;
        sliceHopWindows();
        for (Wired w : wired.values()) {
            RowSink out = w.fanOut();
            if (w.op != null) {
                w.op.output(out);
            } else {
                entries.set(w.leaf, out);
            }
        }
        if (shared) {
            // Children before parents, as watermarks need: a shared operator must emit what a watermark
            // completes before any of its parents sees that watermark. Operators were listed parent
            // first, each at its first parent, so the plain reversal of a tree does not hold here.
            operators.clear();
            delays.clear();
            java.util.Set<Wired> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (PlanNode top : tops) {
                postOrder(top, done);
            }
        } else {
            // a tree keeps the order its snapshots have always been written in
            java.util.Collections.reverse(operators);
            java.util.Collections.reverse(delays);
        }
        watermarkOrder = operators.toArray(new Operator[0]);
        watermarkDelays = delays.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * A HOP assigner whose only consumer is a windowed aggregate in this task (directly, or through a
     * projection that is only theirs) hands that aggregate each row once, when the aggregate can keep
     * its windows by slices (see AggregateOperator#sliceFrom): one group update per row instead of one
     * per window. Same rows out, same order.
     */
    private void sliceHopWindows() {
        for (java.util.Map.Entry<PlanNode, Wired> e : wired.entrySet()) {
            if (e.getKey() instanceof AggregateNode a && e.getValue().op instanceof AggregateOperator agg) {
                PlanNode below = a.input();
                if (below instanceof CalcNode c && onlyParent(c)) {
                    below = c.input(); // a projection between them (the aggregate checks that it only picks columns)
                }
                if (below instanceof WindowNode w && onlyParent(w) && wired.get(w).op instanceof WindowAssigner assigner) {
                    agg.sliceFrom(assigner, w);
                }
            }
        }
    }

    /** Whether the node was wired in this task and its output goes to one parent only. */
    private boolean onlyParent(PlanNode node) {
        Wired w = wired.get(node);
        return w != null && w.parents.size() == 1;
    }

    private void postOrder(PlanNode node, java.util.Set<Wired> done) {
        if (node instanceof ExchangeNode x && !exchangesAreLeaves) {
            postOrder(x.input(), done); // a push query passes rows through its exchanges
            return;
        }
        Wired w = wired.get(node);
        if (w == null || w.op == null || !done.add(w)) {
            return; // a leaf (nothing of its own), or an operator already placed
        }
        for (PlanNode in : node.inputs()) {
            postOrder(in, done);
        }
        operators.add(w.op);
        delays.add(w.delay);
    }

    /** What {@link #wire} built for a node: its operator (or leaf number) and every sink its rows go to. */
    private static final class Wired {
        final Operator op;
        final int leaf;
        final long below;
        long delay;
        final List<RowSink> parents = new ArrayList<>(2);

        Wired(Operator op, int leaf, long below) {
            this.op = op;
            this.leaf = leaf;
            this.below = below;
        }

        RowSink fanOut() {
            if (parents.size() == 1) {
                return parents.get(0);
            }
            RowSink[] to = parents.toArray(new RowSink[0]);
            return row -> {
                for (RowSink s : to) {
                    s.accept(row);
                }
            };
        }
    }

    /** Per node instance (not equality: two equal subtrees that the plan does not share run apart). */
    private final java.util.Map<PlanNode, Wired> wired = new java.util.IdentityHashMap<>();
    private boolean shared;

    /**
     * The watermark of this tree's output for an input watermark: held back by the interval joins in
     * it (see {@link JoinNode.TimeBound#delayMs}), so that the rows they emit are not late above.
     */
    long outputWatermark(long wm) {
        return delayed(wm, outputDelay);
    }

    private static long delayed(long wm, long delay) {
        if (delay == 0 || wm == Long.MIN_VALUE || wm == Long.MAX_VALUE) {
            return wm;
        }
        return wm - delay < wm ? wm - delay : Long.MIN_VALUE;
    }

    /** The leaves, in tag order. */
    List<PlanNode> leaves() {
        return leaves;
    }

    /** Where rows of the leaf with this tag go. */
    RowSink entry(int tag) {
        return entries.get(tag);
    }

    /** Wires {@code node} and what is below it; returns how far its output's event time is held back. */
    private long wire(PlanNode node, RowSink downstream) {
        Wired seen = wired.get(node);
        if (seen != null) {
            shared = true;
            seen.parents.add(downstream);
            return seen.below;
        }
        if (node instanceof ScanNode || exchangesAreLeaves && node instanceof ExchangeNode) {
            Wired w = new Wired(null, leaves.size(), 0);
            w.parents.add(downstream);
            wired.put(node, w);
            leaves.add(node);
            entries.add(downstream); // replaced by the fan-out once every parent is known
            return 0;
        }
        if (node instanceof ExchangeNode x) {
            return wire(x.input(), downstream);
        }
        Operator op;
        if (node instanceof CalcNode c) {
            op = new CalcOperator(compiler.compile(c.input().schema(), c.condition(), c.projects(), c.schema()).get(),
                    new RowWriter(c.schema()), new RowReader(c.schema()));
        } else if (node instanceof WindowNode w) {
            op = new WindowAssigner(w);
            if (w.lateStream() != null) {
                op.lateOutput(lateSinks.apply(w.lateStream()));
            }
        } else if (node instanceof AggregateNode a) {
            op = new AggregateOperator(a);
        } else if (node instanceof JoinNode j) {
            var condition = j.condition() == null ? null
                    : compiler.compile(j.schema(), j.condition(), List.of(), RowSchema.of()).get();
            op = j.temporal() ? new TemporalJoinOperator(j, condition) : new JoinOperator(j, condition);
        } else if (node instanceof RankNode r) {
            op = new RankOperator(r);
        } else if (node instanceof SessionAggregateNode s) {
            op = new SessionAggregateOperator(s);
        } else if (node instanceof io.sluice.engine.plan.OverNode v) {
            op = new io.sluice.engine.operator.over.OverOperator(v);
        } else {
            throw new IllegalArgumentException("plan node '" + node.name() + "' cannot run inside a task");
        }
        operators.add(op);
        int at = delays.size();
        delays.add(0L);
        long below = 0;
        if (node.inputs().size() == 1) {
            below = wire(node.inputs().get(0), row -> op.onRow(0, row));
        } else {
            for (int i = 0; i < node.inputs().size(); i++) {
                int input = i;
                below = Math.max(below, wire(node.inputs().get(i), row -> op.onRow(input, row)));
            }
        }
        delays.set(at, below);
        long out = below + (node instanceof JoinNode j && j.interval() ? j.bound().delayMs() : 0);
        Wired w = new Wired(op, -1, out);
        w.delay = below;
        w.parents.add(downstream);
        wired.put(node, w);
        return out;
    }

    void watermark(long wm) {
        Operator[] ops = watermarkOrder;
        for (int i = 0; i < ops.length; i++) {
            ops[i].onWatermark(delayed(wm, watermarkDelays[i]));
        }
    }

    /** @param full whether every operator must write all it holds (see Operator#snapshot(StateWriter, boolean)) */
    void snapshot(StateWriter w, boolean full) {
        for (Operator op : operators) {
            op.snapshot(w, full);
        }
    }

    void restore(StateReader r) {
        for (Operator op : operators) {
            op.restore(r);
        }
    }

    long stateBytes() {
        long n = 0;
        for (Operator op : operators) {
            n += op.stateBytes();
        }
        return n;
    }

    long lateRows() {
        long n = 0;
        for (Operator op : watermarkOrder) { // the array, not the list: asked every step, so no iterator
            n += op.lateRows();
        }
        return n;
    }
}
