package io.sluice.jdbc;

import io.sluice.Result;
import io.sluice.Sluice;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import io.sluice.ColumnInfo;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A JDBC connection to an embedded Sluice. Every statement commits as it runs (auto-commit is always
 * on): {@link #commit()} has nothing to do, and {@link #rollback()} and {@code setAutoCommit(false)} are
 * refused, because Sluice cannot undo an append. There are no catalogs or schemas: streams are named
 * at the top level.
 *
 * <p>Thread-safe in the JDBC sense: statements may be created and run from several threads. Closing the
 * connection closes its statements (stopping their push queries) and then releases the engine: the
 * driver's last connection to a directory closes the engine; a connection from {@link #wrap(Sluice)}
 * leaves it open.
 */
public final class SluiceConnection implements Connection {
    private final String url;
    private final Function<String, Result> engine;
    private final AutoCloseable onClose;
    /** Types the ? parameters of a statement ({@link Sluice#parameters}); null when the engine cannot say. */
    private final Function<String, List<ColumnInfo>> parameters;
    private final Set<SluiceStatement> statements = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean readOnly;

    /**
     * @param url     what {@link DatabaseMetaData#getURL()} reports
     * @param engine  runs one statement on the engine ({@link Sluice#execute}); may throw
     *                {@link io.sluice.SluiceException}
     * @param onClose releases the engine when this connection closes (the driver's lease, or nothing)
     */
    SluiceConnection(String url, Function<String, Result> engine, AutoCloseable onClose) {
        this(url, engine, null, onClose);
    }

    /**
     * @param parameters types the {@code ?} parameters of a statement, for prepared statements' parameter
     *                   metadata ({@link Sluice#parameters}); null if unknown (they then report VARCHAR)
     */
    SluiceConnection(String url, Function<String, Result> engine, Function<String, List<ColumnInfo>> parameters,
            AutoCloseable onClose) {
        this.url = url;
        this.engine = engine;
        this.parameters = parameters;
        this.onClose = onClose;
    }

    /**
     * A connection to a Sluice the caller already has open, which it keeps owning: closing the
     * connection closes its statements but leaves {@code sluice} open. This is what
     * {@link Sluice#connection()} returns.
     */
    public static SluiceConnection wrap(Sluice sluice) {
        return new SluiceConnection(SluiceUrl.PREFIX + sluice.config().dataDir(), sluice::execute, sluice::parameters, () -> { });
    }

    /**
     * A connection that runs its statements with {@code engine}, for code that has the engine but not
     * the {@link Sluice} around it (e.g. {@code SluiceEngine.connection()}:
     * {@code SluiceConnection.over("jdbc:sluice:" + config.dataDir(), this::execute)}). Closing the
     * connection closes its statements and leaves the engine open.
     *
     * @param url    what {@link DatabaseMetaData#getURL()} reports
     * @param engine runs one statement; throws {@link io.sluice.SluiceException} for errors
     */
    public static SluiceConnection over(String url, Function<String, Result> engine) {
        return new SluiceConnection(url, engine, () -> { });
    }

    /** Runs one statement on the engine; called by this connection's statements and its metadata. */
    Result run(String sql) throws SQLException {
        checkOpen();
        return engine.apply(sql);
    }

    /** The parameters of {@code sql}, or null when this connection's engine cannot type them. */
    List<ColumnInfo> parameters(String sql) throws SQLException {
        checkOpen();
        return parameters == null ? null : parameters.apply(sql);
    }

    void forget(SluiceStatement statement) {
        statements.remove(statement);
    }

    String url() {
        return url;
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        SluiceStatement s = new SluiceStatement(this);
        statements.add(s);
        return s;
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        checkResultSetKind(resultSetType, resultSetConcurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int holdability) throws SQLException {
        checkResultSetKind(resultSetType, resultSetConcurrency);
        return createStatement();
    }

    /**
     * Prepares a statement with {@code ?} parameters (queries and INSERT). The SQL is parsed now (a syntax
     * error or a parameter whose type cannot be inferred fails here); each execution binds the values as
     * literals into the parsed statement and runs it. See {@link SluicePreparedStatement}.
     */
    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        SluicePreparedStatement s = new SluicePreparedStatement(this, sql);
        statements.add(s);
        return s;
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw JdbcErrors.unsupported("Stored procedures");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        throw JdbcErrors.unsupported("Stored procedures");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        throw JdbcErrors.unsupported("Stored procedures");
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new SluiceDatabaseMetaData(this);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    /** Valid while open: the engine runs in this JVM, so there is no link to check. */
    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("Timeout must not be negative: " + timeoutSeconds, "22023");
        }
        return !closed;
    }

    /** Closes every statement of this connection (stopping their push queries), then releases the engine. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        for (SluiceStatement s : statements) {
            s.close();
        }
        try {
            onClose.close();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("Closing the engine failed: " + e.getMessage(), "58030", e);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "22023");
        }
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException e) {
                // abort has no one to report to; the engine's own error handling has logged it.
            }
        });
    }

    // ---- transactions: always auto-commit ----

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return true;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (!autoCommit) {
            throw JdbcErrors.unsupported("Transactions (every Sluice statement commits as it runs; auto-commit cannot be turned off)");
        }
    }

    /** Nothing to do: every statement was committed when it ran. */
    @Override
    public void commit() throws SQLException {
        checkOpen();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        throw new SQLException("Cannot roll back: the connection is in auto-commit mode and every statement is already committed", "25000");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        rollback();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw JdbcErrors.unsupported("Savepoints");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw JdbcErrors.unsupported("Savepoints");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw JdbcErrors.unsupported("Savepoints");
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_NONE;
    }

    /**
     * Accepted and ignored: there are no transactions to isolate. Tools such as SQLLine set a level
     * when they connect, and refusing it would only print an error.
     */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
    }

    // ---- settings ----

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** A hint, as JDBC defines it: remembered and reported, but statements are not refused because of it. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    /** Sluice has no catalogs; ignored, as JDBC allows. */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return null;
    }

    /** Sluice has no schemas; ignored, as JDBC allows. */
    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
    }

    @Override
    public int getHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw JdbcErrors.unsupported("Closing cursors at commit");
        }
    }

    @Override
    public int getNetworkTimeout() {
        return 0;
    }

    /** The engine is in this JVM: there is no network to time out. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        throw JdbcErrors.unsupported("User-defined types");
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        // No client info properties are defined; JDBC says to ignore unknown ones silently or warn.
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        // As above.
    }

    @Override
    public String getClientInfo(String name) {
        return null;
    }

    @Override
    public Properties getClientInfo() {
        return new Properties();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    // ---- object factories for types Sluice does not have ----

    @Override
    public Clob createClob() throws SQLException {
        throw JdbcErrors.unsupported("CLOB");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw JdbcErrors.unsupported("BLOB");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw JdbcErrors.unsupported("NCLOB");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw JdbcErrors.unsupported("XML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw JdbcErrors.unsupported("ARRAY");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw JdbcErrors.unsupported("STRUCT");
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

    private void checkResultSetKind(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw JdbcErrors.unsupported("Scrollable or updatable result sets");
        }
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw JdbcErrors.closed("The connection");
        }
    }
}
