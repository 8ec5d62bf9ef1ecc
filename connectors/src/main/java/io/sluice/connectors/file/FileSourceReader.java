package io.sluice.connectors.file;

import io.sluice.connectors.format.LineDecoder;
import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.engine.connector.SourceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

/**
 * Reads one partition's files line by line into a {@link Decoder}.
 *
 * <p>Position: for each of its files, the byte offset after the last line handed over and the number
 * of lines so far, whether a bounded read has finished it, and which file is being read. Lines are
 * read one file at a time; before moving to another file the reader asks for a checkpoint
 * ({@link #wantsCheckpoint()}), so that between checkpoints records come from one file in that
 * file's order and a replay from a position hands over the same records in the same order, even in
 * follow mode where which file has data next depends on timing.
 *
 * <p>A line is complete when it ends with {@code \n} ({@code \r\n} also); in a bounded read the last
 * line of a file needs no line end. In follow mode a trailing partial line waits for its line end.
 * Empty lines are skipped. Files are assumed to be only appended to (not rewritten or truncated).
 */
final class FileSourceReader implements SourceReader {
    private static final int POSITION_VERSION = 1;
    private static final int MAX_LINE = 64 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static final class FileState {
        final String path;
        long offset;
        long lines;
        boolean done;

        FileState(String path) {
            this.path = path;
        }
    }

    private final FileSet files;
    private final int partition;
    private final int partitions;
    private final Decoder decoder;
    /** The decoder, if it can find a line's end itself (and there are no header lines): see {@link #decodeLine}. */
    private final LineDecoder lineDecoder;
    /**
     * {@link #decodeLine} only runs while more than this many bytes are buffered after the line's start:
     * twice the longest line so far, at least 4 KiB, so that near the buffer's end, where a line may
     * be cut off, lines go the usual way rather than fail and be decoded twice.
     */
    private int lineMargin = 4096;
    private final int headerLines;
    private final boolean follow;
    private final long scanIntervalNanos;
    private final TreeMap<String, FileState> known = new TreeMap<>();
    private FileState current;
    private FileChannel channel;
    /**
     * 256 KiB, grown for a longer line. A read into a heap buffer goes through a JDK temporary direct
     * buffer of the same size, so each refill streams twice the buffer through the caches before the
     * parser reads it: 2 x 1 MiB (the earlier size) is past a core's L2 cache, 2 x 256 KiB is not.
     */
    private byte[] buf = new byte[256 << 10];
    private ByteBuffer bb = ByteBuffer.wrap(buf);
    private int pos;
    private int end;
    private boolean finished;
    private boolean wantsCheckpoint;
    private long lastScan = Long.MIN_VALUE / 2;
    private long lineStart;
    private long lineNo;

    FileSourceReader(FileSet files, int partition, int partitions, Decoder decoder, boolean follow, long scanIntervalMs,
                     byte[] position) {
        this.files = files;
        this.partition = partition;
        this.partitions = partitions;
        this.decoder = decoder;
        this.headerLines = decoder.headerRecords();
        this.lineDecoder = headerLines == 0 && decoder instanceof LineDecoder d ? d : null;
        this.follow = follow;
        this.scanIntervalNanos = scanIntervalMs * 1_000_000L;
        if (position != null) {
            restore(position);
        }
    }

    @Override
    public int poll(SourceOutput out, int maxRecords) {
        wantsCheckpoint = false;
        if (finished) {
            return 0;
        }
        if (current == null) {
            if (!follow || scanDue()) {
                moveToNextFile(null);
                finished = current == null && !follow; // a bounded read of no files ends at once
            }
            return 0;
        }
        if (channel == null) {
            open();
        }
        int n = 0;
        while (n < maxRecords) {
            if (lineDecoder != null && end - pos > lineMargin && decodeLine(out)) {
                n++;
                continue;
            }
            int nl = indexOfNewline(pos);
            if (nl >= 0) {
                line(out, pos, nl - pos, true);
                pos = nl + 1;
                n++;
                continue;
            }
            if (fill()) {
                continue;
            }
            // no more bytes in this file for now
            if (!follow) {
                if (end > pos) {
                    line(out, pos, end - pos, false);
                    pos = end;
                    n++;
                }
                current.done = true;
                closeChannel();
                current = null;
                moveToNextFile(null);
                if (current == null) {
                    finished = true;
                }
            } else if (scanDue()) {
                moveToNextFile(current);
            }
            return n;
        }
        return n;
    }

