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
 * CSV (RFC 4180 quoting), one record per line, fields in column order. An empty unquoted field is
 * NULL; a quoted empty field ({@code ""}) is the empty string. Timestamps as
 * {@code yyyy-MM-dd HH:mm:ss.SSS}. Options: {@code csv.delimiter} (one character, {@code \t} for a
 * tab; default comma) and {@code csv.header} (the first line of each file names the columns and is
 * skipped on read, written on a new file).
 */
public final class CsvFormatFactory implements FormatFactory {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "comma-separated values, one record per line";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.optional("delimiter", OptionType.CHAR, ",", "the field separator, one character ('\\t' for tab)"),
                ConfigOption.optional("header", OptionType.BOOLEAN, "false",
                        "the first line of a file is a header: skipped when reading, written when a sink starts a file"));
    }

    @Override
    public Format create(RowSchema schema, Options options) {
        char delimiter = options.getChar("delimiter", ',');
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter > 127) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "delimiter",
                    "Option 'csv.delimiter' must be an ASCII character other than a quote or a line end");
        }
        boolean header = options.getBoolean("header", false);
        return new Format() {
            @Override
            public String name() {
                return "csv";
            }

            @Override
            public Decoder newDecoder() {
                return new CsvDecoder(schema, (byte) delimiter, header);
            }

            @Override
            public Encoder newEncoder() {
                return new CsvEncoder(schema, (byte) delimiter, header);
            }
        };
    }
}
