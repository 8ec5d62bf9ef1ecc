package io.sluice.connectors.file;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import java.util.List;

/**
 * {@code 'connector' = 'file'}: reads records, one per line, from a file, every file of a directory,
 * or the files matching a glob in their last path segment ({@code /data/bids-*.jsonl}); once
 * (bounded: the stream ends when every file has been read) or following appended lines and new files
 * ({@code 'follow' = 'true'}). As a sink ({@code 'mode' = 'sink'}) it writes one line per row.
 * Needs a {@code 'format'} (json or csv).
 */
public final class FileConnectorFactory implements ConnectorFactory {
    static final String PATH = "path";
    static final String FOLLOW = "follow";
    static final String SCAN_INTERVAL = "scan-interval-ms";

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "lines of a file, a directory or a glob, read once or followed; or a file written line by line";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.required(PATH, OptionType.STRING,
                        "a file, a directory (its files) or a glob in the last segment; for a sink, the file to write"),
                ConfigOption.optional(FOLLOW, OptionType.BOOLEAN, "false",
                        "keep reading lines appended to the files, and new files, instead of ending"),
                ConfigOption.optional(SCAN_INTERVAL, OptionType.LONG, "200",
                        "in follow mode, milliseconds between looks for new files and for growth of the other files"));
    }

    @Override
    public boolean isSource() {
        return true;
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public boolean needsFormat() {
        return true;
    }

    @Override
    public void validate(ConnectorContext context, boolean sink) {
        if (context.options().get(PATH).isBlank()) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, PATH, "Option 'path' is empty");
        }
        if (sink && context.options().getBoolean(FOLLOW, false)) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, FOLLOW,
                    "Option 'follow' applies to a file source, not a sink");
        }
        if (context.options().getLong(SCAN_INTERVAL, 200) < 1) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, SCAN_INTERVAL,
                    "Option 'scan-interval-ms' must be at least 1");
        }
    }

    @Override
    public Source createSource(ConnectorContext context) {
        return new FileSource(context);
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        return new FileSink(context);
    }
}
