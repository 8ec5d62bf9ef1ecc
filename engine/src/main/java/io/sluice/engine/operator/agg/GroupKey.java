package io.sluice.engine.operator.agg;

import io.sluice.storage.row.Hashing;
import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The encoded group-key columns of a row (a row of only those columns, in Sluice's binary form, which
 * is canonical: equal values give equal bytes), usable as a hash-map key. A {@link Probe} looks a
 * row's key up without copying it.
 */
public final class GroupKey {
    final byte[] bytes;
    private final int hash;

    public GroupKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Hashing.hashBytes(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof GroupKey k) {
            return k.hash == hash && Arrays.equals(k.bytes, bytes);
        }
        return o instanceof Probe p && p.equals(this);
    }

    /** A reusable look-up key over bytes that stay where they are. */
    public static final class Probe {
        private DirectBuffer buffer;
        private int length;
        private int hash;

        public Probe wrap(DirectBuffer buffer, int length) {
            this.buffer = buffer;
            this.length = length;
            this.hash = Hashing.hashBytes(buffer, 0, length);
            return this;
        }

        public GroupKey copy() {
            byte[] b = new byte[length];
            buffer.getBytes(0, b);
            return new GroupKey(b);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof GroupKey k) || k.hash != hash || k.bytes.length != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (buffer.getByte(i) != k.bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
