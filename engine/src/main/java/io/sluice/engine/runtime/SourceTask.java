package io.sluice.engine.runtime;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.SourceCheckpoint;
import io.sluice.engine.connector.DeadLetters;
import io.sluice.engine.connector.Source;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.engine.connector.SourceReader;
import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.nio.charset.StandardCharsets;

/**
 * One source reader feeding one stream: polls the reader, appends its rows to the stream and its bad
 * records to the dead-letter stream (both through {@link StreamAppender}s stamped with this task's
 * writer id), and checkpoints the reader's position with both appenders' progress in one catalog
 * entry, every interval and when it stops.
 *
 * <p>Recovery: the reader reopens at the checkpoint's position, the appenders renumber from the
 * checkpoint's sequence numbers and skip what they had already appended after it (see
 * {@link StreamAppender}), so every record is in the stream or the dead-letter stream exactly once.
 *
 * <p>A bounded reader that finishes: the task flushes, appends {@link ControlRecord#END} with its
 * writer id to every partition of the stream, writes a final checkpoint marked finished, and finishes.
 * A task whose checkpoint says finished ends at once on its next start.
 */
final class SourceTask extends Task implements SourceOutput {
    private static final int BATCH = 1024;

    private final String stream;
    private final int partition;
    private final int writerId;
    private final Source source;
    private final PartitionedLog log;
    private final StreamAppender out;
    private final StreamAppender dead;
    private final RowWriter row;
    private final RowReader rowView;
    private final RowWriter deadRow = new RowWriter(DeadLetters.SCHEMA);
    private final RowReader deadView = new RowReader(DeadLetters.SCHEMA);
    private final Catalog catalog;
    private final long checkpointInterval;
    private SourceReader reader;
    private long lastCheckpointAt;
    private boolean dirty;
    /** Counted per row on the worker; {@link #rows} publishes it once per poll (a volatile write per row costs a fence). */
    private long rowCount;
    private volatile long rows;
    private volatile long badRecords;

    SourceTask(String stream, int partition, int writerId, Source source, RowSchema schema, PartitionedLog log,
               StreamAppender out, StreamAppender dead, Catalog catalog, long checkpointInterval) {
        super("source " + stream + "/" + partition);
        this.stream = stream;
        this.partition = partition;
        this.writerId = writerId;
        this.source = source;
        this.log = log;
        this.out = out;
        this.dead = dead;
        this.row = new RowWriter(schema);
        this.rowView = new RowReader(schema);
        this.catalog = catalog;
        this.checkpointInterval = checkpointInterval;
        catalog.sourceCheckpoint(stream, partition).ifPresent(cp -> {
            rows = cp.rows();
            rowCount = cp.rows();
            badRecords = cp.badRecords();
        });
    }

    @Override
    protected void onStart() {
        SourceCheckpoint cp = catalog.sourceCheckpoint(stream, partition)
                .orElse(SourceCheckpoint.initial(stream, partition));
        rows = cp.rows();
        rowCount = cp.rows();
        badRecords = cp.badRecords();
        if (cp.finished()) {
            finish();
            return;
        }
        out.recover(cp.outputPositions(), cp.seq());
        dead.recover(cp.deadPositions(), cp.deadSeq());
        reader = source.openReader(partition, cp.position());
        lastCheckpointAt = System.currentTimeMillis();
    }

    @Override
    protected int doWork(long nowMs) {
        int n;
        try {
            n = reader.poll(this, BATCH);
        } finally {
            // what was handed over is consumed: its rows must reach the log before any checkpoint
            out.flush();
            dead.flush();
            rows = rowCount;
        }
        if (n > 0) {
            dirty = true;
        }
        if (reader.isFinished()) {
            end();
            return n + 1;
        }
        // a reader about to switch inputs needs its choice recorded, even before it has read anything
        if (reader.wantsCheckpoint() || dirty && nowMs - lastCheckpointAt >= checkpointInterval) {
            checkpoint(false);
            lastCheckpointAt = nowMs;
        }
        return n;
    }

    /** Appends END to every partition, then records that this task is done. */
    private void end() {
        RecordBatch batch = new RecordBatch();
        ControlRecord.add(batch, ControlRecord.END, writerId, 0);
        for (int p = 0; p < log.partitionCount(); p++) {
            log.partition(p).append(batch);
        }
        checkpoint(true);
        finish();
    }

    private void checkpoint(boolean finished) {
        catalog.sourceCheckpoint(new SourceCheckpoint(stream, partition, reader.position(), out.seq(), out.endOffsets(),
                dead.seq(), dead.endOffsets(), rowCount, badRecords, finished));
        dirty = false;
    }

    // ---- SourceOutput, called by the reader during poll

    @Override
    public RowWriter row() {
        return row.begin(RowKind.INSERT);
    }

    @Override
    public boolean emit() {
        rowView.wrap(row.buffer(), 0, row.length());
        try {
            out.write(rowView);
        } catch (EvaluationException e) {
            byte[] text = rowView.toString().getBytes(StandardCharsets.UTF_8);
            reject(text, 0, text.length, e.getMessage());
            return false;
        }
        rowCount++;
        return true;
    }

    @Override
    public void reject(byte[] raw, int offset, int length, String error) {
        deadRow.begin(RowKind.INSERT);
        deadRow.putInt(DeadLetters.PARTITION, partition);
        deadRow.putString(DeadLetters.POSITION, reader.describePosition());
        deadRow.putString(DeadLetters.ERROR, error == null ? "bad record" : error);
        deadRow.putString(DeadLetters.RAW, new String(raw, offset, length, StandardCharsets.UTF_8));
        dead.write(deadView.wrap(deadRow.buffer(), 0, deadRow.length()));
        badRecords++;
    }

    @Override
    protected void onClose() {
        if (reader != null) {
            try {
                if (dirty && state() != State.FAILED) {
                    checkpoint(false);
                }
            } finally {
                reader.close();
            }
        }
    }

    long rows() {
        return rows;
    }

    long badRecords() {
        return badRecords;
    }
}
