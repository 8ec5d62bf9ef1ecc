package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Aggregates over a window of rows: {@code agg(...) OVER (PARTITION BY partitionKeys ORDER BY orderKeys
 * frame)} for COUNT, SUM, SUM0, AVG, MIN and MAX (the {@link AggCall}s, never DISTINCT, never filtered).
 * Output columns: the input's, then one column per call. The frame always ends at the current row and
 * starts {@code preceding} rows before it ({@code -1}: at the partition's first row). With
 * {@code range} (only with {@code preceding == -1}) the frame is SQL's {@code RANGE BETWEEN UNBOUNDED
 * PRECEDING AND CURRENT ROW}: it also holds the current row's peers (the rows that tie with it on
 * the order keys), which therefore share one result.
 *
 * <p>The {@link Mode} decides how rows are ordered and what is emitted:
 * <ul>
 *   <li>{@link Mode#EVENT_TIME}: the input is append-only and ordered by its one order key, the
 *       event-time column, ascending (Flink's OVER). A row is held until the watermark reaches its
 *       time, then emitted once (+I, append-only) with the aggregates over its frame; rows of one time
 *       come out in arrival order (which is also their ROWS order). A row at or before the watermark
 *       when it arrives is late: counted and dropped. State: the held rows, and per partition key the
 *       last {@code preceding} rows (or, unbounded, the running aggregates), kept as long as the
 *       pipeline runs.</li>
 *   <li>{@link Mode#CHANGELOG}: the input may be a changelog (+I, -U, +U, -D) and the order any
 *       columns. Each partition keeps its rows sorted by the order keys, ties broken by the rows' bytes
 *       (so the final state does not depend on arrival order). A change emits +I for a new row, -D
 *       (with its last output) for a removed one, and -U/+U for every other row whose frame result
 *       changed (for {@code n} PRECEDING: the {@code n} rows after the change). The output is a
 *       changelog, unique by whatever made the input unique. State: every live input row with its last
 *       output, kept as long as the pipeline runs.</li>
 * </ul>
 *
 * @param nullsLast per order key: whether NULLs sort after every value
 */
public record OverNode(PlanNode input, int[] partitionKeys, int[] orderKeys, boolean[] descending, boolean[] nullsLast,
                       List<AggCall> calls, long preceding, boolean range, Mode mode, RowSchema schema)
        implements PlanNode {
    public static final String NAME = "over";

    /** What the node emits; the stored names are {@link #code()}, never ordinals. */
    public enum Mode {
        EVENT_TIME("event-time"), CHANGELOG("changelog");

        private final String code;

        Mode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Mode fromCode(String code) {
            for (Mode m : values()) {
                if (m.code.equals(code)) {
                    return m;
                }
            }
            throw new IllegalStateException("stored plan has an over mode '" + code + "' this version does not know");
        }
    }

    public OverNode {
        partitionKeys = partitionKeys.clone();
        orderKeys = orderKeys.clone();
        descending = descending.clone();
        nullsLast = nullsLast.clone();
        calls = List.copyOf(calls);
        if (orderKeys.length == 0 || descending.length != orderKeys.length || nullsLast.length != orderKeys.length) {
            throw new IllegalArgumentException("an OVER aggregate needs at least one order key, each with a direction");
        }
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("an OVER aggregate computes at least one aggregate");
        }
        for (AggCall c : calls) {
            if (c.distinct() || c.filterArg() >= 0) {
                throw new IllegalArgumentException("an OVER aggregate takes neither DISTINCT nor FILTER: " + c);
            }
        }
        if (preceding < -1 || range && preceding != -1) {
            throw new IllegalArgumentException("an OVER frame starts n >= 0 rows back or unbounded; RANGE only "
                    + "unbounded, got " + preceding + (range ? " (RANGE)" : " (ROWS)"));
        }
        if (mode == Mode.EVENT_TIME && (orderKeys.length != 1 || descending[0])) {
            throw new IllegalArgumentException("an event-time OVER is ordered by its one time column, ascending");
        }
        int columns = input.schema().size() + calls.size();
        if (schema.size() != columns) {
            throw new IllegalArgumentException("over output has " + schema.size() + " columns, expected " + columns);
        }
    }

    /** Whether the frame reaches back to the partition's first row. */
    public boolean unbounded() {
        return preceding < 0;
    }

    /** Whether the output is append-only (+I rows only). */
    public boolean appendOnly() {
        return mode == Mode.EVENT_TIME;
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
