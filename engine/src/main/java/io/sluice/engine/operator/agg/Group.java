package io.sluice.engine.operator.agg;

/**
 * One group's accumulators: {@code longs[0]} counts the rows in the group; the rest is laid out by
 * {@link Accumulators}.
 */
final class Group {
    final GroupKey key;
    final long[] longs;
    final Object[] objects;

    Group(GroupKey key, int longs, int objects) {
        this.key = key;
        this.longs = new long[longs];
        this.objects = new Object[objects];
    }
}
