package io.sluice.connectors.jdbc;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import java.util.List;

/**
 * {@code 'connector' = 'jdbc'}: a sink that writes its stream's rows into an existing database table
 * whose columns are named like the stream's. Upsert by {@code 'key.columns'}, or append. Options are
 * checked when {@code CREATE STREAM} runs; the database is first contacted when the sink starts.
 */
public final class JdbcConnectorFactory implements ConnectorFactory {
    static final String URL = "url";
    static final String TABLE = "table";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String KEY_COLUMNS = "key.columns";
    static final String DIALECT = "dialect";
    static final String BATCH_SIZE = "batch.size";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "rows into a database table over JDBC: upserts and deletes by key (exactly-once), or inserts (at-least-once)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.required(URL, OptionType.STRING, "the JDBC URL of the database (its driver must be on the class path)"),
                ConfigOption.required(TABLE, OptionType.STRING, "the table to write; it must exist, with columns named like the stream's"),
                ConfigOption.optional(USER, OptionType.STRING, null, "the database user"),
                ConfigOption.optional(PASSWORD, OptionType.STRING, null, "the database user's password"),
                ConfigOption.optional(KEY_COLUMNS, OptionType.STRING, null,
                        "comma-separated key columns: upsert and delete by them; without, rows are appended"),
                ConfigOption.oneOf(DIALECT, List.of("auto", "postgresql", "h2", "mysql", "standard"), "auto",
                        "the upsert statement to use; auto picks by the URL (standard: SQL MERGE)"),
                ConfigOption.optional(BATCH_SIZE, OptionType.INT, "500", "rows per JDBC batch"));
    }

    @Override
    public boolean isSource() {
        return false;
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public boolean needsFormat() {
        return false;
    }

    @Override
    public void validate(ConnectorContext context, boolean sink) {
        JdbcSinkSettings.of(context);
    }

    @Override
    public Source createSource(ConnectorContext context) {
        throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "mode", "jdbc is only a sink");
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        return new JdbcSink(JdbcSinkSettings.of(context));
    }
}
