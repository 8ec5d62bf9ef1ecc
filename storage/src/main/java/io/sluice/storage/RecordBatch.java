package io.sluice.storage;

import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Records gathered for one {@link PartitionLog#append(RecordBatch)}: the bytes of all records back
 * to back in one growable buffer, with each record's start and length. Reused after {@link #clear}.
 * Not thread-safe.
 */
public final class RecordBatch {
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(4096);
    // plain arrays rather than IntArrayLists: add runs once per record on the engine's hot path
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private int count;
    private int end;

    /** Copies one record into the batch. */
    public void add(DirectBuffer buffer, int offset, int length) {
        data.putBytes(end, buffer, offset, length);
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = end;
        lengths[count] = length;
        count++;
        end += length;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int byteSize() {
        return end;
    }

    public MutableDirectBuffer buffer() {
        return data;
    }

    public int start(int i) {
        if (i >= count) {
            throw new IndexOutOfBoundsException("record " + i + " of a batch of " + count);
        }
        return starts[i];
    }

    public int length(int i) {
        if (i >= count) {
            throw new IndexOutOfBoundsException("record " + i + " of a batch of " + count);
        }
        return lengths[i];
    }

    public void clear() {
        count = 0;
        end = 0;
    }
}
