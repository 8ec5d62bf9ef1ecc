package io.sluice.storage.row;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Builds one binary record of a {@link RowSchema} at a time into a buffer it owns and reuses.
 * Call {@link #begin}, then set every column (a column never set reads as NULL), then read the
 * record from {@link #buffer()} at offset 0 for {@link #length()} bytes. The bytes are valid until
 * the next {@code begin}.
 *
 * <p>Not thread-safe; keep one per operator.
 */
public final class RowWriter {
    // The fixed area (header, null bitmap, fixed slots) always lies within the buffer's initial
    // capacity, so writes there go straight to the backing array through these handles: agrona's
    // ExpandableArrayBuffer would check and ensure capacity on every put, which showed up as ~7% of a
    // file source's time (a handful of puts per column of every row). Native order, as agrona's.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.nativeOrder());

    private final RowSchema schema;
    /** The record; its array is re-read per access (a var-length put may have replaced it by a larger one). */
    private final ExpandableArrayBuffer buffer;
    /** Each column's offset in the fixed area, looked up once. */
    private final int[] fixedOffsets;
    private final int bitmapBytes;
    private final int fixedEnd;
    /** Each column's kind, looked up once: {@link #copy} runs per column of every row. */
    private final TypeKind[] kinds;
    /** The fixed area of a record with every column NULL (kind aside), copied by {@link #begin}. */
    private final byte[] blank;
    private int varEnd;

    public RowWriter(RowSchema schema) {
        this.schema = schema;
        this.buffer = new ExpandableArrayBuffer(Math.max(64, schema.fixedEnd() * 2));
        this.bitmapBytes = (schema.size() + 7) / 8;
        this.fixedEnd = schema.fixedEnd();
        this.kinds = new TypeKind[schema.size()];
        this.fixedOffsets = new int[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = schema.type(i).kind();
            fixedOffsets[i] = schema.fixedOffset(i);
        }
        this.blank = new byte[fixedEnd];
        blank[RowSchema.FORMAT_OFFSET] = RowSchema.FORMAT_V1;
        for (int i = 0; i < bitmapBytes; i++) {
            blank[RowSchema.HEADER_LENGTH + i] = (byte) 0xff;
        }
    }

    public RowSchema schema() {
        return schema;
    }

    /** Starts a new record of this kind with every column NULL. */
    public RowWriter begin(RowKind kind) {
        // one array copy of the blank fixed area (header, all-NULL bitmap, zeroed slots): an intrinsic
        // of a few wide moves, where zeroing in a loop and then setting the bitmap byte by byte showed
        // up as ~5% of a file source's time (one begin per line)
        byte[] a = buffer.byteArray();
        System.arraycopy(blank, 0, a, 0, fixedEnd);
        a[RowSchema.KIND_OFFSET] = kind.code();
        varEnd = fixedEnd;
        return this;
    }

    /** Stamps the producing task and its output sequence number (see {@link RowSchema}). */
    public void writer(int writerId, long writerSeq) {
        stampWriter(buffer, 0, writerId, writerSeq);
    }

    /** Stamps writer id and sequence into an already encoded record. */
    public static void stampWriter(MutableDirectBuffer buffer, int offset, int writerId, long writerSeq) {
        buffer.putInt(offset + RowSchema.WRITER_ID_OFFSET, writerId);
        buffer.putLong(offset + RowSchema.WRITER_SEQ_OFFSET, writerSeq);
    }

    /** Sets the row kind and exchange tag of an already encoded record. */
    public static void stampKindAndTag(MutableDirectBuffer buffer, int offset, RowKind kind, int tag) {
        buffer.putByte(offset + RowSchema.KIND_OFFSET, kind.code());
        buffer.putByte(offset + RowSchema.TAG_OFFSET, (byte) tag);
    }

    public void setNull(int i) {
        byte[] a = buffer.byteArray();
        int at = RowSchema.HEADER_LENGTH + (i >> 3);
        a[at] = (byte) (a[at] | (1 << (i & 7)));
    }

    private static void setPresent(byte[] a, int i) {
        int at = RowSchema.HEADER_LENGTH + (i >> 3);
        a[at] = (byte) (a[at] & ~(1 << (i & 7)));
    }

    private void setPresent(int i) {
        setPresent(buffer.byteArray(), i);
    }

    public void putBoolean(int i, boolean v) {
        byte[] a = buffer.byteArray();
        setPresent(a, i);
        a[fixedOffsets[i]] = v ? (byte) 1 : (byte) 0;
    }

    public void putInt(int i, int v) {
        byte[] a = buffer.byteArray();
        setPresent(a, i);
        INTS.set(a, fixedOffsets[i], v);
    }

    /** BIGINT, TIMESTAMP (epoch ms), or the unscaled value of a DECIMAL of precision up to 18. */
    public void putLong(int i, long v) {
        byte[] a = buffer.byteArray();
        setPresent(a, i);
        LONGS.set(a, fixedOffsets[i], v);
    }

    public void putDouble(int i, double v) {
        byte[] a = buffer.byteArray();
        setPresent(a, i);
        DOUBLES.set(a, fixedOffsets[i], v);
    }

    public void putString(int i, String v) {
        setPresent(i);
        int written = buffer.putStringWithoutLengthUtf8(varEnd, v);
        putVarSlot(i, written);
    }

    /** Copies a VARCHAR's UTF-8 bytes as they are. */
    public void putStringBytes(int i, DirectBuffer src, int offset, int length) {
        setPresent(i);
        buffer.putBytes(varEnd, src, offset, length);
        putVarSlot(i, length);
    }

    /** Copies a VARCHAR's UTF-8 bytes as they are, from an array (generators keep their text in arrays). */
    public void putStringBytes(int i, byte[] src, int offset, int length) {
        setPresent(i);
        int at = varEnd;
        if (at + length > buffer.capacity()) {
            buffer.checkLimit(at + length); // grows the buffer (a new array: re-read below)
        }
        // one array copy, without agrona's per-put bounds checks and address arithmetic
        System.arraycopy(src, offset, buffer.byteArray(), at, length);
        putVarSlot(i, length);
    }

    /**
     * Writes a DECIMAL, rounding half-up to the column's scale. A value with more digits than the
     * column's precision is an error, as in SQL.
     */
    public void putDecimal(int i, BigDecimal v) {
        DataType type = schema.type(i);
        BigDecimal scaled = v.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw new ArithmeticException("value " + v + " does not fit " + type.sql());
        }
        setPresent(i);
        if (type.isLongDecimal()) {
            buffer.putLong(schema.fixedOffset(i), scaled.unscaledValue().longValueExact());
        } else {
            byte[] bytes = scaled.unscaledValue().toByteArray();
            buffer.putBytes(varEnd, bytes);
            putVarSlot(i, bytes.length);
        }
    }

    /**
     * Writes a DECIMAL given as its unscaled value at the column's scale: the same record bytes, and
     * the same error when it has more digits than the column's precision, as
     * {@code putDecimal(i, BigDecimal.valueOf(unscaled, scale))}, without making a BigDecimal, a
     * BigInteger and a byte array per row. For generated code whose exact decimal arithmetic stayed
     * within a long (Nexmark q1's {@code 0.908 * price} into a DECIMAL(23, 3), for instance).
     */
    public void putUnscaledDecimal(int i, long unscaled) {
        DataType type = schema.type(i);
        if (!fitsDigits(unscaled, type.precision())) {
            putDecimal(i, BigDecimal.valueOf(unscaled, type.scale())); // throws putDecimal's error
            return;
        }
        if (type.isLongDecimal()) {
            putLong(i, unscaled);
            return;
        }
        // BigInteger.toByteArray's encoding: big-endian two's complement in the fewest bytes that
        // still carry the sign bit (0 is one zero byte, -1 one 0xff byte, 128 is 0x00 0x80)
        int bits = 64 - Long.numberOfLeadingZeros(unscaled ^ (unscaled >> 63));
        int length = bits / 8 + 1;
        setPresent(i);
        int at = varEnd;
        if (at + length > buffer.capacity()) {
            buffer.checkLimit(at + length); // grows the buffer (a new array: read below)
        }
        byte[] a = buffer.byteArray();
        for (int k = 0; k < length; k++) {
            a[at + k] = (byte) (unscaled >> (8 * (length - 1 - k)));
        }
        putVarSlot(i, length);
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = p;
            p *= 10;
        }
    }

    /**
     * Whether {@code v} has at most {@code digits} decimal digits (every long has at most 19), that is
     * whether it fits as the unscaled value of a DECIMAL of that precision.
     */
    public static boolean fitsDigits(long v, int digits) {
        if (digits >= 19) {
            return true;
        }
        long limit = POWERS_OF_TEN[Math.max(digits, 0)];
        return v > -limit && v < limit;
    }

    private void putVarSlot(int i, int length) {
        byte[] a = buffer.byteArray();
        int slot = fixedOffsets[i];
        INTS.set(a, slot, varEnd);
        INTS.set(a, slot + 4, length);
        varEnd += length;
    }

    /**
     * Sets column {@code i} from a value in Sluice's internal representation (see
     * {@link RowReader#getObject}); null sets NULL. Numbers are converted to the column's kind.
     */
    public void putObject(int i, Object v) {
        if (v == null) {
            setNull(i);
            return;
        }
        switch (schema.type(i).kind()) {
            case BOOLEAN -> putBoolean(i, (Boolean) v);
            case INT -> putInt(i, ((Number) v).intValue());
            case BIGINT, TIMESTAMP -> putLong(i, ((Number) v).longValue());
            case DOUBLE -> putDouble(i, ((Number) v).doubleValue());
            case DECIMAL -> putDecimal(i, v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
            case VARCHAR -> putString(i, v.toString());
            default -> throw new IllegalStateException("not a stored kind: " + schema.type(i));
        }
    }

    /** Copies column {@code from} of {@code in} into column {@code to}; the types must be the same. */
    public void copy(RowReader in, int from, int to) {
        if (in.isNull(from)) {
            setNull(to);
            return;
        }
        switch (kinds[to]) {
            case BOOLEAN -> putBoolean(to, in.getBoolean(from));
            case INT -> putInt(to, in.getInt(from));
            case BIGINT, TIMESTAMP -> putLong(to, in.getLong(from));
            case DOUBLE -> putDouble(to, in.getDouble(from));
            case VARCHAR -> putStringBytes(to, in.buffer(), in.stringOffset(from), in.stringLength(from));
            case DECIMAL -> copyDecimal(in, from, to);
            default -> throw new IllegalStateException("not a stored kind: " + schema.type(to));
        }
    }

    /**
     * A DECIMAL of the same type: its stored bytes as they are (the long of a narrow one, the
     * two's-complement bytes of a wide one), never through a BigDecimal.
     */
    private void copyDecimal(RowReader in, int from, int to) {
        DataType type = schema.type(to);
        if (!type.equals(in.schema().type(from))) {
            putDecimal(to, in.getDecimal(from)); // another scale or precision: rescale and check
        } else if (type.isLongDecimal()) {
            putLong(to, in.getLong(from));
        } else {
            setPresent(to);
            int slot = in.offset() + in.schema().fixedOffset(from);
            int at = in.offset() + in.buffer().getInt(slot);
            int length = in.buffer().getInt(slot + 4);
            buffer.putBytes(varEnd, in.buffer(), at, length);
            putVarSlot(to, length);
        }
    }

    public MutableDirectBuffer buffer() {
        return buffer;
    }

    /** Length in bytes of the record built so far. */
    public int length() {
        return varEnd;
    }
}
