package io.sluice.connectors.jdbc;

import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes one partition's rows to the table over one connection with auto-commit off. Rows are added
 * to JDBC batches (one for upserts or inserts, one for deletes); a batch is executed when it is full
 * and before a row of the other statement, so that changes to one key keep their order.
 * {@link #prepareCheckpoint()} executes what is pending and commits: one database transaction per
 * Sluice checkpoint. {@link #commit} has nothing left to do.
 *
 * <p>After a crash the sink task replays the rows after the last checkpoint: in upsert mode they
 * upsert and delete the same keys to the same values again (the table ends as the changelog says;
 * a reader may meanwhile see a key briefly go back to an older value), in append mode they are
 * inserted again. A transaction left open by the crash is rolled back by the database.
 *
 * <p>TIMESTAMP values (UTC epoch milliseconds inside Sluice) are written as {@link Timestamp} of the
 * same wall-clock time. Called on one worker thread at a time; each JDBC call blocks for a round trip.
 */
final class JdbcSinkWriter implements SinkWriter {
    private final JdbcSinkSettings settings;
    private final RowSchema schema;
    private final Connection connection;
    private final PreparedStatement write;
    private final PreparedStatement delete;
    private int pendingWrites;
    private int pendingDeletes;

    JdbcSinkWriter(JdbcSinkSettings settings, int partition) {
        this.settings = settings;
        this.schema = settings.schema();
        Connection c = null;
        try {
            c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
            c.setAutoCommit(false);
            write = c.prepareStatement(settings.upsert() ? settings.upsertSql() : settings.insertSql());
            delete = settings.upsert() ? c.prepareStatement(settings.deleteSql()) : null;
            connection = c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new ConnectorException(ConnectorException.Reason.FAILED, null, "jdbc sink of stream " + settings.stream()
                    + " (partition " + partition + ") cannot prepare its statements on " + settings.url() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void write(RowReader row) {
        RowKind kind = row.kind();
        try {
            if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                if (pendingDeletes > 0) {
                    executeDeletes();
                }
                for (int i = 0; i < schema.size(); i++) {
                    bind(write, i + 1, row, i);
                }
                write.addBatch();
                if (++pendingWrites >= settings.batchSize()) {
                    executeWrites();
                }
            } else if (!settings.upsert()) {
                throw new IllegalStateException("jdbc sink of stream " + settings.stream() + " got a " + kind.shortName()
                        + " row but appends only: give it 'key.columns' to apply a changelog");
            } else if (kind == RowKind.DELETE) {
                if (pendingWrites > 0) {
                    executeWrites();
                }
                int[] keys = settings.keys();
                for (int j = 0; j < keys.length; j++) {
                    bind(delete, j + 1, row, keys[j]);
                }
                delete.addBatch();
                if (++pendingDeletes >= settings.batchSize()) {
                    executeDeletes();
                }
            }
            // UPDATE_BEFORE: the UPDATE_AFTER that follows overwrites the row by its key
        } catch (SQLException e) {
            throw failed("write", e);
        }
    }

    private void bind(PreparedStatement st, int param, RowReader row, int i) throws SQLException {
        if (row.isNull(i)) {
            st.setNull(param, sqlType(i));
            return;
        }
        switch (schema.type(i).kind()) {
            case BOOLEAN -> st.setBoolean(param, row.getBoolean(i));
            case INT -> st.setInt(param, row.getInt(i));
            case BIGINT -> st.setLong(param, row.getLong(i));
            case DOUBLE -> st.setDouble(param, row.getDouble(i));
            case DECIMAL -> st.setBigDecimal(param, row.getDecimal(i));
            case VARCHAR -> st.setString(param, row.getString(i));
            case TIMESTAMP -> st.setTimestamp(param, Timestamp.valueOf(
                    LocalDateTime.ofInstant(Instant.ofEpochMilli(row.getLong(i)), ZoneOffset.UTC)));
            default -> st.setObject(param, row.getObject(i));
        }
    }

    private int sqlType(int i) {
        return switch (schema.type(i).kind()) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case VARCHAR -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP;
            default -> Types.OTHER;
        };
    }

    private void executeWrites() throws SQLException {
        write.executeBatch();
        pendingWrites = 0;
    }

    private void executeDeletes() throws SQLException {
        delete.executeBatch();
        pendingDeletes = 0;
    }

    @Override
    public byte[] prepareCheckpoint() {
        try {
            if (pendingWrites > 0) {
                executeWrites();
            }
            if (pendingDeletes > 0) {
                executeDeletes();
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed("commit", e);
        }
        return null;
    }

    @Override
    public void commit(byte[] state) {
        // committed in prepareCheckpoint: replaying upserts is harmless, and appends are at-least-once
    }

    private IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException("jdbc sink of stream " + settings.stream() + " could not " + what + " to "
                + settings.table() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.rollback(); // anything not committed belongs after the last checkpoint
        } catch (SQLException e) {
            // the connection is going away; the database rolls back what it has
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing to do: closing cannot lose committed rows
            }
        }
    }
}
