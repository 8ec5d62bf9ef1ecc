package io.sluice.jdbc.remote;

import io.sluice.Sluice;
import io.sluice.jdbc.SluiceConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * The server's Avatica {@link org.apache.calcite.avatica.Meta}: Avatica's {@link JdbcMeta} over
 * connections to the one embedded engine the server holds, with the parts that would block on a push
 * query replaced. Executing and fetching answer with the rows a query has produced so far
 * ({@link LiveFrames}) instead of waiting for a full frame, so a remote client sees rows as they come.
 *
 * <p>Clean-up: Avatica keeps each remote connection and statement in a cache that expires entries not
 * used for a while; expiring a statement closes it, which stops its push query. A client that
 * disappears (killed, network gone) therefore leaves nothing running once the statement idle time has
 * passed. Fetches and executions count as use of the statement and of its connection, so a client that
 * keeps reading a long push query keeps both alive. The caches only expire entries when touched, so the
 * server calls {@link #cleanUp()} periodically.
 *
 * <p>Called on Jetty's request threads; statements are used by one request at a time (the client
 * speaks to a statement from one thread), connections by many.
 */
final class SluiceMeta extends JdbcMeta {
    private final Sluice sluice;
    private final LiveFrames frames;
    private final Calendar utc = DateTimeUtils.calendar();

    /**
     * @param cacheSettings Avatica's cache settings ({@link JdbcMeta.ConnectionCacheSettings},
     *                      {@link JdbcMeta.StatementCacheSettings} keys)
     * @param fetchWaitMillis how long a fetch of a push query waits for its first row
     */
    SluiceMeta(Sluice sluice, Properties cacheSettings, long fetchWaitMillis) throws SQLException {
        super("jdbc:sluice:" + sluice.config().dataDir(), cacheSettings);
        this.sluice = sluice;
        this.frames = new LiveFrames(fetchWaitMillis, TimeUnit.MILLISECONDS);
    }

    /** Every remote connection is a connection to the server's engine; closing it leaves the engine open. */
    @Override
    protected Connection createConnection(String url, Properties info) {
        return SluiceConnection.wrap(sluice);
    }

    /** Expires idle connections and statements now (the caches would otherwise wait for the next access). */
    void cleanUp() {
        getStatementCache().cleanUp();
        getConnectionCache().cleanUp();
    }

    /** Closes every statement and connection (their removal listeners close them); for server shutdown. */
    void closeAll() {
        getStatementCache().invalidateAll();
        getConnectionCache().invalidateAll();
        cleanUp();
    }

    /** How many statements the server holds for clients (open or not yet expired). */
    long statementCount() {
        return getStatementCache().size();
    }

    /**
     * What the statement cache holds for each remote statement: Avatica's record plus the JDBC statement,
     * which Avatica keeps package-private. Avatica's removal listener still closes it on expiry.
     */
    private static final class Held extends StatementInfo {
        final Statement jdbc;

        Held(Statement jdbc) {
            super(jdbc);
            this.jdbc = jdbc;
        }
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        try {
            Statement statement = getConnection(ch.id).createStatement();
            int id = getStatementIdGenerator().getAndIncrement();
            getStatementCache().put(id, new Held(statement));
            return new StatementHandle(ch.id, id, null);
        } catch (SQLException e) {
            throw Failures.toRuntime(e);
        }
    }

    /** As JdbcMeta does it, but a refused statement keeps its SQLSTATE and message on the client. */
    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        try {
            PreparedStatement statement = getConnection(ch.id).prepareStatement(sql);
            applyMaxRows(statement, maxRowCount);
            int id = getStatementIdGenerator().getAndIncrement();
            // The columns of a query are known once it runs (execute sends them); the parameters are known now.
            ResultSetMetaData columns = statement.getMetaData();
            boolean insert = sql.stripLeading().regionMatches(true, 0, "INSERT", 0, 6);
            Signature signature = signature(columns, statement.getParameterMetaData(), sql,
                    insert ? StatementType.INSERT : StatementType.SELECT);
            getStatementCache().put(id, new Held(statement));
            return new StatementHandle(ch.id, id, signature);
        } catch (SQLException e) {
            throw Failures.toRuntime(e);
        }
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
            PrepareCallback callback) throws NoSuchStatementException {
        Held info = statement(h);
        synchronized (info) {
            try {
                Statement statement = info.jdbc;
                applyMaxRows(statement, maxRowCount);
                boolean hasRows = statement.execute(sql);
                ResultSet rs = hasRows ? statement.getResultSet() : null;
                info.setResultSet(rs);
                if (rs == null) {
                    return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id,
                            Math.max(0, statement.getLargeUpdateCount()))));
                }
                Signature signature = signature(rs.getMetaData(), null, sql, StatementType.SELECT);
                return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, true, signature,
                        frames.frame(rs, 0, maxRowsInFirstFrame))));
            } catch (SQLException e) {
                throw Failures.toRuntime(e);
            }
        }
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        Held info = statement(h);
        synchronized (info) {
            try {
                if (!(info.jdbc instanceof PreparedStatement ps)) {
                    throw new SQLException("Statement " + h.id + " was not prepared", "HY010");
                }
                if (parameterValues != null) {
                    for (int i = 0; i < parameterValues.size(); i++) {
                        TypedValue v = parameterValues.get(i);
                        if (v == null) {
                            throw new SQLException("Parameter " + (i + 1) + " is not set", "07001");
                        }
                        ps.setObject(i + 1, v.toJdbc(utc));
                    }
                }
                if (!ps.execute()) {
                    info.setResultSet(null);
                    return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id,
                            Math.max(0, ps.getLargeUpdateCount()))));
                }
                ResultSet rs = ps.getResultSet();
                info.setResultSet(rs);
                Signature signature = signature(rs.getMetaData(), ps.getParameterMetaData(),
                        h.signature != null ? h.signature.sql : null, StatementType.SELECT);
                return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, true, signature,
                        frames.frame(rs, 0, maxRowsInFirstFrame))));
            } catch (SQLException e) {
                throw Failures.toRuntime(e);
            }
        }
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        Held info = statement(h);
        synchronized (info) {
            if (!info.isResultSetInitialized()) {
                throw new MissingResultsException(h);
            }
            ResultSet rs = info.getResultSet();
            if (rs == null) {
                return Frame.EMPTY;
            }
            try {
                return frames.frame(rs, offset, fetchMaxRowCount);
            } catch (SQLException e) {
                throw Failures.toRuntime(e);
            }
        }
    }

    /** The statement of a handle; touching it and its connection keeps both from expiring. */
    private Held statement(StatementHandle h) throws NoSuchStatementException {
        StatementInfo info = getStatementCache().getIfPresent(h.id);
        if (!(info instanceof Held held)) {
            // Absent, or a metadata result's record (those are read whole at once and never fetched).
            throw new NoSuchStatementException(h);
        }
        getConnectionCache().getIfPresent(h.connectionId);
        return held;
    }

    /** Avatica's convention: a positive count limits the rows, a negative one means no limit. */
    private static void applyMaxRows(Statement statement, long maxRowCount) throws SQLException {
        if (maxRowCount > 0) {
            statement.setLargeMaxRows(maxRowCount);
        } else if (maxRowCount < 0) {
            statement.setLargeMaxRows(0);
        }
    }
}