    /**
     * The index of the first '\n' in buf[pos, end), or -1. Looks at 8 bytes at a time (SWAR: a byte
     * equal to '\n' becomes a zero byte after the XOR, and the classic has-zero-byte test flags it;
     * the lowest flag is always exact, so its position is the newline's), because every byte of the
     * file passes through here, including the lines a filter then drops after a glance.
     */
    private int indexOfNewline(int from) {
        byte[] b = buf;
        int i = from;
        int limit = end - 8;
        while (i <= limit) {
            long w = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (w - ONES) & ~w & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The fast path for a {@link LineDecoder}: the decoder parses the line at pos and finds its end
     * itself, so the line's bytes are read once, not once for the newline and again for the parse.
     * True if it handed over the line (and moved past it); false if the line must go the usual way
     * (the decoder could not tell, the line is bad, or its end is not in the buffer yet), which then
     * decodes it again from the start and alone decides what to accept or reject.
     */
    private boolean decodeLine(SourceOutput out) {
        long answer;
        try {
            answer = lineDecoder.decodeLine(buf, pos, end, out);
        } catch (BadRecordException e) {
            return false;
        }
        if (answer == LineDecoder.FALLBACK) {
            return false;
        }
        int at = LineDecoder.index(answer);
        boolean lineEnd = (answer & LineDecoder.LINE_END) != 0;
        int nl = lineEnd ? at : indexOfNewline(at); // turned away by a filter at 'at': the rest of the line
        if (nl < 0) {
            return false;
        }
        int length = nl - pos;
        if (length > lineMargin >> 1) {
            lineMargin = length << 1;
        }
        lineStart = current.offset;
        lineNo = ++current.lines;
        current.offset += length + 1;
        pos = nl + 1;
        if ((answer & LineDecoder.ACCEPTED) != 0) {
            out.emit(); // after the position moved: a row the stream refuses is rejected with this line's position
        }
        return true;
    }

    /** Hands one line (without its line end) to the decoder, and accounts for it in the position. */
    private void line(SourceOutput out, int start, int length, boolean newline) {
        lineStart = current.offset;
        lineNo = ++current.lines;
        current.offset += length + (newline ? 1 : 0);
        int len = length > 0 && buf[start + length - 1] == '\r' ? length - 1 : length;
        if (lineNo <= headerLines || len == 0) {
            return;
        }
        try {
            if (decoder.decode(buf, start, len, out)) { // the row is prepared only for a record that needs one
                out.emit();
            }
        } catch (BadRecordException e) {
            out.reject(buf, start, len, e.getMessage());
        }
    }

    /** Reads more of the current file into the buffer; false when nothing more is there now. */
    private boolean fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw new ConnectorException(ConnectorException.Reason.FAILED, FileConnectorFactory.PATH,
                        current.path + " line " + (current.lines + 1) + " is longer than " + MAX_LINE + " bytes");
            }
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
            bb = ByteBuffer.wrap(buf);
        }
        try {
            bb.limit(buf.length).position(end);
            int r = channel.read(bb);
            if (r > 0) {
                end += r;
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + current.path, e);
        }
    }

    private boolean scanDue() {
        long now = System.nanoTime();
        if (now - lastScan >= scanIntervalNanos) {
            lastScan = now;
            return true;
        }
        return false;
    }

    /**
     * Picks the next file to read after {@code from} (in sorted, cyclic order; null: from the start):
     * one not finished, and in follow mode one with bytes beyond its offset. Asks for a checkpoint when
     * the file changes.
     */
    private void moveToNextFile(FileState from) {
        for (Path f : files.list()) {
            if (FileSource.owner(f, partitions) == partition) {
                known.computeIfAbsent(f.toString(), FileState::new);
            }
        }
        FileState next = null;
        if (from == null) {
            for (FileState s : known.values()) {
                if (readable(s)) {
                    next = s;
                    break;
                }
            }
        } else {
            for (FileState s : known.tailMap(from.path, false).values()) {
                if (readable(s)) {
                    next = s;
                    break;
                }
            }
            if (next == null) {
                for (FileState s : known.headMap(from.path, false).values()) {
                    if (readable(s)) {
                        next = s;
                        break;
                    }
                }
            }
        }
        if (next != null && next != current) {
            closeChannel();
            current = next;
            wantsCheckpoint = true;
        }
    }

    private boolean readable(FileState s) {
        if (s.done) {
            return false;
        }
        if (!follow) {
            return true;
        }
        try {
            return Files.size(Path.of(s.path)) > s.offset;
        } catch (IOException e) {
            return false; // gone, or not readable now: look again later
        }
    }

    private void open() {
        try {
            channel = FileChannel.open(Path.of(current.path), StandardOpenOption.READ);
            channel.position(current.offset);
            pos = 0;
            end = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + current.path, e);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
            channel = null;
        }
        pos = 0;
        end = 0;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public boolean wantsCheckpoint() {
        return wantsCheckpoint;
    }

    @Override
    public byte[] position() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(POSITION_VERSION);
            out.writeUTF(current == null ? "" : current.path);
            out.writeBoolean(finished);
            out.writeInt(known.size());
            for (FileState s : known.values()) {
                out.writeUTF(s.path);
                out.writeLong(s.offset);
                out.writeLong(s.lines);
                out.writeBoolean(s.done);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void restore(byte[] position) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(position))) {
            int version = in.readInt();
            if (version != POSITION_VERSION) {
                throw new IllegalStateException("file source position of version " + version + "; this Sluice reads "
                        + POSITION_VERSION);
            }
            String cur = in.readUTF();
            finished = in.readBoolean();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                FileState s = new FileState(in.readUTF());
                s.offset = in.readLong();
                s.lines = in.readLong();
                s.done = in.readBoolean();
                known.put(s.path, s);
            }
            current = cur.isEmpty() ? null : known.get(cur);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable file source position", e);
        }
    }

    @Override
    public String describePosition() {
        return current == null ? "(no file)" : current.path + " line " + lineNo + " (byte " + lineStart + ")";
    }

    @Override
    public void close() {
        closeChannel();
    }
}
