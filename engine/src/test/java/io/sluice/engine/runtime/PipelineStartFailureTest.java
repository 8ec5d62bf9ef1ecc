package io.sluice.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.StreamEngine;
import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.CalcNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.StreamSinkNode;
import io.sluice.engine.plan.expr.InputRef;
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
 * A pipeline whose code cannot be built is refused before it is recorded; and one already recorded
 * that cannot start (a plan this build cannot run) shows as FAILED with the reason, without keeping
 * the data directory from opening or leaking threads.
 */
class PipelineStartFailureTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT)));
    private static final CalcCompiler REFUSING = (in, cond, projects, out) -> {
        throw new IllegalArgumentException("unsupported operator FOO");
    };
    private static final StreamSinkNode PLAN = new StreamSinkNode(new CalcNode(
            new ScanNode("src", SCHEMA, StartMode.EARLIEST), null, List.of(new InputRef(0, SCHEMA.type(0))), SCHEMA),
            "dst", 1, -1);

    @TempDir
    Path dir;

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sluice-worker") && t.isAlive()).count();
    }

    @Test
    void aPipelineThatCannotBeCompiledIsNotRecorded() {
        try (StreamEngine e = StreamEngine.start(ChronicleLogStore.open(StorageConfig.of(dir)), REFUSING, 1, 1000)) {
            e.catalog().createStream(new StreamDef("src", SCHEMA, 1, null, null, Map.of()));
            e.catalog().createStream(new StreamDef("dst", SCHEMA, 1, null, null, Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> e.createPipeline("p", "INSERT ...", PLAN, List.of("src"), "dst"));
            assertTrue(e.catalog().pipelines().isEmpty());
        }
    }

    @Test
    void aRecordedPipelineThatCannotStartShowsFailedAndTheDirectoryStillOpens() throws Exception {
        long threadsBefore = workerThreads();
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            Catalog c = Catalog.load(store);
            c.createStream(new StreamDef("src", SCHEMA, 1, null, null, Map.of()));
            c.createStream(new StreamDef("dst", SCHEMA, 1, null, null, Map.of()));
            c.createPipeline("p", "INSERT ...", PLAN, List.of("src"), "dst", new long[] {-1}, new long[] {-1});
        }
        try (StreamEngine e = StreamEngine.start(ChronicleLogStore.open(StorageConfig.of(dir)), REFUSING, 1, 1000)) {
            PipelineStatus s = e.status("p");
            assertEquals("FAILED", s.state());
            assertTrue(s.error().contains("unsupported operator FOO"), s.error());
            e.dropPipeline("p");
            assertTrue(e.catalog().pipelines().isEmpty());
        }
        for (int i = 0; i < 100 && workerThreads() > threadsBefore; i++) {
            Thread.sleep(20);
        }
        assertEquals(threadsBefore, workerThreads(), "worker threads left behind");
        ChronicleLogStore.open(StorageConfig.of(dir)).close(); // the directory is free again
    }
}
