package io.sluice.connectors.format;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.Encoder;
import io.sluice.engine.connector.Format;
import io.sluice.engine.connector.FormatFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Options;
import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * JSON, one object per record. Fields map to columns by name, ignoring case and underscores;
 * fields without a column are skipped, columns without a field are NULL. Timestamps are read from
 * {@code yyyy-MM-dd HH:mm:ss.SSS} text (or ISO with {@code T}) or from epoch milliseconds, and
 * written as that text.
 *
 * <p>Options: {@code json.path} reads the row from a nested object of the record instead of the
 * record itself, and {@code json.filter} = {@code field=value} keeps only records whose top-level
 * field has that value. Together they read one kind of event from a union file:
 * {@code 'json.path' = 'bid', 'json.filter' = 'event_type=2'}.
 */
public final class JsonFormatFactory implements FormatFactory {
    @Override
    public String name() {
        return "json";
    }

    @Override
    public String description() {
        return "JSON objects, one per record (JSON lines in files)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.optional("path", OptionType.STRING, null,
                        "name of a top-level field whose object holds the row's fields; a record whose field is null or missing is skipped"),
                ConfigOption.optional("filter", OptionType.STRING, null,
                        "field=value: keep only records whose top-level field has this value (e.g. event_type=2)"));
    }

    @Override
    public Format create(RowSchema schema, Options options) {
        String path = options.get("path");
        if (path != null && path.isBlank()) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "path", "Option 'json.path' is empty");
        }
        String filter = options.get("filter");
        String filterField = null;
        String filterValue = null;
        if (filter != null) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "filter",
                        "Option 'json.filter' must be field=value (e.g. 'event_type=2'), not '" + filter + "'");
            }
            filterField = filter.substring(0, eq).trim();
            filterValue = filter.substring(eq + 1).trim();
        }
        String ff = filterField;
        String fv = filterValue;
        return new Format() {
            @Override
            public String name() {
                return "json";
            }

            @Override
            public Decoder newDecoder() {
                return new JsonDecoder(schema, path, ff, fv);
            }

            @Override
            public Encoder newEncoder() {
                return new JsonEncoder(schema);
            }
        };
    }
}
