package io.sluice.storage.row;

import io.sluice.storage.RecordBatch;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A record in a stream's log that carries no row but a signal about the rows around it: how far
 * event time has come in one writer's output, that a writer has gone idle, or that a writer's
 * output (a bounded source, a finished stage) has ended.
 *
 * <pre>
 *  0        1        2                4                 8                 16                24
 *  +--------+--------+----------------+-----------------+-----------------+-----------------+
 *  | format | type   | reserved (0)   | writer id (i32) | reserved (0)    | value (i64)     |
 *  |   = 2  |        |                |                 |                 |                 |
 *  +--------+--------+----------------+-----------------+-----------------+-----------------+
 * </pre>
 *
 * The header has the row header's shape, so a reader tells the two apart by the format byte alone
 * ({@link #isControl}). Control records take no writer sequence number: a writer may emit them at
 * moments that depend on timing (batch boundaries, idle clocks), and recovery's suppression of
 * re-emitted rows counts rows only. They are idempotent for a reader that keeps, per writer, the
 * highest watermark seen: a repeated or re-emitted one changes nothing.
 *
 * <p>Every reader of a stream's log that decodes rows must first skip (or act on) control records.
 */
public final class ControlRecord {
    /** The format byte of a control record. */
    public static final byte FORMAT_CONTROL = 2;
    /** Event time in this writer's output has reached {@link #value} (epoch ms); rows older may follow only as late rows. */
    public static final byte WATERMARK = 1;
    /** This writer has had no input for the idle timeout: readers stop waiting for its watermark until it writes again. */
    public static final byte IDLE = 2;
    /** This writer's output has ended (its input was bounded and is exhausted); nothing more follows from it. */
    public static final byte END = 3;

    public static final int LENGTH = 24;
    private static final int TYPE_OFFSET = 1;
    private static final int WRITER_ID_OFFSET = 4;
    private static final int VALUE_OFFSET = 16;

    private ControlRecord() {
    }

    /** True if the record at {@code offset} is a control record rather than a row. */
    public static boolean isControl(DirectBuffer buffer, int offset) {
        return buffer.getByte(offset) == FORMAT_CONTROL;
    }

    /** {@link #WATERMARK}, {@link #IDLE} or {@link #END}. */
    public static byte type(DirectBuffer buffer, int offset) {
        return buffer.getByte(offset + TYPE_OFFSET);
    }

    public static int writerId(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + WRITER_ID_OFFSET);
    }

    public static long value(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + VALUE_OFFSET);
    }

    /** Adds a control record to a batch. */
    public static void add(RecordBatch batch, byte type, int writerId, long value) {
        UnsafeBuffer b = SCRATCH.get();
        b.setMemory(0, LENGTH, (byte) 0);
        b.putByte(0, FORMAT_CONTROL);
        b.putByte(TYPE_OFFSET, type);
        b.putInt(WRITER_ID_OFFSET, writerId);
        b.putLong(VALUE_OFFSET, value);
        batch.add(b, 0, LENGTH);
    }

    private static final ThreadLocal<UnsafeBuffer> SCRATCH = ThreadLocal.withInitial(() -> new UnsafeBuffer(new byte[LENGTH]));

    /** A readable form, for logs and tests. */
    public static String toString(DirectBuffer buffer, int offset) {
        String t = switch (type(buffer, offset)) {
            case WATERMARK -> "WATERMARK";
            case IDLE -> "IDLE";
            case END -> "END";
            default -> "UNKNOWN(" + type(buffer, offset) + ")";
        };
        return t + "[writer " + writerId(buffer, offset) + ", " + value(buffer, offset) + "]";
    }
}
