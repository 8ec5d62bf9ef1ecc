package io.sluice.storage.row;

import org.agrona.DirectBuffer;

/**
 * A hash over encoded bytes that never changes between versions, JVMs or machines: rows are routed to
 * partitions by it, so changing it would move keys between partitions of existing streams.
 * (Murmur3 x86 32-bit, seed 0x5175_1ce.)
 */
public final class Hashing {
    private static final int SEED = 0x051751ce;

    private Hashing() {
    }

    public static int hashBytes(DirectBuffer buffer, int offset, int length) {
        int h = SEED;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            int k = (buffer.getByte(offset + i) & 0xff)
                    | (buffer.getByte(offset + i + 1) & 0xff) << 8
                    | (buffer.getByte(offset + i + 2) & 0xff) << 16
                    | (buffer.getByte(offset + i + 3) & 0xff) << 24;
            h = mixH(h, mixK(k));
        }
        int k = 0;
        switch (length - i) {
            case 3:
                k ^= (buffer.getByte(offset + i + 2) & 0xff) << 16;
                // fall through
            case 2:
                k ^= (buffer.getByte(offset + i + 1) & 0xff) << 8;
                // fall through
            case 1:
                k ^= buffer.getByte(offset + i) & 0xff;
                h ^= mixK(k);
                break;
            default:
                break;
        }
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The partition, in {@code [0, partitions)}, for a hash. */
    public static int partition(int hash, int partitions) {
        return Math.floorMod(hash, partitions);
    }

    private static int mixK(int k) {
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        return k * 0x1b873593;
    }

    private static int mixH(int h, int k) {
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }
}
