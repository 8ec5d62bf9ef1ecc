package io.sluice.engine.connector;

import org.agrona.collections.IntHashSet;

/**
 * Tells a reader of one partition when that partition has ended, from the END control records in
 * it. The rule (see the package documentation): a stream filled by a bounded source has exactly as
 * many source tasks as partitions, each with its own writer id, and each appends END to every
 * partition when its input is exhausted; partition p has ended once END from that many distinct
 * writers has been read from it. END records are idempotent: one writer's END read twice (a task
 * that re-ran after a crash) counts once.
 *
 * <p>One instance per partition reader; not thread-safe.
 */
public final class EndTracker {
    private final int writers;
    private final IntHashSet ended = new IntHashSet();

    /** @param writers how many distinct writers must end (the stream's partition count for a source) */
    public EndTracker(int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.writers = writers;
    }

    /**
     * Records an END from {@code writerId}.
     *
     * @return true if the partition has now ended (every writer has ended)
     */
    public boolean onEnd(int writerId) {
        ended.add(writerId);
        return isEnded();
    }

    public boolean isEnded() {
        return ended.size() >= writers;
    }

    /** How many distinct writers have ended so far. */
    public int endedWriters() {
        return ended.size();
    }

    public int expectedWriters() {
        return writers;
    }
}
