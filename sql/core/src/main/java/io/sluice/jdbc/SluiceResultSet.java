package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;

/**
 * A forward-only, read-only result set over a {@link Cursor}. For a push query, {@link #next()} blocks
 * until the next row arrives and returns false only when the query ends: its LIMIT or the statement's
 * max rows is reached, its inputs are bounded and exhausted, or it is cancelled
 * ({@link Statement#cancel()} from another thread, or closing this result set).
 *
 * <p>Like every JDBC result set it is used from one thread, except {@link #close()} and the
 * statement's cancel, which may come from any thread and wake a blocked {@code next()}.
 */
final class SluiceResultSet extends ReadOnlyResultSet implements LiveResultSet {
    private final Statement statement;
    private final Cursor cursor;
    private final List<ColumnInfo> columns;
    private long row;
    private boolean onRow;
    private boolean ended;
    private boolean wasNull;
    private volatile boolean closed;

    /**
     * @param statement what {@link #getStatement()} returns; null for metadata results
     */
    SluiceResultSet(Statement statement, Cursor cursor) {
        this.statement = statement;
        this.cursor = cursor;
        this.columns = cursor.columns();
    }

    /**
     * Moves to the next row, blocking until it arrives.
     *
     * @return false once the rows have ended (also after a cancel or after max rows)
     * @throws SQLException if the query failed, timed out, or this result set is closed
     */
    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (ended) {
            return false;
        }
        onRow = cursor.advance();
        if (onRow) {
            row++;
        } else {
            ended = true;
        }
        return onRow;
    }

    @Override
    public boolean awaitNext(long timeout, java.util.concurrent.TimeUnit unit) throws SQLException {
        checkOpen();
        return ended || cursor.await(unit.toNanos(timeout));
    }

    /** Stops the query (if it still runs) and releases it. Any thread; idempotent. */
    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            cursor.cancel();
            if (statement != null && statement.isCloseOnCompletion()) {
                statement.close();
            }
        }
    }

    /** Closed by its statement (which is closing or running another statement): no close-on-completion. */
    void markClosed() {
        closed = true;
        cursor.cancel();
    }

    /** Wakes a {@link #next()} blocked on another thread; it returns false. */
    void cancel() {
        cursor.cancel();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("No column '" + label + "' in this result; columns are " + names(), "42703");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new SluiceResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public int getRow() {
        return onRow ? (int) Math.min(row, Integer.MAX_VALUE) : 0;
    }

    @Override
    public boolean isBeforeFirst() {
        return row == 0 && !ended;
    }

    @Override
    public boolean isAfterLast() {
        return ended && row > 0;
    }

    @Override
    public boolean isFirst() {
        return onRow && row == 1;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
        // Result sets carry no warnings.
    }

    // ---- getters by index ----

    @Override
    public String getString(int column) throws SQLException {
        return JdbcValues.toText(value(column));
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return JdbcValues.toBoolean(value(column));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) JdbcValues.toLong(value(column));
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) JdbcValues.toLong(value(column));
    }

    @Override
    public int getInt(int column) throws SQLException {
        return (int) JdbcValues.toLong(value(column));
    }

    @Override
    public long getLong(int column) throws SQLException {
        return JdbcValues.toLong(value(column));
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return (float) JdbcValues.toDouble(value(column));
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return JdbcValues.toDouble(value(column));
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        return JdbcValues.toBigDecimal(value(column));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return JdbcValues.toDate(value(column));
    }

    /** TIMESTAMP has no time zone, so the calendar does not shift it. */
    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        return getDate(column);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return JdbcValues.toTime(value(column));
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        return getTime(column);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return JdbcValues.toTimestamp(value(column));
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        return getTimestamp(column);
    }

    /** Boolean, Integer, Long, Double, BigDecimal, String, or TIMESTAMP as {@link Timestamp}; null for NULL. */
    @Override
    public Object getObject(int column) throws SQLException {
        return JdbcValues.toJdbcObject(value(column));
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        return JdbcValues.toClass(value(column), type);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    private Object value(int column) throws SQLException {
        checkOpen();
        if (!onRow) {
            throw new SQLException(ended ? "The result set has no more rows" : "Call next() before reading a row", "24000");
        }
        if (column < 1 || column > columns.size()) {
            throw new SQLException("Column index " + column + " is out of range 1.." + columns.size(), "07009");
        }
        Object v = cursor.value(column - 1);
        wasNull = v == null;
        return v;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.closed("The result set");
        }
    }

    private String names() {
        StringBuilder sb = new StringBuilder();
        for (ColumnInfo c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.name());
        }
        return sb.toString();
    }
}
