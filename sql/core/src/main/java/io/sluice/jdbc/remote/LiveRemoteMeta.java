package io.sluice.jdbc.remote;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The client's Meta: Avatica's remote Meta for every call, except how result rows are iterated.
 *
 * <p>Avatica's own iterator fetches the next frame as soon as the current row is handed out, so with a
 * push query a row would reach the application only once the row after it had arrived. This iterator
 * fetches when the application asks for a row that is not there yet ({@code hasNext}), so each row is
 * handed over as soon as it arrives. The server answers a fetch within its fetch wait even when no row
 * came (an empty frame, not done), and the iterator asks again.
 *
 * <p>Stopping: Avatica's {@code Statement.cancel()} only sets a flag on the client. While a result is
 * being read, a {@link CancelWatcher} looks at that flag and, once it is set, closes the statement on the
 * server, which stops the query there; closing a result set before its end does the same. (A later
 * execute on the same {@code Statement} gets a new server statement: Avatica re-creates one that the
 * server no longer knows.)
 */
final class LiveRemoteMeta implements Meta {
    private final Meta remote;
    private final AvaticaConnection connection;

    LiveRemoteMeta(Meta remote, AvaticaConnection connection) {
        this.remote = remote;
        this.connection = connection;
    }

    @Override
    public Iterable<Object> createIterable(StatementHandle handle, QueryState state, Signature signature,
            List<TypedValue> parameterValues, Frame firstFrame) {
        return () -> new LiveIterator(handle, firstFrame);
    }

    /** Rows of one execution, fetched on demand. Used by one thread; {@link #close()} from the result set's close. */
    final class LiveIterator implements Iterator<Object>, AutoCloseable {
        private final StatementHandle handle;
        private final AtomicBoolean cancelFlag;
        private final int fetchSize;
        private volatile Frame frame;
        private Iterator<Object> rows;
        private long offset;
        private volatile boolean finished;

        LiveIterator(StatementHandle handle, Frame firstFrame) {
            this.handle = handle;
            this.frame = firstFrame == null ? Frame.MORE : firstFrame;
            this.rows = frame.rows.iterator();
            this.cancelFlag = cancelFlag(handle);
            this.fetchSize = connection.config().fetchSize();
            if (cancelFlag != null && !frame.done) {
                CancelWatcher.INSTANCE.watch(this, cancelFlag);
            }
        }

        @Override
        public boolean hasNext() {
            while (!rows.hasNext()) {
                if (frame.done || finished) {
                    return false;
                }
                if (cancelFlag != null && cancelFlag.get()) {
                    close();
                    return false;
                }
                try {
                    frame = remote.fetch(handle, offset, fetchSize);
                } catch (RuntimeException e) {
                    if (cancelFlag != null && cancelFlag.get()) {
                        // The watcher closed the statement while this fetch waited: the end of a cancelled query.
                        close();
                        return false;
                    }
                    throw e;
                } catch (NoSuchStatementException | MissingResultsException e) {
                    if (cancelFlag != null && cancelFlag.get()) {
                        close();
                        return false;
                    }
                    finished = true;
                    CancelWatcher.INSTANCE.forget(this);
                    throw new IllegalStateException("The server no longer has this query (statement " + handle.id
                            + "): it was closed, or idle longer than the server's statement idle timeout", e);
                }
                rows = frame.rows.iterator();
                if (frame.done) {
                    CancelWatcher.INSTANCE.forget(this);
                }
            }
            return true;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            offset++;
            return rows.next();
        }

        /** Stops the query on the server if it has not ended. Idempotent; any thread (the watcher calls it). */
        @Override
        public synchronized void close() {
            CancelWatcher.INSTANCE.forget(this);
            if (finished || frame.done) {
                finished = true;
                return;
            }
            finished = true;
            try {
                remote.closeStatement(handle);
            } catch (RuntimeException e) {
                // The server is gone or already forgot the statement: either way nothing runs for it.
            }
        }
    }

