package io.sluice.engine.operator.join;

import java.util.Arrays;

/**
 * A hash map from a long to a value, for a join whose equi-key is one BIGINT or TIMESTAMP column:
 * open addressing with linear probing over a key array and a value array, so a look-up reads the
 * long where it is instead of hashing and comparing a key's encoded bytes behind two references (a
 * map of {@code JoinKey}s did, three times per row of Nexmark q4). Removal shifts the following
 * entries of the run back (no tombstones), since a join adds and removes keys all the time. It keeps
 * no order: the join keeps its buckets' insertion order itself. Null values are not allowed (null
 * marks an empty slot). Used by one thread (its operator's).
 *
 * @param <V> the value type
 */
final class LongKeyMap<V> {
    private static final int MIN_CAPACITY = 16;
    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    LongKeyMap() {
        keys = new long[MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        mask = MIN_CAPACITY - 1;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(long key) {
        long[] ks = keys;
        Object[] vs = values;
        int m = mask;
        for (int slot = slot(key, m); ; slot = (slot + 1) & m) {
            Object v = vs[slot];
            if (v == null || ks[slot] == key) {
                return (V) v;
            }
        }
    }

    /**
     * Adds {@code value} under a key that is not there yet (the caller looked it up first).
     *
     * @throws NullPointerException if {@code value} is null
     */
    void add(long key, V value) {
        if (value == null) {
            throw new NullPointerException("a null value");
        }
        if (2 * (size + 1) > values.length) {
            resize(values.length * 2);
        }
        int slot = slot(key, mask);
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
    }

    /** Removes {@code key}; false when it was not there. */
    boolean remove(long key) {
        int slot = slot(key, mask);
        while (true) {
            if (values[slot] == null) {
                return false;
            }
            if (keys[slot] == key) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        // Backward shift: move each later entry of the run whose home slot is not between the hole and
        // it (cyclically) into the hole, so every key stays reachable from its home slot without gaps.
        int hole = slot;
        for (int i = (hole + 1) & mask; values[i] != null; i = (i + 1) & mask) {
            int home = slot(keys[i], mask);
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
        size--;
        // shrink when a burst of keys has gone, so a long run does not keep its peak's arrays
        if (values.length > MIN_CAPACITY && 8 * size < values.length) {
            resize(values.length / 2);
        }
        return true;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
        if (values.length > MIN_CAPACITY) {
            keys = new long[MIN_CAPACITY];
            values = new Object[MIN_CAPACITY];
            mask = MIN_CAPACITY - 1;
        }
    }

    private static int slot(long key, int mask) {
        // auction ids and times are sequential: mix every bit into the low ones the mask keeps
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = slot(oldKeys[i], mask);
                while (values[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
