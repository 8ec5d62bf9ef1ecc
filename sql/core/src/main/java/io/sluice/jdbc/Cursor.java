package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import java.sql.SQLException;
import java.util.List;

/**
 * What a {@link SluiceResultSet} reads: the rows of a push query ({@link RowsCursor}) or a table built
 * in memory for metadata ({@link ListCursor}). Read on one thread; {@link #cancel()} may come from any.
 */
interface Cursor {
    List<ColumnInfo> columns();

    /**
     * Moves to the next row, blocking until it arrives.
     *
     * @return false when the rows have ended (or were cancelled); the cursor is then done for good
     * @throws SQLException if the query failed while running
     */
    boolean advance() throws SQLException;

    /**
     * Waits at most {@code nanos} until {@link #advance()} can answer without blocking.
     *
     * @return true when it can (a row is there, or the rows ended); false when the time passed first
     * @throws SQLException if the query failed while running
     */
    default boolean await(long nanos) throws SQLException {
        return true;
    }

    /** The value of column {@code index} (from 0) of the current row; null for NULL. */
    Object value(int index);

    /** Stops the rows: a blocked or later {@link #advance()} returns false. Any thread; idempotent. */
    void cancel();
}
