package io.sluice.sql.planner;

import io.sluice.engine.plan.StartMode;

/**
 * What a statement's session or its pipeline's options say about planning.
 *
 * @param defaultStart  where scans start unless a table hint says otherwise
 * @param lateStream    the stream that receives a windowed aggregate's late rows, or null to drop them
 *                      (they are counted either way)
 * @param idleTimeoutMs a source partition with no rows for this long stops holding back event time (0: never)
 * @param stateTtlMs    event time for which a regular join keeps a row (until the watermark passes the
 *                      watermark at the row's arrival plus this) and a deduplication a key (0: forever)
 */
public record PlanOptions(StartMode defaultStart, String lateStream, long idleTimeoutMs, long stateTtlMs) {
    public PlanOptions(StartMode defaultStart, String lateStream, long idleTimeoutMs) {
        this(defaultStart, lateStream, idleTimeoutMs, 0);
    }

    /** The idle timeout when none is set. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 10_000;

    public static PlanOptions of(StartMode defaultStart) {
        return new PlanOptions(defaultStart, null, DEFAULT_IDLE_TIMEOUT_MS, 0);
    }
}
