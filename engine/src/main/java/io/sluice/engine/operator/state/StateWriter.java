package io.sluice.engine.operator.state;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes a task's state snapshot: a flat sequence of values, read back in the same order by
 * {@link StateReader}. Values written with {@link #putValue} carry a type byte; the rest are bare.
 * Not thread-safe; reused between snapshots after {@link #reset()}.
 */
public final class StateWriter {
    static final byte NULL = 0;
    static final byte LONG = 1;
    static final byte DOUBLE = 2;
    static final byte STRING = 3;
    static final byte DECIMAL = 4;
    static final byte BOOLEAN = 5;
    static final byte INT = 6;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private int position;

    public void reset() {
        position = 0;
    }

    public int length() {
        return position;
    }

    public DirectBuffer buffer() {
        return buffer;
    }

    public StateWriter putInt(int v) {
        buffer.putInt(position, v);
        position += 4;
        return this;
    }

    public StateWriter putLong(long v) {
        buffer.putLong(position, v);
        position += 8;
        return this;
    }

    public StateWriter putBoolean(boolean v) {
        buffer.putByte(position++, v ? (byte) 1 : (byte) 0);
        return this;
    }

    public StateWriter putBytes(byte[] v) {
        putInt(v.length);
        buffer.putBytes(position, v);
        position += v.length;
        return this;
    }

    public StateWriter putBytes(DirectBuffer src, int offset, int length) {
        putInt(length);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return this;
    }

    public StateWriter putString(String v) {
        return putBytes(v.getBytes(StandardCharsets.UTF_8));
    }

    public StateWriter putLongs(long[] v) {
        putInt(v.length);
        for (long x : v) {
            putLong(x);
        }
        return this;
    }

    /** A value in Sluice's internal representation (null, Boolean, Integer, Long, Double, BigDecimal, String). */
    public StateWriter putValue(Object v) {
        if (v == null) {
            buffer.putByte(position++, NULL);
        } else if (v instanceof Long l) {
            buffer.putByte(position++, LONG);
            putLong(l);
        } else if (v instanceof Integer i) {
            buffer.putByte(position++, INT);
            putInt(i);
        } else if (v instanceof Double d) {
            buffer.putByte(position++, DOUBLE);
            putLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof String s) {
            buffer.putByte(position++, STRING);
            putString(s);
        } else if (v instanceof BigDecimal d) {
            buffer.putByte(position++, DECIMAL);
            putString(d.toString());
        } else if (v instanceof Boolean b) {
            buffer.putByte(position++, BOOLEAN);
            putBoolean(b);
        } else {
            throw new IllegalArgumentException("cannot snapshot a value of " + v.getClass());
        }
        return this;
    }

    /** A map from values to counts (a DISTINCT aggregate's seen values), in its iteration order. */
    public StateWriter putCounts(Map<Object, long[]> counts) {
        putInt(counts.size());
        for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            putValue(e.getKey());
            putLong(e.getValue()[0]);
        }
        return this;
    }
}
