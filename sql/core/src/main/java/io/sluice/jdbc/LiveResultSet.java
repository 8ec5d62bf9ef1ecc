package io.sluice.jdbc;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A Sluice result set that can say, without blocking for longer than a bound, whether its next row is
 * there. The remote server ({@code io.sluice.jdbc.remote}) uses it to answer a frame fetch with the rows
 * a push query has produced so far instead of waiting for a full frame. Obtain it with
 * {@code resultSet.unwrap(LiveResultSet.class)} from a result set of a Sluice statement.
 *
 * <p>Called on the thread that reads the result set (never concurrently with {@code next()}).
 */
public interface LiveResultSet {
    /**
     * Waits at most {@code timeout} for the result set to be ready: afterwards {@code next()} returns
     * without blocking (a row, or false because the rows ended).
     *
     * @param timeout how long to wait; 0 only looks
     * @return true when ready; false when the timeout passed first (or the thread was interrupted, whose
     *     flag is then set again)
     * @throws SQLException if the query failed while running
     */
    boolean awaitNext(long timeout, TimeUnit unit) throws SQLException;
}
