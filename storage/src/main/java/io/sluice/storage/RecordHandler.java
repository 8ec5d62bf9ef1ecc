package io.sluice.storage;

import org.agrona.DirectBuffer;

/** Receives records from {@link LogReader#poll}; called on the polling thread. */
@FunctionalInterface
public interface RecordHandler {
    /**
     * One record: {@code length} bytes at {@code index} in {@code buffer}, valid only during this
     * call (they may be mapped straight from the log's file).
     */
    void onRecord(long offset, DirectBuffer buffer, int index, int length);
}
