package io.sluice.engine.connector;

import io.sluice.storage.row.RowSchema;
import java.util.Objects;

/**
 * What a connector is told about the stream it is attached to.
 *
 * @param stream     the stream's name
 * @param schema     its columns: a source writes rows of this schema, a sink reads them
 * @param partitions the stream's partition count: a source has one reader per partition, a sink one
 *                   writer per partition
 * @param options    the connector's validated options
 * @param format     the stream's format bound to the schema, or null when the stream names none
 */
public record ConnectorContext(String stream, RowSchema schema, int partitions, Options options, Format format) {
    public ConnectorContext {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
    }

    /** The format, or a {@link ConnectorException} saying the connector needs one. */
    public Format requireFormat(String connector) {
        if (format == null) {
            throw new ConnectorException(ConnectorException.Reason.MISSING_OPTION, "format",
                    "Connector '" + connector + "' needs a format: add 'format' = 'json' or 'csv'");
        }
        return format;
    }
}
