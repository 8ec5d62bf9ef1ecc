package io.sluice.connectors.jdbc;

import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Options;
import io.sluice.storage.row.RowSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A jdbc sink's options, checked once, and the statements they lead to. Identifiers are written
 * unquoted, as given, so that the database folds their case as it does for its own DDL.
 *
 * @param keys    indexes of the key columns in the schema; empty in append mode
 * @param dialect postgresql, h2, mysql or standard
 */
record JdbcSinkSettings(String stream, RowSchema schema, String url, String table, String user, String password,
                        int[] keys, String dialect, int batchSize) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

    static JdbcSinkSettings of(ConnectorContext context) {
        Options o = context.options();
        String url = o.get(JdbcConnectorFactory.URL).trim();
        if (!url.startsWith("jdbc:")) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, JdbcConnectorFactory.URL,
                    "Option 'url' must be a JDBC URL (jdbc:...), not '" + url + "'");
        }
        String table = o.get(JdbcConnectorFactory.TABLE).trim();
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, JdbcConnectorFactory.TABLE,
                    "Option 'table' must be a table name ([catalog.][schema.]name), not '" + table + "'");
        }
        RowSchema schema = context.schema();
        for (int i = 0; i < schema.size(); i++) {
            if (!IDENTIFIER.matcher(schema.column(i).name()).matches() || schema.column(i).name().contains(".")) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, JdbcConnectorFactory.TABLE,
                        "Column '" + schema.column(i).name() + "' cannot be written unquoted to a database table");
            }
        }
        List<Integer> keys = new ArrayList<>();
        String keyText = o.get(JdbcConnectorFactory.KEY_COLUMNS);
        if (keyText != null) {
            for (String k : keyText.split(",")) {
                int i = schema.indexOf(k.trim());
                if (i < 0) {
                    throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, JdbcConnectorFactory.KEY_COLUMNS,
                            "Option 'key.columns' names column '" + k.trim() + "', which stream " + context.stream()
                                    + " does not have");
                }
                if (keys.contains(i)) {
                    throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, JdbcConnectorFactory.KEY_COLUMNS,
                            "Option 'key.columns' names column '" + k.trim() + "' twice");
                }
                keys.add(i);
            }
        }
        int batch = o.getInt(JdbcConnectorFactory.BATCH_SIZE, 500);
        if (batch < 1) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, JdbcConnectorFactory.BATCH_SIZE,
                    "Option 'batch.size' must be at least 1");
        }
        String dialect = o.getString(JdbcConnectorFactory.DIALECT, "auto");
        if (dialect.equals("auto")) {
            String u = url.toLowerCase(Locale.ROOT);
            dialect = u.startsWith("jdbc:postgresql:") ? "postgresql" : u.startsWith("jdbc:h2:") ? "h2"
                    : u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:") ? "mysql" : "standard";
        }
        return new JdbcSinkSettings(context.stream(), schema, url, table, o.get(JdbcConnectorFactory.USER),
                o.get(JdbcConnectorFactory.PASSWORD), keys.stream().mapToInt(Integer::intValue).toArray(), dialect, batch);
    }

    boolean upsert() {
        return keys.length > 0;
    }

    private String name(int i) {
        return schema.column(i).name();
    }

    private boolean isKey(int i) {
        for (int k : keys) {
            if (k == i) {
                return true;
            }
        }
        return false;
    }

    private String columnList(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(prefix).append(name(i));
        }
        return sb.toString();
    }

    private String keyList() {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < keys.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(name(keys[j]));
        }
        return sb.toString();
    }

    private String placeholders() {
        return "?" + ", ?".repeat(schema.size() - 1);
    }

    /** The INSERT of append mode. Parameters: every column in schema order. */
    String insertSql() {
        return "INSERT INTO " + table + " (" + columnList("") + ") VALUES (" + placeholders() + ")";
    }

    /** The upsert of the dialect. Parameters: every column in schema order. */
    String upsertSql() {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            if (!isKey(i)) {
                values.add(i);
            }
        }
        StringBuilder sb = new StringBuilder();
        switch (dialect) {
            case "postgresql" -> {
                sb.append(insertSql()).append(" ON CONFLICT (").append(keyList()).append(") DO ");
                if (values.isEmpty()) {
                    sb.append("NOTHING");
                } else {
                    sb.append("UPDATE SET ");
                    for (int j = 0; j < values.size(); j++) {
                        sb.append(j == 0 ? "" : ", ").append(name(values.get(j))).append(" = EXCLUDED.").append(name(values.get(j)));
                    }
                }
            }
            case "h2" -> sb.append("MERGE INTO ").append(table).append(" (").append(columnList("")).append(") KEY (")
                    .append(keyList()).append(") VALUES (").append(placeholders()).append(')');
            case "mysql" -> {
                sb.append(insertSql()).append(" ON DUPLICATE KEY UPDATE ");
                List<Integer> set = values.isEmpty() ? List.of(keys[0]) : values;
                for (int j = 0; j < set.size(); j++) {
                    sb.append(j == 0 ? "" : ", ").append(name(set.get(j))).append(" = VALUES(").append(name(set.get(j))).append(')');
                }
            }
            default -> {
                sb.append("MERGE INTO ").append(table).append(" t USING (VALUES (").append(placeholders()).append(")) s (")
                        .append(columnList("")).append(") ON (");
                for (int j = 0; j < keys.length; j++) {
                    sb.append(j == 0 ? "" : " AND ").append("t.").append(name(keys[j])).append(" = s.").append(name(keys[j]));
                }
                sb.append(')');
                if (!values.isEmpty()) {
                    sb.append(" WHEN MATCHED THEN UPDATE SET ");
                    for (int j = 0; j < values.size(); j++) {
                        sb.append(j == 0 ? "" : ", ").append(name(values.get(j))).append(" = s.").append(name(values.get(j)));
                    }
                }
                sb.append(" WHEN NOT MATCHED THEN INSERT (").append(columnList("")).append(") VALUES (")
                        .append(columnList("s.")).append(')');
            }
        }
        return sb.toString();
    }

    /** The DELETE by key. Parameters: the key columns in {@code key.columns} order. */
    String deleteSql() {
        StringBuilder sb = new StringBuilder("DELETE FROM ").append(table).append(" WHERE ");
        for (int j = 0; j < keys.length; j++) {
            sb.append(j == 0 ? "" : " AND ").append(name(keys[j])).append(" = ?");
        }
        return sb.toString();
    }
}
