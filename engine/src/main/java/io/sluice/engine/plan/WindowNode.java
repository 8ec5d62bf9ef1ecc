package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * A window table function that assigns each row to its windows without state: {@code TUMBLE},
 * {@code HOP} or {@code CUMULATE}. Each input row becomes one output row per window it falls in,
 * with the input's columns followed by {@code window_start} and {@code window_end} (TIMESTAMP(3)).
 * Windows are aligned to the epoch plus {@code offsetMs}; a window covers [start, end).
 *
 * <ul>
 *   <li>TUMBLE: windows of {@code sizeMs}, back to back ({@code stepMs} = size);</li>
 *   <li>HOP: windows of {@code sizeMs} starting every {@code stepMs};</li>
 *   <li>CUMULATE: windows that start every {@code sizeMs} (the maximum size) and, within it, end
 *       every {@code stepMs}: [s, s+step), [s, s+2 step), ... [s, s+size).</li>
 *   <li>SESSION: each row gets the window [time, time + {@code sizeMs}) (the gap); a
 *       {@link SessionAggregateNode} above merges a key's overlapping windows into sessions. Lateness
 *       is decided there, after merging, so {@code dropLate} does not apply to SESSION.</li>
 * </ul>
 * A row whose time column is NULL belongs to no window and is dropped.
 *
 * <p>When the windows feed a windowed aggregate ({@code dropLate}), a row is late for each of its
 * windows whose end is already behind the watermark (the aggregate has emitted it): it is not sent
 * for those windows, and the row itself (as it reached this node) is counted as late once and written
 * to {@code lateStream} when one is set. Deciding here, on the watermark of the row's own input
 * partition, makes the decision the same on every run, which exactly-once recovery relies on.
 *
 * @param lateStream where late rows go, or null to drop them (they are counted either way)
 */
public record WindowNode(PlanNode input, Kind kind, int timeIndex, long sizeMs, long stepMs, long offsetMs,
                         boolean dropLate, String lateStream, RowSchema schema) implements PlanNode {
    public static final String NAME = "window";

    /** The window table functions this node implements. */
    public enum Kind { TUMBLE, HOP, CUMULATE, SESSION }

    public WindowNode {
        if (sizeMs <= 0 || stepMs <= 0) {
            throw new IllegalArgumentException("window size and step must be positive");
        }
        if (kind == Kind.CUMULATE && sizeMs % stepMs != 0) {
            throw new IllegalArgumentException("CUMULATE's maximum size must be a multiple of its step");
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
