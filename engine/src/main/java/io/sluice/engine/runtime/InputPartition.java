package io.sluice.engine.runtime;

import io.sluice.engine.operator.RowSink;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.RowReader;
import java.util.HashSet;
import java.util.Set;
import org.agrona.DirectBuffer;

/**
 * One partition a task reads: either a partition of a stream (a scan, whose watermark comes from the
 * stream's WATERMARK expression) or a partition of a pipeline's internal stream (an exchange, whose
 * watermark comes from its writers' control records). Hands each row to the operator tree entry for
 * the row's tag, and tells the task when its watermark advances, so that watermarks are applied at
 * the same place in the input on every run.
 *
 * <p>End of input: a stream filled by a bounded source ends when as many writers as it has
 * partitions have written END (see the connector SPI); an exchange ends when all its writers have.
 */
final class InputPartition implements RecordHandler {
    /** Called when the input's watermark advances, in the middle of a poll. */
    interface WatermarkListener {
        void advanced(InputPartition input);
    }

    private final PartitionLog log;
    private final RowReader[] rows;
    private final RowSink[] entries;
    private final ScanWatermark scanWatermark;
    private final WriterWatermarks writers;
    private final int expectedEnds;
    private final long idleTimeoutMs;
    private final Set<Integer> endedWriters = new HashSet<>();
    private WatermarkListener listener;
    private LogReader reader;
    private long lastOffset = LogReader.NO_OFFSET;
    private long watermark = Long.MIN_VALUE;
    private long rowsIn;
    private long lastRowAt;

    /**
     * @param rows          a reader per tag, for the schema of the rows carrying that tag
     * @param entries       where rows of each tag go
     * @param scanWatermark the stream's watermark (a scan), or null
     * @param writers       the writers' watermarks (an exchange), or null for a scan
     * @param expectedEnds  for a scan: END records from this many distinct writers end it (0: never ends)
     */
    InputPartition(PartitionLog log, RowReader[] rows, RowSink[] entries, ScanWatermark scanWatermark,
                   WriterWatermarks writers, int expectedEnds, long idleTimeoutMs) {
        this.log = log;
        this.rows = rows;
        this.entries = entries;
        this.scanWatermark = scanWatermark;
        this.writers = writers;
        this.expectedEnds = expectedEnds;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    void listener(WatermarkListener listener) {
        this.listener = listener;
    }

    void open(long startAfter, long nowMs) {
        reader = log.openReader();
        reader.seekAfter(startAfter);
        lastOffset = startAfter;
        lastRowAt = nowMs;
    }

    int poll(int max) {
        return reader.poll(this, max);
    }

    @Override
    public void onRecord(long offset, DirectBuffer buffer, int index, int length) {
        lastOffset = offset;
        if (ControlRecord.isControl(buffer, index)) {
            control(buffer, index);
            return;
        }
        int tag = entries.length == 1 ? 0 : buffer.getByte(index + 2);
        RowReader row = rows[tag].wrap(buffer, index, length);
        rowsIn++;
        lastRowAt = Long.MAX_VALUE; // "not idle" until the task stamps the time of this batch
        if (writers != null) {
            writers.active(row.writerId());
        }
        entries[tag].accept(row);
        if (scanWatermark != null) {
            long wm = scanWatermark.observe(row);
            if (wm > watermark && !ended()) {
                watermark = wm;
                listener.advanced(this);
            }
        }
    }

    private void control(DirectBuffer buffer, int index) {
        int writer = ControlRecord.writerId(buffer, index);
        switch (ControlRecord.type(buffer, index)) {
            case ControlRecord.WATERMARK -> {
                if (writers != null) {
                    writers.watermark(writer, ControlRecord.value(buffer, index));
                }
            }
            case ControlRecord.IDLE -> {
                if (writers != null) {
                    writers.idle(writer);
                }
            }
            case ControlRecord.END -> {
                if (writers != null) {
                    writers.end(writer);
                } else {
                    endedWriters.add(writer);
                }
            }
            default -> {
                return; // a signal this version does not know: ignore it
            }
        }
        long wm = ended() ? Long.MAX_VALUE : writers != null ? writers.combined() : watermark;
        if (wm > watermark) {
            watermark = wm;
            listener.advanced(this);
        }
    }

    /** Whether no more rows will come. */
    boolean ended() {
        return writers != null ? writers.allEnded() : expectedEnds > 0 && endedWriters.size() >= expectedEnds;
    }

    long watermark() {
        return watermark;
    }

    /**
     * Whether this partition has had no rows for the idle timeout. The task calls {@link #touched} after
     * each poll that read rows.
     */
    boolean idle(long nowMs) {
        return idleTimeoutMs > 0 && !ended() && nowMs - lastRowAt >= idleTimeoutMs;
    }

    /** Stamps the time of a poll: rows read since the last stamp count as read now. */
    void touched(long nowMs) {
        if (lastRowAt == Long.MAX_VALUE) {
            lastRowAt = nowMs;
        }
    }

    long lastOffset() {
        return lastOffset;
    }

    long rowsIn() {
        return rowsIn;
    }

    void rowsIn(long n) {
        rowsIn = n;
    }

    void snapshot(StateWriter w) {
        w.putLong(watermark);
        if (scanWatermark != null) {
            w.putLong(scanWatermark.current());
        }
        if (writers != null) {
            writers.snapshot(w);
        }
        w.putInt(endedWriters.size());
        for (int e : endedWriters) {
            w.putInt(e);
        }
    }

    void restore(StateReader r) {
        watermark = r.getLong();
        if (scanWatermark != null) {
            scanWatermark.restore(r.getLong());
        }
        if (writers != null) {
            writers.restore(r);
        }
        int n = r.getInt();
        endedWriters.clear();
        for (int i = 0; i < n; i++) {
            endedWriters.add(r.getInt());
        }
    }

    void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
