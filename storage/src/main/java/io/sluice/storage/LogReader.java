package io.sluice.storage;

/**
 * Reads one partition in order, never past the last acknowledged record.
 *
 * <p>Confined to one thread at a time: it may be created on one thread and then polled, repositioned
 * and closed on another (a worker), as long as calls never overlap. {@link #poll} never blocks.
 */
public interface LogReader extends AutoCloseable {
    /** Stands for "no record": an empty partition's end, or a reader that has read nothing yet. */
    long NO_OFFSET = -1L;

    /**
     * Hands up to {@code maxRecords} records, in order, to the handler and returns how many it
     * handed; 0 means nothing new is available now. The bytes given to the handler are valid only
     * during that call. If the handler throws, the record that threw counts as not read: a later poll
     * delivers it again.
     */
    int poll(RecordHandler handler, int maxRecords);

    /** Positions at the earliest retained record. */
    void seekToStart();

    /** Positions after the last acknowledged record: only records appended later are read. */
    void seekToEnd();

    /**
     * Positions just after the record at {@code offset}, a value a reader or an append returned
     * before. {@link #NO_OFFSET} means the start. Throws {@link StorageException} if the record is
     * no longer retained.
     */
    void seekAfter(long offset);

    /** Offset of the last record handed to a handler, or {@link #NO_OFFSET}. */
    long lastOffset();

    @Override
    void close();
}
