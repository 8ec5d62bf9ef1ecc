package io.sluice.connectors.file;

import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.DeliveryGuarantee;
import io.sluice.engine.connector.Format;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;
import java.nio.file.Path;

/**
 * The file sink of one stream: partition p's rows go, one line each, to the file named by
 * {@code path} when the stream has one partition, and to {@code <path>.<p>} when it has more.
 * Exactly-once: the state of a checkpoint is the file's length, and a restart truncates the file
 * back to it before writing again, so the rows read after the checkpoint are written once more over
 * their own earlier copies. (A reader of the file may see rows that a crash then truncates.)
 */
final class FileSink implements Sink {
    private final ConnectorContext context;
    private final Format format;
    private final Path path;

    FileSink(ConnectorContext context) {
        this.context = context;
        this.format = context.requireFormat("file");
        this.path = Path.of(context.options().get(FileConnectorFactory.PATH)).toAbsolutePath().normalize();
    }

    @Override
    public DeliveryGuarantee guarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** The file partition {@code p} writes. */
    Path file(int partition) {
        return context.partitions() == 1 ? path : path.resolveSibling(path.getFileName() + "." + partition);
    }

    @Override
    public SinkWriter openWriter(int partition, byte[] state) {
        return new FileSinkWriter(file(partition), format.newEncoder(), state);
    }
}
