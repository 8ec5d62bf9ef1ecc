package io.sluice.engine.operator.agg;

import java.util.Arrays;

/**
 * Groups by a key of a few longs, stored inline in one array (open addressing, linear probing): the
 * window aggregates of Nexmark q5 look a group up five times per bid, and a map of {@link GroupKey}s
 * hashed and compared their encoded bytes behind two references each time. Only adds: a window's
 * groups go all at once when it fires. The caller owns the probe array it passes in and may reuse it.
 */
final class LongTupleMap {
    private final int width;
    private long[] keys;
    private Group[] values;
    private int mask;
    private int size;

    /** @param width longs per key */
    LongTupleMap(int width) {
        this.width = width;
        int capacity = 16;
        this.keys = new long[capacity * width];
        this.values = new Group[capacity];
        this.mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The group of {@code key}'s first {@code width} longs, or null. */
    Group get(long[] key) {
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            Group g = values[slot];
            if (g == null || same(key, slot)) {
                return g;
            }
        }
    }

    /** Adds a group under a key that is not there yet. */
    void add(long[] key, Group group) {
        if (2 * (size + 1) > values.length) {
            grow();
        }
        int slot = slot(key);
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        System.arraycopy(key, 0, keys, slot * width, width);
        values[slot] = group;
        size++;
    }

    private boolean same(long[] key, int slot) {
        int at = slot * width;
        for (int i = 0; i < width; i++) {
            if (keys[at + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private int slot(long[] key) {
        return hash(key, 0, width) & mask;
    }

    private static int hash(long[] key, int from, int width) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < width; i++) {
            h = (h ^ key[from + i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        Group[] oldValues = values;
        int capacity = values.length * 2;
        keys = new long[capacity * width];
        values = new Group[capacity];
        mask = capacity - 1;
        for (int s = 0; s < oldValues.length; s++) {
            if (oldValues[s] != null) {
                int slot = hash(oldKeys, s * width, width) & mask;
                while (values[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(oldKeys, s * width, keys, slot * width, width);
                values[slot] = oldValues[s];
            }
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }
}
