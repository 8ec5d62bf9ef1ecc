package io.sluice.storage.row;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
    private final RowSchema schema;
    private final MutableDirectBuffer buffer;
    private final int bitmapBytes;
    private final int fixedEnd;
    /** Each column's kind, looked up once: {@link #copy} runs per column of every row. */
    private final TypeKind[] kinds;
    private int varEnd;

    public RowWriter(RowSchema schema) {
        this.schema = schema;
        this.buffer = new ExpandableArrayBuffer(Math.max(64, schema.fixedEnd() * 2));
        this.bitmapBytes = (schema.size() + 7) / 8;
        this.fixedEnd = schema.fixedEnd();
        this.kinds = new TypeKind[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = schema.type(i).kind();
        }
    }

    public RowSchema schema() {
        return schema;
    }

    /** Starts a new record of this kind with every column NULL. */
    public RowWriter begin(RowKind kind) {
        // zeroed eight bytes at a time: for a row's few dozen bytes this beats setMemory's native call
        int at = 0;
        for (; at + 8 <= fixedEnd; at += 8) {
            buffer.putLong(at, 0L);
        }
        for (; at < fixedEnd; at++) {
            buffer.putByte(at, (byte) 0);
        }
        buffer.putByte(RowSchema.FORMAT_OFFSET, RowSchema.FORMAT_V1);
        buffer.putByte(RowSchema.KIND_OFFSET, kind.code());
        for (int i = 0; i < bitmapBytes; i++) {
            buffer.putByte(RowSchema.HEADER_LENGTH + i, (byte) 0xff);
        }
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
        int at = RowSchema.HEADER_LENGTH + (i >> 3);
        buffer.putByte(at, (byte) (buffer.getByte(at) | (1 << (i & 7))));
    }

    private void setPresent(int i) {
        int at = RowSchema.HEADER_LENGTH + (i >> 3);
        buffer.putByte(at, (byte) (buffer.getByte(at) & ~(1 << (i & 7))));
    }

    public void putBoolean(int i, boolean v) {
        setPresent(i);
        buffer.putByte(schema.fixedOffset(i), v ? (byte) 1 : (byte) 0);
    }

    public void putInt(int i, int v) {
        setPresent(i);
        buffer.putInt(schema.fixedOffset(i), v);
    }

    /** BIGINT, TIMESTAMP (epoch ms), or the unscaled value of a DECIMAL of precision up to 18. */
    public void putLong(int i, long v) {
        setPresent(i);
        buffer.putLong(schema.fixedOffset(i), v);
    }

    public void putDouble(int i, double v) {
        setPresent(i);
        buffer.putDouble(schema.fixedOffset(i), v);
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
        buffer.putBytes(varEnd, src, offset, length);
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

    private void putVarSlot(int i, int length) {
        int slot = schema.fixedOffset(i);
        buffer.putInt(slot, varEnd);
        buffer.putInt(slot + 4, length);
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
