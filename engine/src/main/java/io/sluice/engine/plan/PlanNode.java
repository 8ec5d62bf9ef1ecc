package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * A node of Sluice's own physical plan: what the planner produces, what the catalog stores for a
 * pipeline, and what the runtime executes. Each node kind has a stable {@link #name()} and a
 * {@link #version()} of its stored form, so that a plan stored by an older Sluice still loads
 * ({@link PlanCodec} refuses versions it does not know, with a message naming the node).
 */
public sealed interface PlanNode permits ScanNode, CalcNode, ValuesNode, StreamSinkNode, WindowNode, AggregateNode,
        ExchangeNode, JoinNode, RankNode, SessionAggregateNode,
        OverNode {
    /** The stable name of this node kind in stored plans, e.g. {@code "scan"}. */
    String name();

    /** The version of this node kind's stored form. */
    int version();

    /** The rows this node produces. */
    RowSchema schema();

    List<PlanNode> inputs();
}
