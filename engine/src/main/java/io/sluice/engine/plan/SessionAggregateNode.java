package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * GROUP BY a SESSION window's start and end (and the session key): a session of a key is a run of
 * rows each less than the gap after the previous one. The input comes from a {@link WindowNode} of
 * kind SESSION, which gives each row the window [time, time + gap); this node merges a key's
 * overlapping windows into sessions as rows arrive (a row may join two sessions into one), and emits
 * each session's one result row, append-only, when the watermark reaches its last millisecond
 * ({@code end - 1}, where end = the session's last row's time + gap), then releases it.
 *
 * <p>Output columns: the group keys in input order (the window's start and end columns carry the
 * session's bounds), then one column per call, as {@link AggregateNode}. A row whose window, after
 * merging, ends at or before the watermark belongs to a session already emitted: it is counted as a
 * late row and dropped.
 *
 * @param windowStart the input column holding window_start (one of the group keys)
 * @param windowEnd   the input column holding window_end (one of the group keys)
 */
public record SessionAggregateNode(PlanNode input, int[] groupKeys, List<AggCall> calls, int windowStart,
                                   int windowEnd, RowSchema schema) implements PlanNode {
    public static final String NAME = "session-aggregate";

    public SessionAggregateNode {
        groupKeys = groupKeys.clone();
        calls = List.copyOf(calls);
        if (schema.size() != groupKeys.length + calls.size()) {
            throw new IllegalArgumentException("session aggregate output has " + schema.size() + " columns for "
                    + groupKeys.length + " keys and " + calls.size() + " calls");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
