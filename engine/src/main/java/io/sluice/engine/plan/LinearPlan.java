package io.sluice.engine.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plan that is a single chain: a source (scan or values), Calcs, and optionally a stream sink
 * at the top. This is every plan the foundation supports; plans with joins or aggregates will be
 * graphs of such chains joined by exchanges.
 *
 * @param source the scan or values at the bottom
 * @param calcs  the Calcs from the bottom up
 * @param sink   the sink at the top, or null for a push query
 */
public record LinearPlan(PlanNode source, List<CalcNode> calcs, StreamSinkNode sink) {

    /** Decomposes a plan; fails if it is not a single chain of supported nodes. */
    public static LinearPlan of(PlanNode root) {
        StreamSinkNode sink = null;
        PlanNode node = root;
        if (node instanceof StreamSinkNode s) {
            sink = s;
            node = s.input();
        }
        List<CalcNode> calcs = new ArrayList<>();
        while (node instanceof CalcNode c) {
            calcs.add(c);
            node = c.input();
        }
        if (!(node instanceof ScanNode) && !(node instanceof ValuesNode)) {
            throw new IllegalArgumentException("plan is not a chain from a scan or VALUES: " + root.name());
        }
        Collections.reverse(calcs);
        return new LinearPlan(node, List.copyOf(calcs), sink);
    }

    public ScanNode scan() {
        return source instanceof ScanNode s ? s : null;
    }

    /** The rows that reach the sink, or the caller of a push query. */
    public PlanNode top() {
        return calcs.isEmpty() ? source : calcs.get(calcs.size() - 1);
    }
}
