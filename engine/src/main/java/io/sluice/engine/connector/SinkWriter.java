package io.sluice.engine.connector;

import io.sluice.storage.row.RowReader;

/**
 * Writes one partition's rows to an external system. Called only by its sink task, on one worker
 * thread at a time; it must not block for long.
 *
 * <p>Checkpoint protocol (a two-phase commit whose first phase is the sink's and whose decision is
 * Sluice's catalog entry):
 * <ol>
 *   <li>{@link #write} for each row read since the last checkpoint;</li>
 *   <li>{@link #prepareCheckpoint()}: make everything written so far durable or pre-committed, and
 *       return a state that identifies it (a file length, a transaction id);</li>
 *   <li>Sluice stores the state with the input offset in one catalog entry;</li>
 *   <li>{@link #commit(byte[])} with that state: make it visible (commit the transaction).</li>
 * </ol>
 * A crash between 3 and 4 is resolved by {@link Sink#openWriter(int, byte[])} with the stored state.
 */
public interface SinkWriter extends AutoCloseable {
    /** Writes (or buffers) one row; the reader's bytes are valid only during the call. */
    void write(RowReader row);

    /** Phase one of a checkpoint; see the class comment. May return null when there is no state. */
    byte[] prepareCheckpoint();

    /** Phase two: the checkpoint holding {@code state} is durable. Idempotent. */
    void commit(byte[] state);

    /** Releases the external resource. Called once, on the worker thread, after the last checkpoint. */
    @Override
    void close();
}
