package io.sluice.connectors.file;

import io.sluice.engine.connector.Encoder;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.storage.row.RowReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes encoded rows, one per line, to one file. Lines are gathered in a buffer and written when it
 * passes 64 KiB and at every checkpoint; the checkpoint's state is the file's length after that write
 * (8 bytes). On open with a state the file is cut back to that length; with none (the sink's first
 * start) the file is started afresh, with the format's header if it has one.
 */
final class FileSinkWriter implements SinkWriter {
    private static final int FLUSH_AT = 64 << 10;

    private final Path file;
    private final Encoder encoder;
    private final FileChannel channel;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(FLUSH_AT * 2);
    private int length;

    FileSinkWriter(Path file, Encoder encoder, byte[] state) {
        this.file = file;
        this.encoder = encoder;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long keep = state == null ? 0 : ByteBuffer.wrap(state).getLong();
            if (channel.size() > keep) {
                channel.truncate(keep);
            }
            channel.position(channel.size());
            if (state == null && encoder.header() != null) {
                byte[] h = encoder.header();
                buffer.putBytes(0, h);
                buffer.putByte(h.length, (byte) '\n');
                length = h.length + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for writing", e);
        }
    }

    @Override
    public void write(RowReader row) {
        length += encoder.encode(row, buffer, length);
        buffer.putByte(length++, (byte) '\n');
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() {
        if (length == 0) {
            return;
        }
        try {
            ByteBuffer bb = ByteBuffer.wrap(buffer.byteArray(), 0, length);
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
            length = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public byte[] prepareCheckpoint() {
        flush();
        try {
            return ByteBuffer.allocate(8).putLong(channel.position()).array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the length of " + file, e);
        }
    }

    @Override
    public void commit(byte[] state) {
        // the lines are in the file already; nothing to make visible
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // the data was written (or the flush above threw); nothing more to do
            }
        }
    }
}
