package io.sluice.engine.plan;

import io.sluice.engine.plan.expr.Expr;
import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * A join of two inputs. Output columns: the left input's, then the right input's (Calcite's Join
 * layout); on the side an outer join pads, every column is NULL. Rows match when their equi-key
 * columns ({@code leftKeys[i]} = {@code rightKeys[i]}, NULL never matches) are equal and
 * {@code condition} (over the output row, null: always) is TRUE. Both inputs arrive in one task,
 * partitioned by the hash of their equi-keys (or all in one partition when there are none).
 *
 * <p>Three kinds, by what bounds the state:
 * <ul>
 *   <li>interval ({@code bound} set): {@code right.time - left.time} must lie within
 *       [{@code lowerMs}, {@code upperMs}] (inclusive, the condition also checks it); a left row is
 *       kept until the watermark reaches {@code time + upperMs}, a right row until it reaches
 *       {@code time - lowerMs} (or until a column of the row that bounds its partners' time, see
 *       {@link TimeBound}). Append-only; an outer join emits a preserved row padded with NULLs
 *       when it is released without having matched.</li>
 *   <li>window ({@code leftWindowEnd} >= 0): both sides carry a window's start and end, which are
 *       among the equi-keys; a row is kept until the watermark reaches {@code window_end - 1}.
 *       Append-only; outer rows padded at release as above.</li>
 *   <li>temporal ({@code asOf} set, SQL's {@code FOR SYSTEM_TIME AS OF}): the left input is a
 *       stream, the right a table's changelog whose primary key is among the right keys; the table's
 *       rows are versions of their key from their time column on. A left row waits until the watermark
 *       reaches its time, then is joined with the version of its key valid at its time (the latest one
 *       not after it, unless a delete ended it), or padded with NULLs (LEFT) when there is none.
 *       Append-only; versions the watermark has passed are dropped, except the one still valid.</li>
 *   <li>regular (neither): every row is kept, for {@code stateTtlMs} of event time (the watermark at
 *       its arrival plus the TTL; 0 keeps it forever). Input retractions retract the results they
 *       produced; the output is a changelog unless the join is INNER over insert-only inputs.</li>
 * </ul>
 *
 * @param stateTtlMs regular joins: how long a row is kept, in event time (0: forever)
 * @param asOf       a temporal join's time columns, or null for the other kinds
 */
public record JoinNode(PlanNode left, PlanNode right, Type type, int[] leftKeys, int[] rightKeys, Expr condition,
                       TimeBound bound, int leftWindowEnd, int rightWindowEnd, long stateTtlMs, RowSchema schema,
                       Temporal asOf)
        implements PlanNode {
    public static final String NAME = "join";

    /** Which sides an outer join preserves. */
    public enum Type {
        INNER(false, false), LEFT(true, false), RIGHT(false, true), FULL(true, true);

        private final boolean preservesLeft;
        private final boolean preservesRight;

        Type(boolean preservesLeft, boolean preservesRight) {
            this.preservesLeft = preservesLeft;
            this.preservesRight = preservesRight;
        }

        public boolean preserves(int side) {
            return side == 0 ? preservesLeft : preservesRight;
        }
    }

    /**
     * An interval join's time bound: {@code lowerMs <= right[rightTime] - left[leftTime] <= upperMs}.
     * One side of it may instead be a column of a row's own side that bounds the other side's time
     * ({@code leftUntil}: {@code right[rightTime] <= left[leftUntil.column] + leftUntil.ms}, as in an
     * auction matched by bids up to its {@code expires}); then {@code upperMs} (or {@code lowerMs} for
     * {@code rightUntil}) may be unbounded, {@link Long#MAX_VALUE} ({@link Long#MIN_VALUE}). A left row is
     * kept until the watermark reaches the earliest of {@code time + upperMs} and its until-column, a
     * right row until it reaches the earliest of {@code time - lowerMs} and its until-column; so every
     * row is released. The time column of a side whose partner bound is a column can lag the watermark
     * without limit in the output, so it is not an event-time column there (see {@link #delayMs}).
     */
    public record TimeBound(int leftTime, int rightTime, long lowerMs, long upperMs, Until leftUntil, Until rightUntil) {
        public TimeBound {
            if (lowerMs > upperMs) {
                throw new IllegalArgumentException("an interval join's lower bound " + lowerMs
                        + " ms is above its upper bound " + upperMs + " ms");
            }
            if ((upperMs == Long.MAX_VALUE && leftUntil == null) || (lowerMs == Long.MIN_VALUE && rightUntil == null)) {
                throw new IllegalArgumentException("an interval join bounds each side's rows, by a constant or a column");
            }
        }

        public TimeBound(int leftTime, int rightTime, long lowerMs, long upperMs) {
            this(leftTime, rightTime, lowerMs, upperMs, null, null);
        }

        /** Whether a side's time column stays event time in the output (its lag behind the watermark is bounded). */
        public boolean keepsTime(int side) {
            return side == 0 ? upperMs != Long.MAX_VALUE : lowerMs != Long.MIN_VALUE;
        }

        /**
         * How far behind the watermark the join's output rows' event-time columns can be: watermarks
         * above the join are held back by this much, so that its rows are not late for a window above
         * it. Only the sides whose time stays event time count (see {@link #keepsTime}).
         */
        public long delayMs() {
            long left = keepsTime(0) ? Math.max(0, upperMs) : 0;
            long right = keepsTime(1) ? Math.max(0, -lowerMs) : 0;
            return Math.max(left, right);
        }

        /** Whether a column bounds a side's partners (a plan that only a newer Sluice can read). */
        public boolean hasUntil() {
            return leftUntil != null || rightUntil != null;
        }
    }

    /** A column of a row's side plus a constant: the latest time of a partner that row can meet. */
    public record Until(int column, long ms) {
    }

    /**
     * An event-time temporal join's time columns: {@code leftTime}, the stream row's event time (the
     * time it is looked up as of), and {@code rightTime}, the table's version time (its WATERMARK
     * column).
     */
    public record Temporal(int leftTime, int rightTime) {
    }

    /** A join of one of the three kinds that are not temporal. */
    public JoinNode(PlanNode left, PlanNode right, Type type, int[] leftKeys, int[] rightKeys, Expr condition,
                    TimeBound bound, int leftWindowEnd, int rightWindowEnd, long stateTtlMs, RowSchema schema) {
        this(left, right, type, leftKeys, rightKeys, condition, bound, leftWindowEnd, rightWindowEnd, stateTtlMs,
                schema, null);
    }

    public JoinNode {
        leftKeys = leftKeys.clone();
        rightKeys = rightKeys.clone();
        if (leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("a join has as many left keys as right keys");
        }
        if (schema.size() != left.schema().size() + right.schema().size()) {
            throw new IllegalArgumentException("a join's output has the columns of both inputs");
        }
        if (stateTtlMs < 0) {
            throw new IllegalArgumentException("a state TTL is not negative");
        }
        if (asOf != null && (bound != null || leftWindowEnd >= 0 || (type != Type.INNER && type != Type.LEFT))) {
            throw new IllegalArgumentException("a temporal join is INNER or LEFT, with neither bound nor window");
        }
    }

    public boolean temporal() {
        return asOf != null;
    }

    public boolean interval() {
        return bound != null;
    }

    public boolean windowed() {
        return leftWindowEnd >= 0;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        // a Sluice that knows only version 1 must not run a temporal join, nor 2 a column-bounded interval
        return bound != null && bound.hasUntil() ? 3 : asOf == null ? 1 : 2;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }
}
