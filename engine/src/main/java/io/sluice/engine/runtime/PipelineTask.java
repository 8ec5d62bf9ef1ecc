package io.sluice.engine.runtime;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.TaskCheckpoint;
import io.sluice.engine.operator.CalcChain;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.RowReader;
import org.agrona.DirectBuffer;

/**
 * One pipeline on one input partition: reads the partition from its checkpoint, runs the Calc
 * chain, appends to the target stream, and checkpoints its progress every interval and when it stops.
 *
 * <p>Recovery: the task resumes reading after the checkpoint's input offset and renumbers its output
 * from the checkpoint's sequence number; the rows it appended after the checkpoint (found by their
 * writer id in the output after the checkpoint's end offsets) are regenerated but not written again.
 * Every input row's output is therefore in the target exactly once.
 */
final class PipelineTask extends Task implements RecordHandler {
    private static final int BATCH = 512;

    private final String pipeline;
    private final int partition;
    private final PartitionLog input;
    private final RowReader inRow;
    private final CalcChain chain;
    private final StreamAppender appender;
    private final Catalog catalog;
    private final long checkpointInterval;
    private final TaskCheckpoint initial;
    private LogReader reader;
    private long lastOffset = LogReader.NO_OFFSET;
    private long lastCheckpointAt;
    private boolean dirty;
    private volatile long rowsIn;
    private volatile long rowsOut;

    PipelineTask(String pipeline, int partition, TaskCheckpoint initial, PartitionLog input, RowReader inRow,
                 CalcChain chain, StreamAppender appender, Catalog catalog, long checkpointInterval) {
        super("pipeline " + pipeline + "/" + partition);
        this.pipeline = pipeline;
        this.partition = partition;
        this.input = input;
        this.inRow = inRow;
        this.chain = chain;
        this.appender = appender;
        this.catalog = catalog;
        this.checkpointInterval = checkpointInterval;
        this.initial = initial;
        // SHOW PIPELINES right after a restart reports the progress so far, not 0 until a worker starts us
        catalog.checkpoint(pipeline, partition).ifPresent(cp -> {
            rowsIn = cp.rowsIn();
            rowsOut = cp.outputSeq();
        });
    }

    @Override
    protected void onStart() {
        TaskCheckpoint cp = catalog.checkpoint(pipeline, partition).orElse(initial);
        reader = input.openReader();
        reader.seekAfter(cp.inputOffset());
        lastOffset = cp.inputOffset();
        appender.recover(cp.outputPositions(), cp.outputSeq());
        rowsIn = cp.rowsIn();
        rowsOut = cp.outputSeq();
        lastCheckpointAt = System.currentTimeMillis();
    }

    @Override
    protected int doWork(long nowMs) {
        int n;
        try {
            n = reader.poll(this, BATCH);
        } finally {
            appender.flush(); // rows before a failing one are consumed: their output must be in the log
            rowsOut = appender.seq();
        }
        if (n > 0) {
            dirty = true;
        }
        if (dirty && nowMs - lastCheckpointAt >= checkpointInterval) {
            checkpoint(nowMs);
        }
        return n;
    }

    @Override
    public void onRecord(long offset, DirectBuffer buffer, int index, int length) {
        if (ControlRecord.isControl(buffer, index)) {
            lastOffset = offset; // a stateless chain has nothing to do with signals but passes them by
            return;
        }
        RowReader out = chain.apply(inRow.wrap(buffer, index, length));
        if (out != null) {
            appender.write(out);
        }
        lastOffset = offset;
        rowsIn++;
    }

    private void checkpoint(long nowMs) {
        catalog.checkpoint(new TaskCheckpoint(pipeline, partition, lastOffset, appender.seq(), rowsIn,
                appender.seq(), appender.endOffsets()));
        lastCheckpointAt = nowMs;
        dirty = false;
    }

    @Override
    protected void onClose() {
        if (reader != null) {
            try {
                // A failed task may have read rows whose output never reached the log (a flush that
                // failed part-way): its last good checkpoint, plus recovery's suppression, is right.
                if (dirty && state() != State.FAILED) {
                    checkpoint(System.currentTimeMillis());
                }
            } finally {
                reader.close();
            }
        }
    }

    long rowsIn() {
        return rowsIn;
    }

    long rowsOut() {
        return rowsOut;
    }
}
