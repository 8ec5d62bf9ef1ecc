package io.sluice.engine.operator;

import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.row.Hashing;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowWriter;

/**
 * Writes a task's output rows to a stream: routes each row to a partition (hash of the key column,
 * or round robin), stamps it with the task's writer id and the next output sequence number, gathers
 * rows per partition, and appends each partition's batch on {@link #flush()}.
 *
 * <p>Exactly-once on recovery: a task replaying input after a crash produces the same outputs with
 * the same sequence numbers (its processing is deterministic); rows whose sequence number is at or
 * below {@link #suppressUpTo} were already appended before the crash and are skipped, not written
 * twice. One instance per task; not thread-safe.
 */
public final class StreamAppender {
    private final PartitionedLog log;
    private final int keyIndex;
    private final int writerId;
    private final RecordBatch[] batches;
    private long seq;
    private long suppressUpTo = -1;
    private long rowsWritten;
    private int roundRobin;

    public StreamAppender(PartitionedLog log, int keyIndex, int writerId, int roundRobinStart) {
        this.log = log;
        this.keyIndex = keyIndex;
        this.writerId = writerId;
        this.batches = new RecordBatch[log.partitionCount()];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new RecordBatch();
        }
        this.roundRobin = roundRobinStart;
    }

    /** Continues numbering after {@code lastSeq}, the last sequence number of a checkpoint. */
    public void resumeAt(long lastSeq) {
        this.seq = lastSeq;
    }

    /** Rows numbered up to and including {@code seq} are already in the log: do not write them again. */
    public void suppressUpTo(long seq) {
        this.suppressUpTo = seq;
    }

    /** Adds one row (its bytes are copied) to its partition's batch. */
    public void write(RowReader row) {
        long s = ++seq;
        int p;
        if (keyIndex >= 0) {
            p = Hashing.partition(row.hashField(keyIndex), batches.length);
        } else {
            p = roundRobin;
            roundRobin = roundRobin + 1 == batches.length ? 0 : roundRobin + 1;
        }
        if (s <= suppressUpTo) {
            return;
        }
        RecordBatch b = batches[p];
        int start = b.byteSize();
        b.add(row.buffer(), row.offset(), row.length());
        RowWriter.stampWriter(b.buffer(), start, writerId, s);
    }

    /** Appends every gathered row; when it returns they are acknowledged. */
    public void flush() {
        for (int p = 0; p < batches.length; p++) {
            RecordBatch b = batches[p];
            if (!b.isEmpty()) {
                log.partition(p).append(b);
                rowsWritten += b.size();
                b.clear();
            }
        }
    }

    /** The sequence number of the last row produced (written or suppressed). */
    public long seq() {
        return seq;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    /** Each partition's end offset now, for a checkpoint. */
    public long[] endOffsets() {
        long[] ends = new long[batches.length];
        for (int p = 0; p < ends.length; p++) {
            ends[p] = log.partition(p).endOffset();
        }
        return ends;
    }

    /**
     * After a crash: the highest sequence number this writer appended after {@code positions} (a
     * checkpoint's end offsets), or {@code floor} if none. Reads only the rows after those positions.
     */
    public long lastWrittenSeqAfter(long[] positions, long floor) {
        long[] max = {floor};
        for (int p = 0; p < batches.length; p++) {
            try (LogReader r = log.partition(p).openReader()) {
                long from = positions != null && p < positions.length ? positions[p] : LogReader.NO_OFFSET;
                r.seekAfter(from);
                RowReader header = new RowReader(io.sluice.storage.row.RowSchema.of());
                while (r.poll((offset, buffer, index, length) -> {
                    header.wrap(buffer, index, length);
                    if (header.writerId() == writerId && header.writerSeq() > max[0]) {
                        max[0] = header.writerSeq();
                    }
                }, 1024) > 0) {
                    // keep reading to the end
                }
            }
        }
        return max[0];
    }
}
