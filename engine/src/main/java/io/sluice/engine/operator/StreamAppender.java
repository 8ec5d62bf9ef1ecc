package io.sluice.engine.operator;

import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.Hashing;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.Arrays;

/**
 * Writes a task's output rows to a stream: routes each row to a partition (hash of the key column,
 * or round robin), stamps it with the task's writer id and the next output sequence number, gathers
 * rows per partition, and appends each partition's batch on {@link #flush()}.
 *
 * <p>Exactly-once on recovery. A task that restarts from a checkpoint re-reads its input from there
 * and, being deterministic, produces the same rows with the same sequence numbers, routed to the same
 * partitions (round robin is a function of the sequence number, not of a counter that a restart
 * would reset). {@link #recover} finds, <em>per output partition</em>, the highest sequence number
 * this writer already appended after the checkpoint; a regenerated row at or below it is skipped.
 * Per partition, because a flush appends partition after partition and a crash between two of them
 * leaves lower numbers missing in one partition while higher ones exist in another; and within one
 * partition an interrupted batch leaves a prefix, so "at or below the highest" is exact.
 *
 * <p>While that replay is under way, {@link #endOffsets()} keeps reporting the positions recovery
 * scanned from, so that a checkpoint taken mid-replay still leads the next recovery to the rows this
 * one is skipping. One instance per task; not thread-safe.
 */
public final class StreamAppender {
    private final PartitionedLog log;
    private final RowConstraints constraints;
    private final int[] keys;
    private final int tag;
    private final int writerId;
    private final int roundRobinStart;
    private final RecordBatch[] batches;
    private final long[] suppressUpTo;
    private long replayUntil = -1;
    private long[] recoveredFrom;
    private long seq;
    private long rowsWritten;

    /**
     * @param roundRobinStart partition of sequence number 0 for a stream without a key; a pipeline
     *                        task passes a number that is the same at every restart
     */
    public StreamAppender(PartitionedLog log, RowConstraints constraints, int keyIndex, int writerId,
                          int roundRobinStart) {
        this(log, constraints, keyIndex < 0 ? null : new int[] {keyIndex}, 0, writerId, roundRobinStart);
    }

    /**
     * @param keys the columns whose combined hash picks a row's partition; null for round robin, empty
     *             for "always partition 0" (a global aggregate's exchange)
     * @param tag  stamped into every row: which input of the reading stage's exchanges the rows belong to
     */
    public StreamAppender(PartitionedLog log, RowConstraints constraints, int[] keys, int tag, int writerId,
                          int roundRobinStart) {
        this.log = log;
        this.constraints = constraints;
        this.keys = keys == null ? null : keys.clone();
        this.tag = tag;
        this.writerId = writerId;
        this.roundRobinStart = roundRobinStart;
        this.batches = new RecordBatch[log.partitionCount()];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new RecordBatch();
        }
        this.suppressUpTo = new long[batches.length];
        Arrays.fill(suppressUpTo, -1);
    }

    /**
     * Prepares to resume after a checkpoint: numbering continues after {@code lastSeq}, and the rows
     * this writer appended after {@code positions} (the checkpoint's end offsets, one per partition)
     * will not be written again.
     */
    public void recover(long[] positions, long lastSeq) {
        this.seq = lastSeq;
        this.recoveredFrom = positions.clone();
        RowReader header = new RowReader(RowSchema.of());
        for (int p = 0; p < batches.length; p++) {
            long[] max = {-1};
            try (LogReader r = log.partition(p).openReader()) {
                r.seekAfter(p < positions.length ? positions[p] : LogReader.NO_OFFSET);
                while (r.poll((offset, buffer, index, length) -> {
                    if (ControlRecord.isControl(buffer, index)) {
                        return; // control records take no sequence number
                    }
                    header.wrap(buffer, index, length);
                    if (header.writerId() == writerId && header.writerSeq() > max[0]) {
                        max[0] = header.writerSeq();
                    }
                }, 1024) > 0) {
                    // read to the end
                }
            }
            suppressUpTo[p] = max[0];
            replayUntil = Math.max(replayUntil, max[0]);
        }
    }

    /**
     * Adds one row (its bytes are copied) to its partition's batch.
     *
     * @throws EvaluationException if the row breaks the stream's constraints; nothing is added
     */
    public void write(RowReader row) {
        write(row, keys, tag);
    }

    /**
     * A sink that writes like {@link #write} but routes by {@code keys} and stamps {@code tag}: a stage
     * with several outputs into one consumer (a subtree computed once for two exchanges) writes each
     * output's rows through the task's one appender, so that they share its sequence numbers and the
     * recovery of exactly-once (see the class comment) covers them all.
     */
    public RowSink routed(int[] keys, int tag) {
        int[] k = keys == null ? null : keys.clone();
        return row -> write(row, k, tag);
    }

    private void write(RowReader row, int[] keys, int tag) {
        constraints.check(row);
        long s = ++seq;
        int p;
        if (batches.length == 1) {
            p = 0; // the usual single partition: no hashing or modulo per row
        } else if (keys == null) {
            p = (int) Math.floorMod(roundRobinStart + s, (long) batches.length);
        } else if (keys.length == 1) {
            p = Hashing.partition(row.hashField(keys[0]), batches.length);
        } else if (keys.length == 0) {
            p = 0;
        } else {
            int h = 0;
            for (int k : keys) {
                h = h * 31 + row.hashField(k);
            }
            p = Hashing.partition(h, batches.length);
        }
        if (s <= suppressUpTo[p]) {
            return;
        }
        RecordBatch b = batches[p];
        int start = b.byteSize();
        b.add(row.buffer(), row.offset(), row.length());
        RowWriter.stampWriter(b.buffer(), start, writerId, s);
        if (tag != 0) {
            RowWriter.stampKindAndTag(b.buffer(), start, row.kind(), tag);
        }
    }

    /**
     * Adds a control record (see {@link ControlRecord}) to every partition, after the rows gathered so
     * far: readers of every partition learn of this writer's watermark, idleness or end.
     */
    public void control(byte type, long value) {
        for (RecordBatch b : batches) {
            ControlRecord.add(b, type, writerId, value);
        }
    }

    /** The writer id stamped into this appender's records. */
    public int writerId() {
        return writerId;
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

    /** The sequence number of the last row produced (written or skipped as already written). */
    public long seq() {
        return seq;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    /**
     * Where a checkpoint taken now should tell the next recovery to look for this writer's rows: each
     * partition's end offset, or, while a replay is still skipping rows, the positions it recovered
     * from.
     */
    public long[] endOffsets() {
        if (recoveredFrom != null && seq < replayUntil) {
            return recoveredFrom.clone();
        }
        long[] ends = new long[batches.length];
        for (int p = 0; p < ends.length; p++) {
            ends[p] = log.partition(p).endOffset();
        }
        return ends;
    }
}
