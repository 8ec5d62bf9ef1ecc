package io.sluice.engine.operator.agg;

import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowWriter;
import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The encoded group-key columns of a row (a row of only those columns, in Sluice's binary form, which
 * is canonical: equal values give equal bytes), usable as a hash-map key. A {@link Probe} looks a
 * row's key up without copying it.
 */
public final class GroupKey {
    private static final long M = 0x9E3779B97F4A7C15L;

    final byte[] bytes;
    private final int hash;

    public GroupKey(byte[] bytes) {
        this(bytes, hash(new UnsafeBuffer(bytes), bytes.length));
    }

    /** @param hash {@link #hash} of the bytes, already known */
    private GroupKey(byte[] bytes, int hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    public byte[] bytes() {
        return bytes;
    }

    /**
     * The in-memory hash of encoded key bytes, eight at a time: keys are looked up once per row (a HOP
     * window several times), and a byte-wise Murmur over a 30-byte key was a tenth of such a
     * pipeline. Never stored nor used for partitioning (that is {@code Hashing}), so it may change.
     */
    public static int hash(DirectBuffer buffer, int length) {
        long h = M ^ length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ buffer.getLong(i)) * M;
            h ^= h >>> 29;
        }
        for (; i < length; i++) {
            h = (h ^ buffer.getByte(i)) * M;
        }
        h ^= h >>> 32;
        return (int) h;
    }

    /** Whether {@code length} bytes of {@code a} and {@code b} from 0 are equal, compared eight at a time. */
    public static boolean sameBytes(DirectBuffer a, DirectBuffer b, int length) {
        return sameBytes(a, b, 0, length);
    }

    /** Whether bytes {@code [from, to)} of two buffers are equal, compared eight at a time. */
    public static boolean sameBytes(DirectBuffer a, DirectBuffer b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (a.getLong(i) != b.getLong(i)) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (a.getByte(i) != b.getByte(i)) {
                return false;
            }
        }
        return true;
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
        private final UnsafeBuffer other = new UnsafeBuffer(new byte[0]);
        private DirectBuffer buffer;
        private int length;
        private int hash;

        /** Wraps the key of {@code row}'s {@code columns}, written into {@code keyWriter} (whose schema is those columns). */
        public Probe wrapKey(RowWriter keyWriter, RowReader row, int[] columns) {
            keyWriter.begin(RowKind.INSERT);
            for (int i = 0; i < columns.length; i++) {
                keyWriter.copy(row, columns[i], i);
            }
            return wrap(keyWriter.buffer(), keyWriter.length());
        }

        public Probe wrap(DirectBuffer buffer, int length) {
            this.buffer = buffer;
            this.length = length;
            this.hash = hash(buffer, length);
            return this;
        }

        public GroupKey copy() {
            byte[] b = new byte[length];
            buffer.getBytes(0, b);
            return new GroupKey(b, hash); // the same bytes: no need to hash them again
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
            other.wrap(k.bytes);
            return sameBytes(buffer, other, length);
        }
    }
}
