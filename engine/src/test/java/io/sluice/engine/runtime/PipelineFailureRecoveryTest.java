package io.sluice.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.StreamEngine;
import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.catalog.TaskCheckpoint;
import io.sluice.engine.operator.RowConstraints;
import io.sluice.engine.operator.RowSink;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.StreamSinkNode;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFailureRecoveryTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT)));

    @TempDir
    Path dir;

    /** Partition 1's appends fail while {@code failing} is set (disk full, I/O error). */
    private static PartitionedLog failingAt1(PartitionedLog real, AtomicBoolean failing) {
        return new PartitionedLog() {
            public String name() { return real.name(); }
            public int partitionCount() { return real.partitionCount(); }
            public PartitionLog partition(int p) {
                PartitionLog log = real.partition(p);
                if (p != 1) {
                    return log;
                }
                return new PartitionLog() {
                    public int partition() { return p; }
                    public long append(RecordBatch b) {
                        if (failing.get()) throw new IllegalStateException("append failed (disk full)");
                        return log.append(b);
                    }
                    public long append(DirectBuffer b, int o, int l) {
                        if (failing.get()) throw new IllegalStateException("append failed (disk full)");
                        return log.append(b, o, l);
                    }
                    public long endOffset() { return log.endOffset(); }
                    public long recordCount() { return log.recordCount(); }
                    public LogReader openReader() { return log.openReader(); }
                };
            }
        };
    }

    private static void insert(PartitionLog log, long from, long to) {
        RowWriter w = new RowWriter(SCHEMA);
        for (long id = from; id <= to; id++) {
            w.begin(RowKind.INSERT);
            w.putLong(0, id);
            log.append(w.buffer(), 0, w.length());
        }
    }

    private static List<Long> allIds(PartitionedLog log) {
        List<Long> ids = new ArrayList<>();
        RowReader r = new RowReader(SCHEMA);
        for (int p = 0; p < log.partitionCount(); p++) {
            try (LogReader reader = log.partition(p).openReader()) {
                while (reader.poll((o, b, i, l) -> ids.add(r.wrap(b, i, l).getLong(0)), 100) > 0) {
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    private StageTask task(Catalog c, PartitionedLog src, PartitionedLog out, int writerId) {
        StreamAppender a = new StreamAppender(out, new RowConstraints("dst", SCHEMA), -1, writerId, 0);
        OperatorTree tree = new OperatorTree(new ScanNode("src", SCHEMA, StartMode.EARLIEST), a::write, null, true,
                stream -> row -> { });
        InputPartition in = new InputPartition(src.partition(0), new RowReader[] {new RowReader(SCHEMA)},
                new RowSink[] {tree.entry(0)}, null, null, 0, 0);
        PartitionedLog state = c.log(c.internalStream("__sluice_state", RowSchema.of(), 1, "p"));
        return new StageTask("p", 0, 0, c.pipeline("p").orElseThrow().initialCheckpoint(0), in, tree, true, a, false,
                Map.of(), c, state.partition(0), 3_600_000L);
    }

    private static final long[] START = {LogReader.NO_OFFSET};
    private static final long[] OUTPUT_START = {LogReader.NO_OFFSET, LogReader.NO_OFFSET};

    /**
     * A flush that fails part-way (a full disk) fails the task; the task must not then checkpoint
     * input whose output never reached the log. After a restart every row is there once.
     */
    @Test
    void aFlushThatFailsPartWayLosesNoRow() {
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            Catalog c = Catalog.load(store);
            c.createStream(new StreamDef("src", SCHEMA, 1, null, null, Map.of()));
            c.createStream(new StreamDef("dst", SCHEMA, 2, null, null, Map.of()));
            StreamSinkNode plan = new StreamSinkNode(new ScanNode("src", SCHEMA, StartMode.EARLIEST), "dst", 2, -1);
            int id = c.createPipeline("p", "INSERT ...", plan, List.of("src"), "dst", START, OUTPUT_START).id();
            c.checkpoint(new TaskCheckpoint("p", 0, LogReader.NO_OFFSET, 0, 0, 0,
                    new long[] {LogReader.NO_OFFSET, LogReader.NO_OFFSET}));
            PartitionedLog src = c.log(c.stream("src").orElseThrow());
            PartitionedLog dst = c.log(c.stream("dst").orElseThrow());
            AtomicBoolean failing = new AtomicBoolean();

            StageTask t1 = task(c, src, failingAt1(dst, failing), (id << 12));
            insert(src.partition(0), 1, 4);
            t1.step(System.currentTimeMillis()); // rows 1..4 written, dirty, no checkpoint yet (long interval)
            insert(src.partition(0), 5, 8);
            failing.set(true);
            t1.step(System.currentTimeMillis()); // flush: partition 0 gets 6, 8; partition 1 (5, 7) fails
            assertEquals(Task.State.FAILED, t1.state());
            t1.close(); // a failed task keeps its last good checkpoint

            // restart (the disk has room again): resume from that checkpoint
            StageTask t2 = task(c, src, dst, (id << 12));
            for (int i = 0; i < 5; i++) {
                t2.step(System.currentTimeMillis());
            }
            t2.cancel();
            t2.step(0);
            t2.close();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), allIds(dst), "every input row once in the output");
        }
    }

    /** A pipeline recorded just before a crash, before it ever checkpointed, starts at the next open. */
    @Test
    void aPipelineThatNeverCheckpointedStartsAfterACrash() {
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            Catalog c = Catalog.load(store);
            c.createStream(new StreamDef("src", SCHEMA, 1, null, null, Map.of()));
            c.createStream(new StreamDef("dst", SCHEMA, 2, null, null, Map.of()));
            StreamSinkNode plan = new StreamSinkNode(new ScanNode("src", SCHEMA, StartMode.EARLIEST), "dst", 2, -1);
            // the pipeline's one catalog entry, and then the crash
            c.createPipeline("p", "INSERT ...", plan, List.of("src"), "dst", START, OUTPUT_START);
        }
        LogStore store = ChronicleLogStore.open(StorageConfig.of(dir));
        try (StreamEngine e = StreamEngine.start(store, null, 1, 1000)) {
            PipelineStatus s = null;
            for (int i = 0; i < 25 && (s == null || "RUNNING".equals(s.state())); i++) {
                s = e.status("p");
                sleep(20);
            }
            assertEquals("RUNNING", s.state(), s.error());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
