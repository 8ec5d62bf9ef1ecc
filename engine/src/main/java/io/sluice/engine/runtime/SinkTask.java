package io.sluice.engine.runtime;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.SinkCheckpoint;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.RowReader;
import org.agrona.DirectBuffer;

/**
 * One partition of a sink stream: reads the partition's log from its checkpoint and hands each row to
 * the sink's writer. A checkpoint, every interval and when the task stops, is the sink protocol's two
 * phases around one catalog entry: {@link SinkWriter#prepareCheckpoint()}, then the entry (input
 * offset and the writer's state), then {@link SinkWriter#commit}. On start the writer is opened with
 * the last stored state, which an exactly-once sink uses to undo or finish what followed it.
 */
final class SinkTask extends Task implements RecordHandler {
    private static final int BATCH = 1024;

    private final String stream;
    private final int partition;
    private final Sink sink;
    private final PartitionLog input;
    private final RowReader row;
    private final Catalog catalog;
    private final long checkpointInterval;
    private LogReader reader;
    private SinkWriter writer;
    private long lastOffset = LogReader.NO_OFFSET;
    private long lastCheckpointAt;
    private boolean dirty;
    private volatile long rows;

    SinkTask(String stream, int partition, Sink sink, PartitionLog input, RowReader row, Catalog catalog,
             long checkpointInterval) {
        super("sink " + stream + "/" + partition);
        this.stream = stream;
        this.partition = partition;
        this.sink = sink;
        this.input = input;
        this.row = row;
        this.catalog = catalog;
        this.checkpointInterval = checkpointInterval;
        catalog.sinkCheckpoint(stream, partition).ifPresent(cp -> rows = cp.rows());
    }

    @Override
    protected void onStart() {
        SinkCheckpoint cp = catalog.sinkCheckpoint(stream, partition)
                .orElse(new SinkCheckpoint(stream, partition, LogReader.NO_OFFSET, null, 0));
        writer = sink.openWriter(partition, cp.state());
        reader = input.openReader();
        reader.seekAfter(cp.inputOffset());
        lastOffset = cp.inputOffset();
        rows = cp.rows();
        lastCheckpointAt = System.currentTimeMillis();
    }

    @Override
    protected int doWork(long nowMs) {
        int n = reader.poll(this, BATCH);
        if (n > 0) {
            dirty = true;
        }
        if (dirty && nowMs - lastCheckpointAt >= checkpointInterval) {
            checkpoint();
            lastCheckpointAt = nowMs;
        }
        return n;
    }

    @Override
    public void onRecord(long offset, DirectBuffer buffer, int index, int length) {
        if (!ControlRecord.isControl(buffer, index)) {
            writer.write(row.wrap(buffer, index, length));
            rows++;
        }
        lastOffset = offset;
    }

    private void checkpoint() {
        byte[] state = writer.prepareCheckpoint();
        catalog.sinkCheckpoint(new SinkCheckpoint(stream, partition, lastOffset, state, rows));
        writer.commit(state);
        dirty = false;
    }

    @Override
    protected void onClose() {
        try {
            if (writer != null && dirty && state() != State.FAILED) {
                checkpoint();
            }
        } finally {
            try {
                if (writer != null) {
                    writer.close();
                }
            } finally {
                if (reader != null) {
                    reader.close();
                }
            }
        }
    }

    long rows() {
        return rows;
    }
}
