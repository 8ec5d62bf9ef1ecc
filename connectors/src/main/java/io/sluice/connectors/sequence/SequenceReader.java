package io.sluice.connectors.sequence;

import io.sluice.engine.connector.SourceOutput;
import io.sluice.engine.connector.SourceReader;
import io.sluice.storage.row.RowWriter;
import java.nio.ByteBuffer;

/**
 * A generator's reader: makes the rows numbered {@code next}, {@code next + step}, ... below
 * {@code total}, where the step is the stream's partition count and a reader starts at its partition,
 * so the partitions share one numbering without overlap. The position is the next number, so a
 * restart resumes exactly there. With a rate, numbers are released at that many per second (of the
 * {@link #paceKey pace key}) from when the reader opened. One per partition, on one task's thread.
 */
public abstract class SequenceReader implements SourceReader {
    private final int step;
    private final long total;
    private final double rate;
    private final long startNanos = System.nanoTime();
    private final long first;
    private long next;
    private long current = -1;

    /**
     * @param next  the first number to make (the partition, or a restored position)
     * @param step  the distance between this reader's numbers (the partition count)
     * @param total numbers at or above this are not made (Long.MAX_VALUE: unbounded)
     * @param rate  pace keys per second, or 0 for as fast as possible
     */
    protected SequenceReader(long next, int step, long total, double rate) {
        this.next = next;
        this.step = step;
        this.total = total;
        this.rate = rate;
        this.first = next;
    }

    /** The value that rate pacing counts for number {@code n}; the number itself unless overridden. */
    protected long paceKey(long n) {
        return n;
    }

    /** Writes the columns of row number {@code n}. */
    protected abstract void fill(long n, RowWriter row);

    /** Where a reader is, for error messages, given the number of the last row it made. */
    protected abstract String describe(long current);

    /** The number a reader of {@code partition} starts at: its partition, or what its restored position holds. */
    public static long startOf(int partition, byte[] position) {
        return position == null ? partition : ByteBuffer.wrap(position).getLong();
    }

    @Override
    public int poll(SourceOutput out, int maxRecords) {
        int n = 0;
        if (rate <= 0) {
            // unpaced: no pace key per row (for Nexmark it is a division per event)
            while (n < maxRecords && next < total) {
                current = next;
                fill(next, out.row());
                out.emit();
                next += step;
                n++;
            }
            return n;
        }
        long due = paceKey(first) + (long) ((System.nanoTime() - startNanos) * 1e-9 * rate);
        while (n < maxRecords && next < total && paceKey(next) <= due) {
            current = next;
            fill(next, out.row());
            out.emit();
            next += step;
            n++;
        }
        return n;
    }

    @Override
    public boolean isFinished() {
        return next >= total;
    }

    @Override
    public byte[] position() {
        return ByteBuffer.allocate(8).putLong(next).array();
    }

    @Override
    public String describePosition() {
        return describe(current);
    }

    @Override
    public void close() {
    }
}
