package io.sluice.shell;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Prints a result's rows in one {@link OutputFormat}. Called on the thread reading the result:
 * {@link #begin} once with the columns, {@link #row} for each row as it arrives (the printer flushes,
 * so that a push query's rows appear at once), then {@link #end} when the rows have ended.
 */
interface RowPrinter {
    void begin(ResultSetMetaData columns) throws SQLException;

    /** Prints the row the result set is on. */
    void row(ResultSet rs) throws SQLException;

    /** The rows have ended after {@code count} rows (also after a cancel). */
    void end(long count);
}
