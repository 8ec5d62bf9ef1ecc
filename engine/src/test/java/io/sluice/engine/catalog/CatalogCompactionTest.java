package io.sluice.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.StreamSinkNode;
import io.sluice.storage.LogStore;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.chronicle.ChronicleLogStore;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running pipeline writes a checkpoint per task per interval; start-up must not replay them
 * all forever. Loading a catalog whose log is mostly obsolete compacts it, and the catalog it loads
 * afterwards is the same, pipeline ids included.
 */
class CatalogCompactionTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("x", DataType.of(TypeKind.INT)));

    private static final long[] START = {-1, -1};
    private static final long[] OUT = {-1};

    @TempDir
    Path dir;

    private static int entryCount(LogStore store) {
        int[] n = {0};
        store.metadata().replay((offset, e) -> n[0]++);
        return n[0];
    }

    @Test
    void obsoleteCheckpointsAreCompactedAway() {
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            Catalog c = Catalog.load(store);
            c.createStream(new StreamDef("src", SCHEMA, 2, null, null, Map.of()));
            c.createStream(new StreamDef("dst", SCHEMA, 1, null, new WatermarkSpec("x", "x"), Map.of()));
            StreamSinkNode plan = new StreamSinkNode(new ScanNode("src", SCHEMA, StartMode.EARLIEST), "dst", 1, -1);
            c.createPipeline("keep", "INSERT ...", plan, List.of("src"), "dst", START, OUT);
            c.createPipeline("gone", "INSERT ...", plan, List.of("src"), "dst", START, OUT);
            c.dropPipeline("gone");
            for (int i = 0; i < Catalog.COMPACT_SLACK + 100; i++) {
                c.checkpoint(new TaskCheckpoint("keep", i % 2, i, i, i, i, new long[] {i}));
            }
        }
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            Catalog c = Catalog.load(store);
            int entries = entryCount(store);
            assertTrue(entries < 10, "the log still holds " + entries + " entries");
            assertEquals(List.of("src", "dst"), c.streams().stream().map(StreamDef::name).toList());
            assertEquals("x", c.stream("dst").orElseThrow().watermark().column());
            assertEquals(List.of("keep"), c.pipelines().stream().map(PipelineDef::name).toList());
            long last = Catalog.COMPACT_SLACK + 99;
            assertEquals(last, c.checkpoint("keep", 1).orElseThrow().inputOffset());
            assertEquals(last - 1, c.checkpoint("keep", 0).orElseThrow().inputOffset());
            // ids are never reused, even the dropped pipeline's
            PipelineDef next = c.createPipeline("new", "INSERT ...", c.pipeline("keep").orElseThrow().plan(),
                    List.of("src"), "dst", START, OUT);
            assertEquals(3, next.id());
        }
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            assertEquals(List.of("keep", "new"), Catalog.load(store).pipelines().stream().map(PipelineDef::name).toList());
        }
    }
}
