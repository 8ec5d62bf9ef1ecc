package io.sluice.engine.operator.state;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.DirectBuffer;

/** Reads what a {@link StateWriter} wrote, in the same order. */
public final class StateReader {
    private final DirectBuffer buffer;
    private final int end;
    private int position;

    public StateReader(DirectBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    public boolean hasMore() {
        return position < end;
    }

    public int getInt() {
        int v = buffer.getInt(position);
        position += 4;
        return v;
    }

    public long getLong() {
        long v = buffer.getLong(position);
        position += 8;
        return v;
    }

    public boolean getBoolean() {
        return buffer.getByte(position++) != 0;
    }

    public byte[] getBytes() {
        int n = getInt();
        byte[] v = new byte[n];
        buffer.getBytes(position, v);
        position += n;
        return v;
    }

    public String getString() {
        return new String(getBytes(), StandardCharsets.UTF_8);
    }

    public long[] getLongs() {
        long[] v = new long[getInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = getLong();
        }
        return v;
    }

    public Object getValue() {
        byte type = buffer.getByte(position++);
        return switch (type) {
            case StateWriter.NULL -> null;
            case StateWriter.LONG -> getLong();
            case StateWriter.INT -> getInt();
            case StateWriter.DOUBLE -> Double.longBitsToDouble(getLong());
            case StateWriter.STRING -> getString();
            case StateWriter.DECIMAL -> new BigDecimal(getString());
            case StateWriter.BOOLEAN -> getBoolean();
            default -> throw new IllegalStateException("state snapshot has an unknown value type " + type);
        };
    }

    public Map<Object, long[]> getCounts() {
        int n = getInt();
        Map<Object, long[]> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object k = getValue();
            m.put(k, new long[] {getLong()});
        }
        return m;
    }
}
