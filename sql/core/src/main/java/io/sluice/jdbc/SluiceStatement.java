package io.sluice.jdbc;

import io.sluice.Result;
import io.sluice.SluiceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs one SQL statement at a time on the engine.
 *
 * <ul>
 *   <li>A SELECT starts a push query: {@link #execute} returns true and {@link #getResultSet()} follows
 *       it; {@link #setMaxRows} ends it after that many rows; {@link #setQueryTimeout} cancels it after
 *       that many seconds (the reader then gets an {@link java.sql.SQLTimeoutException}).</li>
 *   <li>INSERT gives its row count as the update count; DDL gives 0 and the engine's message
 *       ("Stream S created.") as an {@link SQLWarning} with SQLSTATE 00000, the way servers' notices
 *       reach JDBC callers.</li>
 *   <li>{@link #cancel()} from another thread stops the running push query: a {@code next()} blocked on
 *       it returns false.</li>
 * </ul>
 *
 * <p>Used from one thread, except {@link #cancel()} and {@link #close()}. Executing again, or closing,
 * closes the previous result set and so stops its push query.
 */
class SluiceStatement implements Statement {
    /** SQLSTATE of the informational warnings that carry the engine's messages. */
    static final String MESSAGE_STATE = "00000";

    private final SluiceConnection connection;
    private volatile SluiceResultSet resultSet;
    private volatile boolean closed;
    private ScheduledFuture<?> timeout;
    private long updateCount = -1;
    private long maxRows;
    private int queryTimeoutSeconds;
    private int fetchSize;
    private boolean closeOnCompletion;
    private boolean poolable;
    private SQLWarning warnings;
    private final List<String> batch = new ArrayList<>();

    SluiceStatement(SluiceConnection connection) {
        this.connection = connection;
    }

    /**
     * Executes one statement (a trailing {@code ;} is allowed).
     *
     * @return true when it produced rows ({@link #getResultSet()}), false for an update count
     * @throws SQLException with the engine's SQLSTATE and the error's position in the message
     */
    @Override
    public boolean execute(String sql) throws SQLException {
        return run(sql);
    }

    /** Runs one statement's text: {@link #execute(String)}, and a prepared statement with its values bound. */
    final boolean run(String sql) throws SQLException {
        checkOpen();
        closeResult();
        warnings = null;
        updateCount = -1;
        Result result;
        try {
            result = connection.run(sql);
        } catch (SluiceException e) {
            throw JdbcErrors.toSql(e);
        } catch (RuntimeException e) {
            throw new SQLException("Internal error: " + e, SluiceException.INTERNAL_ERROR, e);
        }
        switch (result.kind()) {
            case ROWS -> {
                RowsCursor cursor = new RowsCursor(result.rows(), maxRows);
                resultSet = new SluiceResultSet(this, cursor);
                if (queryTimeoutSeconds > 0) {
                    timeout = QueryTimer.schedule(cursor::timeout, queryTimeoutSeconds);
                }
                return true;
            }
            case UPDATE -> updateCount = Math.max(0, result.updateCount());
            case OK -> {
                updateCount = 0;
                if (result.message() != null && !result.message().isEmpty()) {
                    warnings = new SQLWarning(result.message(), MESSAGE_STATE);
                }
            }
            default -> throw new SQLException("Unknown result kind " + result.kind(), SluiceException.INTERNAL_ERROR);
        }
        return false;
    }

    /** Executes a statement that must produce rows (a SELECT, SHOW, DESCRIBE or EXPLAIN). */
    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("The statement returned no rows (use executeUpdate or execute for it): " + sql, "07000");
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
    }

    /** Executes a statement that must not produce rows; a SELECT is stopped and refused. */
    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (execute(sql)) {
            closeResult();
            throw new SQLException("The statement returned rows (use executeQuery or execute for it): " + sql, "07000");
        }
        return updateCount;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /** Every statement has one result: this closes it and reports that there are no more. */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current != KEEP_CURRENT_RESULT) {
            closeResult();
        }
        resultSet = null;
        updateCount = -1;
        return false;
    }

    /** Stops the push query this statement runs, waking a blocked {@code next()}. Any thread. */
    @Override
    public void cancel() {
        SluiceResultSet rs = resultSet;
        if (rs != null) {
            rs.cancel();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeResult();
        connection.forget(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    // ---- limits ----

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeMaxRows());
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    /** The most rows a result set of this statement returns (0: no limit); the push query then ends. */
    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("Max rows must not be negative: " + max, "22023");
        }
        maxRows = max;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    /** Seconds a push query may run before it is cancelled (0: no limit); applies to later executions. */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("Query timeout must not be negative: " + seconds, "22023");
        }
        queryTimeoutSeconds = seconds;
    }

    @Override
    public int getMaxFieldSize() {
        return 0;
    }

    /** Sluice does not truncate values; only 0 (no limit) is meaningful, other values are ignored. */
    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        if (max < 0) {
            throw new SQLException("Max field size must not be negative: " + max, "22023");
        }
    }

    // ---- batches: each statement runs on its own, in order ----

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        checkOpen();
        int[] counts = new int[batch.size()];
        try {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = executeUpdate(batch.get(i));
            }
        } finally {
            batch.clear();
        }
        return counts;
    }

    // ---- variants that Sluice treats like the plain ones ----

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    /** Streams have no generated keys: always an empty result. */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return new SluiceResultSet(this, new ListCursor(List.of(), List.of()));
    }

    // ---- settings and plumbing ----

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() {
        warnings = null;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw JdbcErrors.unsupported("Named cursors");
    }

    /** Sluice's parser has no JDBC escape syntax to process; accepted and ignored. */
    @Override
    public void setEscapeProcessing(boolean enable) {
        // Nothing to switch.
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw JdbcErrors.unsupported("Fetch directions other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    /** A hint; rows are handed over as they arrive, so it changes nothing. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("Fetch size must not be negative: " + rows, "22023");
        }
        fetchSize = rows;
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public void setPoolable(boolean poolable) {
        this.poolable = poolable;
    }

    @Override
    public boolean isPoolable() {
        return poolable;
    }

    @Override
    public void closeOnCompletion() {
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() {
        return closeOnCompletion;
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

    private void closeResult() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        SluiceResultSet rs = resultSet;
        resultSet = null;
        if (rs != null) {
            rs.cancel();
            rs.markClosed();
        }
    }

    final void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.closed("The statement");
        }
    }
}
