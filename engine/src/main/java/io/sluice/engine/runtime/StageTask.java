package io.sluice.engine.runtime;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.TaskCheckpoint;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.row.ControlRecord;
import java.util.Map;
import org.agrona.ExpandableArrayBuffer;

/**
 * One stage of a pipeline on one input partition: reads the partition from its checkpoint, runs the
 * stage's operators, appends to the stage's output (the pipeline's target, or the internal stream of
 * the stage that reads it), and checkpoints every interval, when it finishes and when it stops.
 *
 * <p>A checkpoint records, in one catalog entry, the input offset, the output position and sequence
 * number, and where in the pipeline's state log the operators' snapshot as of that offset is. The
 * snapshot is written first; an entry is only ever written after the state it points to.
 *
 * <p>Recovery: the task restores its operators' state, resumes reading after the checkpoint's input
 * offset and renumbers its output from the checkpoint's sequence number. Being deterministic for a
 * given input order (watermarks are applied at the records that advance them), it regenerates the
 * same rows, and the appender skips those already in the output (found by writer id). Every input
 * row's effect is therefore in the output exactly once.
 *
 * <p>A stage that writes an exchange also tells its readers, in control records, how far its event
 * time has come (after each batch that advanced it), that it has gone idle, and that it has ended.
 */
final class StageTask extends Task {
    private static final int BATCH = 512;
    private static final int STATE_CHUNK = 256 * 1024;

    private final String pipeline;
    private final int stage;
    private final int partition;
    private final InputPartition input;
    private final OperatorTree tree;
    private final StreamAppender appender;
    private final boolean writesExchange;
    private final boolean readsSource;
    private final Map<String, StreamAppender> lateAppenders;
    private final Catalog catalog;
    private final PartitionLog stateLog;
    private final long checkpointInterval;
    private final TaskCheckpoint initial;
    private final StateWriter stateWriter = new StateWriter();
    private long lastCheckpointAt;
    /** Whether this run has written a full snapshot, and where in the state log (after which offset) it starts. */
    private boolean chained;
    private long chainFrom;
    private long baseBytes;
    private long chainBytes;
    private long sentWatermark = Long.MIN_VALUE;
    private boolean idleSent;
    private boolean dirty;
    private volatile long rowsIn;
    private volatile long rowsOut;
    private volatile long lateRows;
    private volatile long stateBytes;
    private volatile long lastCheckpointMicros;
    private volatile long lastSnapshotBytes;

    StageTask(String pipeline, int stage, int partition, TaskCheckpoint initial, InputPartition input, OperatorTree tree,
              boolean readsSource, StreamAppender appender, boolean writesExchange,
              Map<String, StreamAppender> lateAppenders,
              Catalog catalog, PartitionLog stateLog, long checkpointInterval) {
        super("pipeline " + pipeline + "/" + (stage == 0 ? "" : "s" + stage + "/") + partition);
        this.pipeline = pipeline;
        this.stage = stage;
        this.partition = partition;
        this.input = input;
        this.tree = tree;
        this.appender = appender;
        this.writesExchange = writesExchange;
        this.readsSource = readsSource;
        this.lateAppenders = lateAppenders;
        this.catalog = catalog;
        this.stateLog = stateLog;
        this.checkpointInterval = checkpointInterval;
        this.initial = initial;
        input.listener(in -> tree.watermark(in.watermark()));
        // SHOW PIPELINES right after a restart reports the progress so far, not 0 until a worker starts us
        catalog.checkpoint(pipeline, stage, partition).ifPresent(cp -> {
            rowsIn = cp.rowsIn();
            rowsOut = cp.outputSeq();
        });
    }

    @Override
    protected void onStart() {
        TaskCheckpoint cp = catalog.checkpoint(pipeline, stage, partition).orElse(initial);
        long now = System.currentTimeMillis();
        if (cp.hasState()) {
            restore(cp);
        }
        input.open(cp.inputOffset(), now);
        input.rowsIn(cp.rowsIn());
        appender.recover(cp.outputPositions(), cp.outputSeq());
        rowsIn = cp.rowsIn();
        rowsOut = cp.outputSeq();
        lastCheckpointAt = now;
        // sentWatermark starts unset: the restored watermark is sent again, which changes nothing for readers
    }

    @Override
    protected int doWork(long nowMs) {
        int n;
        try {
            n = input.poll(BATCH);
        } finally {
            flush(); // rows before a failing one are consumed: their output must be in the log
        }
        if (n > 0) {
            dirty = true;
            idleSent = false;
            input.touched(nowMs);
            rowsIn = input.rowsIn();
        }
        if (writesExchange) {
            signal(nowMs);
        }
        if (input.ended()) {
            if (writesExchange) {
                appender.control(ControlRecord.END, 0);
                flush();
            }
            checkpoint(nowMs);
            finish();
            return n + 1;
        }
        if (dirty && nowMs - lastCheckpointAt >= checkpointInterval) {
            checkpoint(nowMs);
        }
        return n;
    }

