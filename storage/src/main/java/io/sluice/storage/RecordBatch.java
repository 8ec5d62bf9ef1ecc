package io.sluice.storage;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;

/**
 * Records gathered for one {@link PartitionLog#append(RecordBatch)}: the bytes of all records back
 * to back in one growable buffer, with each record's start and length. Reused after {@link #clear}.
 * Not thread-safe.
 */
public final class RecordBatch {
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(4096);
    private final IntArrayList starts = new IntArrayList();
    private final IntArrayList lengths = new IntArrayList();
    private int end;

    /** Copies one record into the batch. */
    public void add(DirectBuffer buffer, int offset, int length) {
        data.putBytes(end, buffer, offset, length);
        starts.addInt(end);
        lengths.addInt(length);
        end += length;
    }

    public int size() {
        return starts.size();
    }

    public boolean isEmpty() {
        return starts.isEmpty();
    }

    public int byteSize() {
        return end;
    }

    public MutableDirectBuffer buffer() {
        return data;
    }

    public int start(int i) {
        return starts.getInt(i);
    }

    public int length(int i) {
        return lengths.getInt(i);
    }

    public void clear() {
        starts.clear();
        lengths.clear();
        end = 0;
    }
}
