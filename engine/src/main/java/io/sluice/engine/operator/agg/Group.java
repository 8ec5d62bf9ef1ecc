package io.sluice.engine.operator.agg;

/**
 * One group's accumulators: {@code longs[0]} counts the rows in the group; the rest is laid out by
 * {@link Accumulators}.
 */
final class Group {
    final GroupKey key;
    final long[] longs;
    final Object[] objects;
    /**
     * When a slicing HOP aggregate ({@link HopSlices}) made this group of a slice: its place in the
     * order rows first reached their (key, slice), so that a window lists its keys as they were first seen.
     */
    long seq;
    /** The key entry of a {@link HopSlices} group: its key's other groups, and where a window merges them. */
    HopSlices.KeyEntry entry;
    /**
     * The neighbours of an unwindowed group kept by its key's longs ({@link AggregateOperator}): the
     * groups in the order they were made, which a snapshot writes them in (a map by longs has no order).
     */
    Group older;
    Group newer;

    Group(GroupKey key, int longs, int objects) {
        this.key = key;
        this.longs = new long[longs];
        this.objects = new Object[objects];
    }
}
