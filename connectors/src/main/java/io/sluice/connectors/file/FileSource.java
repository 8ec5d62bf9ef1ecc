package io.sluice.connectors.file;

import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Format;
import io.sluice.engine.connector.Source;
import io.sluice.engine.connector.SourceReader;
import java.nio.file.Path;

/**
 * The file source of one stream. Files are spread over the readers (one per partition) by a stable
 * hash of their path, so each file is read by one reader, the same one at every start; a reader
 * reads its files one at a time, each in order.
 */
final class FileSource implements Source {
    private final ConnectorContext context;
    private final Format format;
    private final FileSet files;
    private final boolean follow;
    private final long scanIntervalMs;

    FileSource(ConnectorContext context) {
        this.context = context;
        this.format = context.requireFormat("file");
        this.files = new FileSet(context.options().get(FileConnectorFactory.PATH));
        this.follow = context.options().getBoolean(FileConnectorFactory.FOLLOW, false);
        this.scanIntervalMs = context.options().getLong(FileConnectorFactory.SCAN_INTERVAL, 200);
        if (!follow && !files.exists()) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, FileConnectorFactory.PATH,
                    "Option 'path': " + files.describe() + " does not exist (to wait for files to appear, add 'follow' = 'true')");
        }
    }

    @Override
    public boolean bounded() {
        return !follow;
    }

    /** The reader a file belongs to. */
    static int owner(Path file, int partitions) {
        return Math.floorMod(file.toString().hashCode(), partitions);
    }

    @Override
    public SourceReader openReader(int partition, byte[] position) {
        return new FileSourceReader(files, partition, context.partitions(), format.newDecoder(), follow, scanIntervalMs,
                position);
    }
}