    private AtomicBoolean cancelFlag(StatementHandle handle) {
        try {
            return connection.getCancelFlag(handle);
        } catch (NoSuchStatementException e) {
            return null;
        }
    }

    // ---- everything else: Avatica's remote Meta ----

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        return remote.getDatabaseProperties(ch);
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            List<String> typeList) {
        return remote.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList);
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            Pat columnNamePattern) {
        return remote.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return remote.getSchemas(ch, catalog, schemaPattern);
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return remote.getCatalogs(ch);
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return remote.getTableTypes(ch);
    }

    @Override
    public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat procedureNamePattern) {
        return remote.getProcedures(ch, catalog, schemaPattern, procedureNamePattern);
    }

    @Override
    public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat procedureNamePattern, Pat columnNamePattern) {
        return remote.getProcedureColumns(ch, catalog, schemaPattern, procedureNamePattern, columnNamePattern);
    }

    @Override
    public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog, String schema, String table,
            Pat columnNamePattern) {
        return remote.getColumnPrivileges(ch, catalog, schema, table, columnNamePattern);
    }

    @Override
    public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
        return remote.getTablePrivileges(ch, catalog, schemaPattern, tableNamePattern);
    }

    @Override
    public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog, String schema, String table, int scope,
            boolean nullable) {
        return remote.getBestRowIdentifier(ch, catalog, schema, table, scope, nullable);
    }

    @Override
    public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog, String schema, String table) {
        return remote.getVersionColumns(ch, catalog, schema, table);
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return remote.getPrimaryKeys(ch, catalog, schema, table);
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return remote.getImportedKeys(ch, catalog, schema, table);
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return remote.getExportedKeys(ch, catalog, schema, table);
    }

    @Override
    public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
            String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
        return remote.getCrossReference(ch, parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema,
                foreignTable);
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return remote.getTypeInfo(ch);
    }

    @Override
    public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table, boolean unique,
            boolean approximate) {
        return remote.getIndexInfo(ch, catalog, schema, table, unique, approximate);
    }

    @Override
    public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern, int[] types) {
        return remote.getUDTs(ch, catalog, schemaPattern, typeNamePattern, types);
    }

    @Override
    public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
        return remote.getSuperTypes(ch, catalog, schemaPattern, typeNamePattern);
    }

    @Override
    public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
        return remote.getSuperTables(ch, catalog, schemaPattern, tableNamePattern);
    }

    @Override
    public MetaResultSet getAttributes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
            Pat attributeNamePattern) {
        return remote.getAttributes(ch, catalog, schemaPattern, typeNamePattern, attributeNamePattern);
    }

    @Override
    public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
        return remote.getClientInfoProperties(ch);
    }

    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
        return remote.getFunctions(ch, catalog, schemaPattern, functionNamePattern);
    }

    @Override
    public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
            Pat functionNamePattern, Pat columnNamePattern) {
        return remote.getFunctionColumns(ch, catalog, schemaPattern, functionNamePattern, columnNamePattern);
    }

    @Override
    public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            Pat columnNamePattern) {
        return remote.getPseudoColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        return remote.prepare(ch, sql, maxRowCount);
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return remote.prepareAndExecute(h, sql, maxRowCount, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
            PrepareCallback callback) throws NoSuchStatementException {
        return remote.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        return remote.prepareAndExecuteBatch(h, sqlCommands);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        return remote.executeBatch(h, parameterValues);
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        return remote.fetch(h, offset, fetchMaxRowCount);
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return remote.execute(h, parameterValues, maxRowCount);
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        return remote.execute(h, parameterValues, maxRowsInFirstFrame);
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        return remote.createStatement(ch);
    }

    @Override
    public void closeStatement(StatementHandle h) {
        remote.closeStatement(h);
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        remote.openConnection(ch, info);
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        remote.closeConnection(ch);
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) throws NoSuchStatementException {
        return remote.syncResults(sh, state, offset);
    }

    @Override
    public void commit(ConnectionHandle ch) {
        remote.commit(ch);
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        remote.rollback(ch);
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
        return remote.connectionSync(ch, connProps);
    }
}
