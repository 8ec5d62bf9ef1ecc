package io.sluice.storage.row;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * A flyweight over one binary record of a {@link RowSchema}: {@link #wrap} points it at bytes (for
 * instance a record mapped from the log), and the getters read fields in place. One instance is kept
 * per operator and reused for every record; it allocates only when asked for a String or BigDecimal.
 *
 * <p>Not thread-safe. The wrapped bytes must stay valid while the reader is used.
 */
public final class RowReader {
    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("Sluice's record format needs a little-endian platform");
        }
    }

    private final RowSchema schema;
    private DirectBuffer buffer;
    private int base;
    private int length;

    public RowReader(RowSchema schema) {
        this.schema = schema;
    }

    public RowSchema schema() {
        return schema;
    }

    /** Points this reader at the record of {@code length} bytes at {@code offset} in {@code buffer}. */
    public RowReader wrap(DirectBuffer buffer, int offset, int length) {
        if (length < schema.fixedEnd()) {
            throw new IllegalStateException("record of " + length + " bytes is shorter than its schema's fixed part ("
                    + schema.fixedEnd() + " bytes): the stream's data does not match its schema");
        }
        byte format = buffer.getByte(offset + RowSchema.FORMAT_OFFSET);
        if (format != RowSchema.FORMAT_V1) {
            throw new IllegalStateException("record has format " + format + ", this version of Sluice reads format "
                    + RowSchema.FORMAT_V1);
        }
        this.buffer = buffer;
        this.base = offset;
        this.length = length;
        return this;
    }

    public DirectBuffer buffer() {
        return buffer;
    }

    public int offset() {
        return base;
    }

    public int length() {
        return length;
    }

    public RowKind kind() {
        return RowKind.fromCode(buffer.getByte(base + RowSchema.KIND_OFFSET));
    }

    /** Which input of an exchange this row belongs to (see {@link RowSchema}); 0 outside exchanges. */
    public int tag() {
        return buffer.getByte(base + RowSchema.TAG_OFFSET);
    }

    public int writerId() {
        return buffer.getInt(base + RowSchema.WRITER_ID_OFFSET);
    }

    public long writerSeq() {
        return buffer.getLong(base + RowSchema.WRITER_SEQ_OFFSET);
    }

    public boolean isNull(int i) {
        int b = buffer.getByte(base + RowSchema.HEADER_LENGTH + (i >> 3));
        return (b & (1 << (i & 7))) != 0;
    }

    public boolean getBoolean(int i) {
        return buffer.getByte(base + schema.fixedOffset(i)) != 0;
    }

    public int getInt(int i) {
        return buffer.getInt(base + schema.fixedOffset(i));
    }

    /** BIGINT, TIMESTAMP (epoch ms) and the unscaled value of a DECIMAL of precision up to 18. */
    public long getLong(int i) {
        return buffer.getLong(base + schema.fixedOffset(i));
    }

    public double getDouble(int i) {
        return buffer.getDouble(base + schema.fixedOffset(i));
    }

    public String getString(int i) {
        int slot = base + schema.fixedOffset(i);
        return buffer.getStringWithoutLengthUtf8(base + buffer.getInt(slot), buffer.getInt(slot + 4));
    }

    /** Byte offset, from the start of the buffer, of a VARCHAR's UTF-8 bytes. */
    public int stringOffset(int i) {
        return base + buffer.getInt(base + schema.fixedOffset(i));
    }

    /** Length in bytes of a VARCHAR's UTF-8 bytes. */
    public int stringLength(int i) {
        return buffer.getInt(base + schema.fixedOffset(i) + 4);
    }

    public BigDecimal getDecimal(int i) {
        DataType type = schema.type(i);
        int slot = base + schema.fixedOffset(i);
        if (type.isLongDecimal()) {
            return BigDecimal.valueOf(buffer.getLong(slot), type.scale());
        }
        byte[] bytes = new byte[buffer.getInt(slot + 4)];
        buffer.getBytes(base + buffer.getInt(slot), bytes);
        return new BigDecimal(new BigInteger(bytes), type.scale());
    }

    /**
     * The value of column {@code i} as a Java object in Sluice's internal representation, or null:
     * Boolean, Integer, Long, Double, BigDecimal, String, and Long epoch milliseconds for TIMESTAMP.
     */
    public Object getObject(int i) {
        if (isNull(i)) {
            return null;
        }
        return switch (schema.type(i).kind()) {
            case BOOLEAN -> getBoolean(i);
            case INT -> getInt(i);
            case BIGINT, TIMESTAMP -> getLong(i);
            case DOUBLE -> getDouble(i);
            case DECIMAL -> getDecimal(i);
            case VARCHAR -> getString(i);
            default -> throw new IllegalStateException("not a stored kind: " + schema.type(i));
        };
    }

    /** All columns as internal-representation objects (see {@link #getObject}). Allocates. */
    public Object[] toArray() {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = getObject(i);
        }
        return values;
    }

    /** Hash of column {@code i}'s value, stable across runs and JVMs; used to route rows by key. */
    public int hashField(int i) {
        if (isNull(i)) {
            return 0;
        }
        DataType type = schema.type(i);
        if (type.isVariableLength()) {
            int slot = base + schema.fixedOffset(i);
            return Hashing.hashBytes(buffer, base + buffer.getInt(slot), buffer.getInt(slot + 4));
        }
        return Hashing.hashBytes(buffer, base + schema.fixedOffset(i), type.kind().fixedWidth());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row").append(kind().shortName()).append('(');
        for (int i = 0; i < schema.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = getObject(i);
            sb.append(v instanceof String s ? "'" + s + "'" : String.valueOf(v));
        }
        return sb.append(')').toString();
    }
}
