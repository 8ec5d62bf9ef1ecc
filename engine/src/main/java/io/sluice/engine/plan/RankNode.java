package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * {@code ROW_NUMBER() OVER (PARTITION BY partitionKeys ORDER BY orderKeys)} filtered to the first
 * {@code limit} rows of each partition: Top-N, deduplication and window Top-N. The input must be
 * append-only (+I rows). Output columns: the input's, then the row number (BIGINT, 1-based) when
 * {@code rankColumn}. Ties in the order keys rank by arrival (the row that came first ranks higher),
 * which is deterministic for a given input log.
 *
 * <p>The {@link Mode} decides what is emitted:
 * <ul>
 *   <li>{@link Mode#CHANGELOG}: the current top N of each partition, as a changelog. Without the rank
 *       column, a row entering the top N is +I and the row it pushes out is -D. With it, each rank
 *       whose row changes is -U (old row, rank) then +U (new row, rank), and a rank filled for the
 *       first time is +I. State: at most {@code limit} rows per partition key, kept for as long as
 *       the pipeline runs.</li>
 *   <li>{@link Mode#FIRST_ROW}: deduplication keeping the first row per partition key, where
 *       {@code orderKeys} is the single event-time column, ascending. The first row that arrives for
 *       a key is emitted at once (+I, append-only) and later rows of the key are dropped. A later row
 *       whose event time is earlier than the kept row's (it arrived out of order, within the
 *       watermark's delay) cannot be emitted without retracting: it is dropped and counted as a late
 *       row. State: one timestamp per key; with {@code stateTtlMs} > 0 a key is forgotten once the
 *       watermark passes its row's time plus the TTL (a later row of the key is then a first row
 *       again), else kept for as long as the pipeline runs.</li>
 *   <li>{@link Mode#WINDOW}: window Top-N; {@code windowEnd} is the input column holding
 *       {@code window_end}, one of the partition keys. Each window's top N rows per partition are
 *       emitted once, in rank order, when the watermark reaches the window's last millisecond
 *       ({@code end - 1}), append-only; the window's state is then released. A row for a window
 *       already emitted is counted as late and dropped.</li>
 * </ul>
 *
 * @param nullsLast per order key: whether NULLs sort after every value
 */
public record RankNode(PlanNode input, int[] partitionKeys, int[] orderKeys, boolean[] descending,
                       boolean[] nullsLast, long limit, boolean rankColumn, Mode mode, int windowEnd,
                       long stateTtlMs, RowSchema schema) implements PlanNode {
    public static final String NAME = "rank";

    /** What the node emits; the stored names are {@link #code()}, never ordinals. */
    public enum Mode {
        CHANGELOG("changelog"), FIRST_ROW("first-row"), WINDOW("window");

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
            throw new IllegalStateException("stored plan has a rank mode '" + code + "' this version does not know");
        }
    }

    public RankNode {
        partitionKeys = partitionKeys.clone();
        orderKeys = orderKeys.clone();
        descending = descending.clone();
        nullsLast = nullsLast.clone();
        if (limit < 1) {
            throw new IllegalArgumentException("a Top-N keeps at least one row per partition");
        }
        if (orderKeys.length == 0 || descending.length != orderKeys.length || nullsLast.length != orderKeys.length) {
            throw new IllegalArgumentException("a Top-N needs at least one order key, each with a direction");
        }
        if (mode == Mode.WINDOW && windowEnd < 0) {
            throw new IllegalArgumentException("a window Top-N needs the window_end column");
        }
        if (mode == Mode.FIRST_ROW && (limit != 1 || orderKeys.length != 1 || descending[0])) {
            throw new IllegalArgumentException("first-row deduplication keeps one row, ordered by time ascending");
        }
        int columns = input.schema().size() + (rankColumn ? 1 : 0);
        if (schema.size() != columns) {
            throw new IllegalArgumentException("rank output has " + schema.size() + " columns, expected " + columns);
        }
    }

    /** Whether the output is append-only (+I rows only). */
    public boolean appendOnly() {
        return mode != Mode.CHANGELOG;
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
