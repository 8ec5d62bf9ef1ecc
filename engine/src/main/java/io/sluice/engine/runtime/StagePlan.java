package io.sluice.engine.runtime;

import io.sluice.engine.plan.ExchangeNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StreamSinkNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's plan cut at its exchanges into stages. Stage 0 holds the sink and writes the
 * pipeline's target; every other stage ends in an exchange and writes, with the exchange's tag, to
 * the internal stream of the stage that reads it. A stage reads either one stream (a scan leaf) or
 * its internal stream (one or more exchange leaves, told apart by tag), never both.
 */
final class StagePlan {
    /**
     * One stage.
     *
     * @param index    stage number (0 writes the target)
     * @param top      the plan node whose rows the stage outputs (the sink's input, or an exchange's input)
     * @param output   the exchange the stage writes through, or null for stage 0
     * @param consumer the stage that reads this stage's output (-1 for stage 0)
     * @param tag      the tag of this stage's rows in the consumer's internal stream
     */
    record Stage(int index, PlanNode top, ExchangeNode output, int consumer, int tag) {
    }

    private final List<Stage> stages = new ArrayList<>();
    private final StreamSinkNode sink;

    StagePlan(StreamSinkNode sink) {
        this.sink = sink;
        split(sink.input(), null, -1, 0);
    }

    private int split(PlanNode top, ExchangeNode output, int consumer, int tag) {
        int index = stages.size();
        stages.add(null);
        stages.set(index, new Stage(index, top, output, consumer, tag));
        int[] nextTag = {0};
        findExchanges(top, index, nextTag);
        return index;
    }

    private void findExchanges(PlanNode node, int stage, int[] nextTag) {
        if (node instanceof ExchangeNode x) {
            split(x.input(), x, stage, nextTag[0]++);
            return;
        }
        for (PlanNode in : node.inputs()) {
            findExchanges(in, stage, nextTag);
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
        List<ScanNode> scans = new ArrayList<>();
        collectScans(s.top(), scans);
        if (scans.size() > 1) {
            throw new IllegalArgumentException("a pipeline stage reads one stream; put an exchange below each side");
        }
        return scans.isEmpty() ? null : scans.get(0);
    }

    private static void collectScans(PlanNode node, List<ScanNode> out) {
        if (node instanceof ScanNode s) {
            out.add(s);
        } else if (!(node instanceof ExchangeNode)) {
            node.inputs().forEach(i -> collectScans(i, out));
        }
    }

    /** The partitions of a stage's internal stream: those of the exchanges that feed it (all equal). */
    int exchangePartitions(int stage) {
        int n = -1;
        for (Stage p : producers(stage)) {
            if (n >= 0 && p.output().partitions() != n) {
                throw new IllegalArgumentException("the exchanges into stage " + stage + " disagree on partitions");
            }
            n = p.output().partitions();
        }
        return n;
    }

    /** The writer id of a task of a stage that writes an internal stream. */
    static int exchangeWriterId(int stage, int partition) {
        return (stage << 12) | partition;
    }
}
