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
 *       {@code time - lowerMs}. Append-only; an outer join emits a preserved row padded with NULLs
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
     */
    public record TimeBound(int leftTime, int rightTime, long lowerMs, long upperMs) {
        public TimeBound {
            if (lowerMs > upperMs) {
                throw new IllegalArgumentException("an interval join's lower bound " + lowerMs
                        + " ms is above its upper bound " + upperMs + " ms");
            }
        }

        /**
         * How far behind the watermark the join's output rows' time columns can be: watermarks above
         * the join are held back by this much, so that its rows are not late for a window above it.
         */
        public long delayMs() {
            return Math.max(0, Math.max(upperMs, -lowerMs));
        }
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
        return asOf == null ? 1 : 2; // a Sluice that knows only version 1 must not run a temporal join
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }
}
