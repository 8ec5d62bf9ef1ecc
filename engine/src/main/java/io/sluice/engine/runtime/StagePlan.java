package io.sluice.engine.runtime;

import io.sluice.engine.plan.ExchangeNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StreamSinkNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline's plan cut at its exchanges into stages. Stage 0 holds the sink and writes the
 * pipeline's target; every other stage ends in one or more exchanges and writes, with each exchange's
 * tag, to the internal stream of the stage that reads them. A stage reads either one stream (a scan
 * leaf) or its internal stream (one or more exchange leaves, told apart by tag), never both.
 *
 * <p>Shared subtrees. A plan may hold the same node instance under two parents (the planner found two
 * equal subtrees, e.g. Nexmark q5's two per-auction counts). When the exchanges a stage reads lead
 * into regions that share a node, those exchanges' inputs become the tops of one stage, which computes
 * the shared part once and writes every top's rows, each with its own tag and routing, through its
 * one appender into the one consumer. Any other sharing (a node in two stages, an exchange read twice)
 * is not run: {@link #unsupportedSharing} names it, and the planner builds that part apart instead.
 * A plan without shared nodes is cut exactly as before sharing existed (the same stage numbers and
 * tags), so stored pipelines keep their checkpoints.
 */
final class StagePlan {
    /**
     * One stage.
     *
     * @param index    stage number (0 writes the target)
     * @param tops     the plan nodes whose rows the stage outputs: the sink's input for stage 0, else the
     *                 inputs of {@code outputs}, in the same order
     * @param outputs  the exchanges the stage writes through (empty for stage 0)
     * @param consumer the stage that reads this stage's output (-1 for stage 0)
     * @param tags     per output, the tag of its rows in the consumer's internal stream
     */
    record Stage(int index, List<PlanNode> tops, List<ExchangeNode> outputs, int consumer, int[] tags) {
    }

    private final List<Stage> stages = new ArrayList<>();
    private final StreamSinkNode sink;
    /** Which stage each node (by instance) belongs to; an exchange belongs to the stage that reads it. */
    private final Map<PlanNode, Integer> regionOf = new IdentityHashMap<>();
    private final Set<PlanNode> conflicts = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @throws IllegalArgumentException if the plan shares a node in a way stages cannot run */
    StagePlan(StreamSinkNode sink) {
        this(sink, true);
    }

    private StagePlan(StreamSinkNode sink, boolean strict) {
        this.sink = sink;
        add(List.of(sink.input()), List.of(), -1, new int[] {0});
        checkSharedRegions();
        if (strict && !conflicts.isEmpty()) {
            throw new IllegalArgumentException("the pipeline's plan shares a '" + conflicts.iterator().next().name()
                    + "' node between stages that this version of Sluice cannot run together");
        }
    }

    /**
     * The nodes of a plan (by instance) whose sharing the runtime cannot run; empty when every shared
     * node can be computed once. Only a pipeline's plan (ending in a sink) may share nodes: for any
     * other plan every node reached twice is named.
     */
    static Set<PlanNode> unsupportedSharing(PlanNode plan) {
        if (plan instanceof StreamSinkNode sink) {
            return new StagePlan(sink, false).conflicts;
        }
        Set<PlanNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<PlanNode> twice = Collections.newSetFromMap(new IdentityHashMap<>());
        collectTwice(plan, seen, twice);
        return twice;
    }

    private static void collectTwice(PlanNode node, Set<PlanNode> seen, Set<PlanNode> twice) {
        if (!seen.add(node)) {
            twice.add(node);
            return;
        }
        node.inputs().forEach(i -> collectTwice(i, seen, twice));
    }

    /**
     * Adds a stage and, depth first, the stages below it. The numbering is that of a plain depth-first
     * walk: for a plan without shared nodes, stage k and its tags are what they always were.
     */
    private int add(List<PlanNode> tops, List<ExchangeNode> outputs, int consumer, int[] tags) {
        int index = stages.size();
        stages.add(new Stage(index, tops, outputs, consumer, tags));
        List<ExchangeNode> leaves = new ArrayList<>();
        for (PlanNode top : tops) {
            walk(top, index, leaves);
        }
        // exchanges whose inputs reach a common node are written by one stage (union-find on overlap)
        int n = leaves.size();
        List<Set<PlanNode>> reach = new ArrayList<>(n);
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            Set<PlanNode> r = Collections.newSetFromMap(new IdentityHashMap<>());
            reach(leaves.get(i).input(), r);
            reach.add(r);
            group[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (find(group, i) != find(group, j) && overlap(reach.get(i), reach.get(j))) {
                    group[find(group, j)] = find(group, i);
                }
            }
        }
        boolean[] placed = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (placed[i]) {
                continue;
            }
            List<PlanNode> groupTops = new ArrayList<>();
            List<ExchangeNode> groupOutputs = new ArrayList<>();
            List<Integer> groupTags = new ArrayList<>();
            for (int j = i; j < n; j++) {
                if (!placed[j] && find(group, j) == find(group, i)) {
                    placed[j] = true;
                    groupTops.add(leaves.get(j).input());
                    groupOutputs.add(leaves.get(j));
                    groupTags.add(j);
                }
            }
            add(groupTops, groupOutputs, index, groupTags.stream().mapToInt(Integer::intValue).toArray());
        }
        return index;
    }

    private static int find(int[] group, int i) {
        while (group[i] != i) {
            i = group[i];
        }
        return i;
    }

    private static boolean overlap(Set<PlanNode> a, Set<PlanNode> b) {
        for (PlanNode x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /** The nodes a stage computes from {@code node} down, with the exchanges it would read. */
    private static void reach(PlanNode node, Set<PlanNode> out) {
        if (!out.add(node) || node instanceof ExchangeNode) {
            return;
        }
        node.inputs().forEach(i -> reach(i, out));
    }

    private void walk(PlanNode node, int stage, List<ExchangeNode> leaves) {
        Integer at = regionOf.get(node);
        if (at != null) {
            // reached again: fine inside one stage (computed once, its output fanned out), but not from
            // another stage, and an exchange is read by one stage once
            if (at != stage || node instanceof ExchangeNode) {
                conflicts.add(node);
            }
            return;
        }
        regionOf.put(node, stage);
        if (node instanceof ExchangeNode x) {
            leaves.add(x);
            return;
        }
        for (PlanNode in : node.inputs()) {
            walk(in, stage, leaves);
        }
    }

    /** A stage made of shared regions must still read one stream, or only exchanges. */
    private void checkSharedRegions() {
        for (Stage s : stages) {
            if (s.tops().size() < 2) {
                continue;
            }
            Set<PlanNode> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
            for (PlanNode top : s.tops()) {
                reach(top, nodes);
            }
            long scans = nodes.stream().filter(x -> x instanceof ScanNode).count();
            long exchanges = nodes.stream().filter(x -> x instanceof ExchangeNode).count();
            if (scans > 1 || scans > 0 && exchanges > 0) {
                nodes.stream().filter(x -> !(x instanceof ExchangeNode)).forEach(conflicts::add);
            }
        }
    }

    List<Stage> stages() {
        return stages;
    }

    StreamSinkNode sink() {
        return sink;
    }

    /** The stages that write into {@code stage}'s internal stream. */
    List<Stage> producers(int stage) {
        return stages.stream().filter(s -> s.consumer() == stage).toList();
    }

    /** The scan a stage reads, or null when it reads its internal stream. */
    static ScanNode scanOf(Stage s) {
        Set<PlanNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ScanNode> scans = new ArrayList<>();
        for (PlanNode top : s.tops()) {
            collectScans(top, scans, seen);
        }
        if (scans.size() > 1) {
            throw new IllegalArgumentException("a pipeline stage reads one stream; put an exchange below each side");
        }
        return scans.isEmpty() ? null : scans.get(0);
    }

    private static void collectScans(PlanNode node, List<ScanNode> out, Set<PlanNode> seen) {
        if (!seen.add(node)) {
            return; // a shared node: its scan is read once
        }
        if (node instanceof ScanNode s) {
            out.add(s);
        } else if (!(node instanceof ExchangeNode)) {
            node.inputs().forEach(i -> collectScans(i, out, seen));
        }
    }

    /** The partitions of a stage's internal stream: those of the exchanges that feed it (all equal). */
    int exchangePartitions(int stage) {
        int n = -1;
        for (Stage p : producers(stage)) {
            for (ExchangeNode x : p.outputs()) {
                if (n >= 0 && x.partitions() != n) {
                    throw new IllegalArgumentException("the exchanges into stage " + stage + " disagree on partitions");
                }
                n = x.partitions();
            }
        }
        return n;
    }

    /** The writer id of a task of a stage that writes an internal stream. */
    static int exchangeWriterId(int stage, int partition) {
        return (stage << 12) | partition;
    }
}
