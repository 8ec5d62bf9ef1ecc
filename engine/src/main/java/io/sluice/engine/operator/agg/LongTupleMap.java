package io.sluice.engine.operator.agg;

import io.sluice.storage.row.RowReader;
import java.util.Arrays;

/**
 * Values (groups) by a key of a few longs, stored inline in one array (open addressing, linear probing): the
 * window aggregates of Nexmark q5 look a group up five times per bid, and a map of {@link GroupKey}s
 * hashed and compared their encoded bytes behind two references each time. Only adds: a window's
 * groups go all at once when it fires. {@link #remove} is for maps that live on (the keys of
 * {@link HopSlices}). The caller owns the probe array it passes in and may reuse it.
 */
final class LongTupleMap<V> {
    private final int width;
    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    /** @param width longs per key */
    LongTupleMap(int width) {
        this.width = width;
        int capacity = 16;
        this.keys = new long[capacity * width];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
    }

    /**
     * Writes the key of {@code row}'s {@code columns} (BIGINT or TIMESTAMP) into {@code tuple} as these
     * maps take it: the columns' longs (0 where NULL), then a mask of the NULL ones, so that a NULL and
     * a 0 are different keys. {@code tuple} holds at least {@code columns.length + 1} longs.
     */
    static void fill(long[] tuple, RowReader row, int[] columns) {
        long nulls = 0;
        for (int i = 0; i < columns.length; i++) {
            if (row.isNull(columns[i])) {
                nulls |= 1L << i;
                tuple[i] = 0;
            } else {
                tuple[i] = row.getLong(columns[i]);
            }
        }
        tuple[columns.length] = nulls;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}'s first {@code width} longs, or null. */
    @SuppressWarnings("unchecked")
    V get(long[] key) {
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            Object g = values[slot];
            if (g == null || same(key, slot)) {
                return (V) g;
            }
        }
    }

    /**
     * Removes {@code key}'s value, if there is one, and returns it. Later entries of its probe run move
     * back into the hole (no tombstones), so lookups stay as short as if it had never been added.
     */
    @SuppressWarnings("unchecked")
    V remove(long[] key) {
        int slot = slot(key);
        while (values[slot] != null && !same(key, slot)) {
            slot = (slot + 1) & mask;
        }
        Object removed = values[slot];
        if (removed == null) {
            return null;
        }
        int hole = slot;
        for (int j = (slot + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = hash(keys, j * width, width) & mask;
            // the entry at j may fill the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole < j ? home > hole && home <= j : home > hole || home <= j;
            if (!stays) {
                System.arraycopy(keys, j * width, keys, hole * width, width);
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
        return (V) removed;
    }

    /** Adds a value under a key that is not there yet. */
    void add(long[] key, V group) {
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
        Object[] oldValues = values;
        int capacity = values.length * 2;
        keys = new long[capacity * width];
        values = new Object[capacity];
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
