package io.sluice.storage;

import org.agrona.DirectBuffer;

/**
 * One ordered, durable log of binary records. An offset identifies a record within its partition;
 * offsets increase with every append but need not be contiguous (a reader must not compute
 * "offset + 1"; it resumes with {@link LogReader#seekAfter}).
 *
 * <p>Appends are thread-safe and may come from any thread. When an append returns, the records are
 * acknowledged: they survive a crash of the process (and, with {@link Durability#SYNC}, of the
 * machine), and readers can see them.
 */
public interface PartitionLog {

    int partition();

    /** Appends every record of the batch, in order; returns the offset of the last one. */
    long append(RecordBatch batch);

    /** Appends one record; returns its offset. */
    long append(DirectBuffer buffer, int offset, int length);

    /** Offset of the last acknowledged record, or {@link LogReader#NO_OFFSET} when empty. */
    long endOffset();

    /** Number of records in the partition. */
    long recordCount();

    /**
     * A reader positioned at the earliest retained record. The reader is confined to the thread that
     * first polls it (see {@link LogReader}).
     */
    LogReader openReader();
}
