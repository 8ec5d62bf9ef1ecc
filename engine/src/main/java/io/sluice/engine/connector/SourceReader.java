package io.sluice.engine.connector;

/**
 * Reads one partition's share of a source. Called only by its source task, on one worker thread at a
 * time; it must never block for long (a worker runs many tasks): when nothing is available it returns
 * 0 and is called again later.
 *
 * <p><b>Determinism.</b> Exactly-once into the stream rests on this: a reader opened at a position
 * hands over the same records, in the same order, as the reader that produced that position did
 * after it. (Rows handed over after the last checkpoint are re-read after a crash; the task's
 * appender recognises them by sequence number and does not write them twice.) A reader that reads
 * several inputs in an order that depends on timing uses {@link #wantsCheckpoint()}.
 *
 * <pre>
 * lifecycle:  openReader --> poll ... poll --(bounded input exhausted)--> isFinished() == true
 *             position() between polls; close() once, always, on the same thread
 * </pre>
 */
public interface SourceReader extends AutoCloseable {
    /**
     * Hands at most {@code maxRecords} records to {@code out} (rows through {@link SourceOutput#row()}
     * and {@link SourceOutput#emit()}, bad records through {@link SourceOutput#reject}).
     *
     * @return how many records were handed over (emitted, rejected or skipped by a format filter);
     *         0 when nothing is available now
     */
    int poll(SourceOutput out, int maxRecords);

    /** True once a bounded reader has handed over its last record; never true for an unbounded one. */
    boolean isFinished();

    /**
     * Where this reader is: just after the last record handed over by the last {@link #poll}. Opaque
     * to Sluice, stored in the task's checkpoint and given back to {@link Source#openReader}.
     * Called between polls.
     */
    byte[] position();

    /**
     * Where the record being handed over right now came from, in words for a person ({@code
     * /data/bids.jsonl line 42 (byte 1234)}). Called only during {@link #poll}, for a bad record, so
     * it may allocate.
     */
    String describePosition();

    /**
     * Whether the task must checkpoint before the next {@link #poll}. A reader that draws from several
     * inputs (files, external partitions) whose interleaving depends on timing asks for a checkpoint
     * each time it is about to move to another input: between two checkpoints its records then come
     * from one input, in that input's order, so a replay from the last position hands over the same
     * records in the same order (see Determinism above). Called after each poll. Default: never.
     */
    default boolean wantsCheckpoint() {
        return false;
    }

    /** Releases files or connections. Called once, on the worker thread. */
    @Override
    void close();
}
