package io.sluice.engine.operator.join;

import io.sluice.engine.operator.agg.GroupKey;
import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A row's encoded equi-key columns (a row of only those columns in Sluice's binary form, which is
 * canonical: equal values give equal bytes), usable as a hash-map key. A {@link Probe} looks a key up
 * without copying it.
 */
final class JoinKey {
    final byte[] bytes;
    private final int hash;

    JoinKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = GroupKey.hash(new UnsafeBuffer(bytes), bytes.length);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof JoinKey k) {
            return k.hash == hash && Arrays.equals(k.bytes, bytes);
        }
        return o instanceof Probe p && p.equals(this);
    }

    /** A reusable look-up key over bytes that stay where they are. */
    static final class Probe {
        private final UnsafeBuffer other = new UnsafeBuffer(new byte[0]);
        private DirectBuffer buffer;
        private int length;
        private int hash;

        Probe wrap(DirectBuffer buffer, int length) {
            this.buffer = buffer;
            this.length = length;
            this.hash = GroupKey.hash(buffer, length);
            return this;
        }

        JoinKey copy() {
            byte[] b = new byte[length];
            buffer.getBytes(0, b);
            return new JoinKey(b);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof JoinKey k) || k.hash != hash || k.bytes.length != length) {
                return false;
            }
            other.wrap(k.bytes);
            return GroupKey.sameBytes(buffer, other, length);
        }
    }
}
