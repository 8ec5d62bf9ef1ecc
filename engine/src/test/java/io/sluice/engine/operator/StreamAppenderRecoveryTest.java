package io.sluice.engine.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.chronicle.ChronicleLogStore;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appender's recovery against the crash that matters: a flush that appended some partitions'
 * batches and then died. Replaying the same rows must complete the output, each row exactly once.
 */
class StreamAppenderRecoveryTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT)));
    private static final int WRITER = 7 << 12;

    @TempDir
    Path dir;

    /** A partitioned log whose partition {@code failing} refuses appends, as if the process died there. */
    private static PartitionedLog crashingAt(PartitionedLog real, int failing) {
        return new PartitionedLog() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public int partitionCount() {
                return real.partitionCount();
            }

            @Override
            public PartitionLog partition(int p) {
                PartitionLog log = real.partition(p);
                if (p != failing) {
                    return log;
                }
                return new PartitionLog() {
                    @Override
                    public int partition() {
                        return p;
                    }

                    @Override
                    public long append(RecordBatch batch) {
                        throw new IllegalStateException("crash");
                    }

                    @Override
                    public long append(DirectBuffer buffer, int offset, int length) {
                        throw new IllegalStateException("crash");
                    }

                    @Override
                    public long endOffset() {
                        return log.endOffset();
                    }

                    @Override
                    public long recordCount() {
                        return log.recordCount();
                    }

                    @Override
                    public LogReader openReader() {
                        return log.openReader();
                    }
                };
            }
        };
    }

    private static void writeIds(StreamAppender appender, long from, long to) {
        RowWriter w = new RowWriter(SCHEMA);
        RowReader r = new RowReader(SCHEMA);
        for (long id = from; id <= to; id++) {
            w.begin(RowKind.INSERT);
            w.putLong(0, id);
            appender.write(r.wrap(w.buffer(), 0, w.length()));
        }
    }

    private static List<Long> allIds(PartitionedLog log) {
        List<Long> ids = new ArrayList<>();
        RowReader r = new RowReader(SCHEMA);
        for (int p = 0; p < log.partitionCount(); p++) {
            try (LogReader reader = log.partition(p).openReader()) {
                while (reader.poll((offset, buffer, index, length) -> ids.add(r.wrap(buffer, index, length).getLong(0)), 100) > 0) {
                    // to the end
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    @Test
    void aFlushCutBetweenPartitionsIsCompletedExactlyOnce() {
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            PartitionedLog out = store.create("out", 3);
            RowConstraints none = new RowConstraints("out", SCHEMA);
            long[] checkpointPositions = {LogReader.NO_OFFSET, LogReader.NO_OFFSET, LogReader.NO_OFFSET};

            // before the crash: rows 1..9 go round robin over partitions 0, 1, 2; the flush appends partition
            // 0 (rows 3, 6, 9, the highest numbers) and dies at partition 1
            StreamAppender before = new StreamAppender(crashingAt(out, 1), none, -1, WRITER, 0);
            writeIds(before, 1, 9);
            assertThrows(IllegalStateException.class, before::flush);
            assertEquals(List.of(3L, 6L, 9L), allIds(out));

            // after the restart: replay from the checkpoint (seq 0), then carry on with rows 10..12
            StreamAppender after = new StreamAppender(out, none, -1, WRITER, 0);
            after.recover(checkpointPositions, 0);
            assertArrayEquals(checkpointPositions, after.endOffsets(), "mid-replay checkpoints keep the recovery positions");
            writeIds(after, 1, 9);
            after.flush();
            writeIds(after, 10, 12);
            after.flush();

            List<Long> expected = new ArrayList<>();
            for (long id = 1; id <= 12; id++) {
                expected.add(id);
            }
            assertEquals(expected, allIds(out));
        }
    }
}