    /** Control records for the readers of this stage's exchange. */
    private void signal(long nowMs) {
        long wm = tree.outputWatermark(input.watermark()); // an interval join holds event time back
        if (wm > sentWatermark) {
            appender.control(ControlRecord.WATERMARK, wm);
            sentWatermark = wm;
            flush();
        } else if (!idleSent && input.idle(nowMs)) {
            appender.control(ControlRecord.IDLE, 0);
            idleSent = true;
            flush();
        }
    }

    private void flush() {
        appender.flush();
        if (!lateAppenders.isEmpty()) { // runs every step: no iterator when there is no late stream
            for (StreamAppender late : lateAppenders.values()) {
                late.flush();
            }
        }
        rowsOut = appender.seq();
        lateRows = tree.lateRows();
    }

    private void checkpoint(long nowMs) {
        long started = System.nanoTime();
        // A full snapshot starts a new chain: the first one of this run (a chain never holds snapshots of
        // two runs, so a snapshot cut short by a crash is never inside one), and whenever the deltas since
        // the base have outgrown it (restoring then reads at most about twice the state).
        boolean full = !chained || chainBytes > baseBytes;
        stateWriter.reset();
        input.snapshot(stateWriter);
        tree.snapshot(stateWriter, full);
        for (StreamAppender late : lateAppenders.values()) {
            stateWriter.putLong(late.seq());
            stateWriter.putLongs(late.endOffsets());
        }
        long from = stateLog.endOffset();
        long to = from;
        int length = stateWriter.length(); // never 0: the input's part alone is a few bytes
        for (int at = 0; at < length; at += STATE_CHUNK) {
            to = stateLog.append(stateWriter.buffer(), at, Math.min(STATE_CHUNK, length - at));
        }
        if (full) {
            chained = true;
            chainFrom = from;
            baseBytes = length;
            chainBytes = 0;
        } else {
            chainBytes += length;
        }
        // the entry points at the whole chain: its base and every delta after it, in the order written
        catalog.checkpoint(new TaskCheckpoint(pipeline, stage, partition, input.lastOffset(), appender.seq(),
                input.rowsIn(), appender.seq(), appender.endOffsets(), chainFrom, to));
        stateBytes = tree.stateBytes();
        lastCheckpointAt = nowMs;
        dirty = false;
        lastCheckpointMicros = (System.nanoTime() - started) / 1000;
        lastSnapshotBytes = length;
    }

    private void restore(TaskCheckpoint cp) {
        ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(4096);
        int[] length = {0};
        try (LogReader r = stateLog.openReader()) {
            r.seekAfter(cp.stateFrom());
            boolean[] done = {false};
            while (!done[0]) {
                int n = r.poll((offset, buffer, index, len) -> {
                    if (done[0]) {
                        return;
                    }
                    bytes.putBytes(length[0], buffer, index, len);
                    length[0] += len;
                    done[0] = offset == cp.stateTo();
                }, 16);
                if (n == 0 && !done[0]) {
                    throw new IllegalStateException("state snapshot of " + name() + " ends early in the state log");
                }
            }
        }
        // a chain of snapshots, the first full: each is applied onto what the ones before it restored
        StateReader reader = new StateReader(bytes, 0, length[0]);
        long[] lateSeqs = new long[lateAppenders.size()];
        long[][] lateEnds = new long[lateAppenders.size()][];
        do {
            input.restore(reader);
            tree.restore(reader);
            for (int i = 0; i < lateSeqs.length; i++) {
                lateSeqs[i] = reader.getLong();
                lateEnds[i] = reader.getLongs();
            }
        } while (reader.hasMore());
        int i = 0;
        for (StreamAppender late : lateAppenders.values()) {
            late.recover(lateEnds[i], lateSeqs[i]);
            i++;
        }
        stateBytes = tree.stateBytes();
        lateRows = tree.lateRows();
    }

    @Override
    protected void onClose() {
        try {
            // A failed task may have read rows whose output never reached the log (a flush that
            // failed part-way): its last good checkpoint, plus recovery's suppression, is right.
            if (dirty && state() != State.FAILED) {
                checkpoint(System.currentTimeMillis());
            }
        } finally {
            input.close();
        }
    }

    long rowsIn() {
        return rowsIn;
    }

    long rowsOut() {
        return rowsOut;
    }

    long lateRows() {
        return lateRows;
    }

    long stateBytes() {
        return stateBytes;
    }

    int stage() {
        return stage;
    }

    /** How long the last checkpoint took (snapshot, state log append, catalog entry). */
    long lastCheckpointMicros() {
        return lastCheckpointMicros;
    }

    /** The size of the last state snapshot written. */
    long lastSnapshotBytes() {
        return lastSnapshotBytes;
    }

    boolean readsSource() {
        return readsSource;
    }
}
