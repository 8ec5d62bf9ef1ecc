package io.sluice.connectors;

import static io.sluice.connectors.ConnectorTestSupport.awaitConnector;
import static io.sluice.connectors.ConnectorTestSupport.exactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SluiceConfig.sourceThreads}: connector sources run on their own {@code sluice-source-N} threads
 * beside the workers, every row still arrives once, and close() stops those threads.
 */
class SourceThreadsTest {
    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    @Test
    void aFileSourceRunsOnASourceThreadAndEveryRowArrivesOnce() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= ROWS; i++) {
                w.write("{\"id\": " + i + ", \"name\": \"event number " + i + "\"}\n");
            }
        }
        // counted, not required to be none: this JVM runs other test classes before this one
        long workersBefore = threadsNamed("sluice-worker-");
        assertEquals(0, threadsNamed("sluice-source-"), "no other Sluice in this JVM has source threads");
        SluiceConfig config = SluiceConfig.builder(dir.resolve("data")).workers(1).sourceThreads(1)
                .checkpointIntervalMillis(50).build();
        assertEquals(1, config.sourceThreads());
        try (Sluice s = Sluice.open(config)) {
            assertEquals(1, threadsNamed("sluice-source-0"), "the source thread runs from open()");
            s.execute("CREATE STREAM copies (id BIGINT NOT NULL, name VARCHAR)");
            s.execute("CREATE STREAM events (id BIGINT NOT NULL, name VARCHAR) WITH ('connector' = 'file', 'path' = '"
                    + file + "', 'format' = 'json')");
            // the source task is seen at work on the source thread, never on the worker (sampled while
            // the source reads the file: it ends when the file is read, so the sampling starts at once)
            int seenOnSourceThread = 0;
            int samples = 0;
            while (seenOnSourceThread == 0 && samples < 20_000) {
                samples++;
                for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                    boolean inSource = runsSourceTask(e.getValue());
                    String name = e.getKey().getName();
                    assertFalse(inSource && name.startsWith("sluice-worker-"), "a source task ran on " + name);
                    if (inSource && name.equals("sluice-source-0")) {
                        seenOnSourceThread++;
                    }
                }
            }
            assertTrue(seenOnSourceThread > 0, "the file source was never seen on sluice-source-0 in " + samples
                    + " samples");
            s.execute("CREATE PIPELINE copy AS INSERT INTO copies SELECT id, name FROM events");
            awaitConnector(s, "events", "FINISHED");
            List<Row> copied = exactly(s, "SELECT id FROM copies", ROWS);
            boolean[] seen = new boolean[ROWS + 1];
            for (Row r : copied) {
                int id = (int) r.getLong(0);
                assertFalse(seen[id], "row " + id + " arrived twice");
                seen[id] = true;
            }
            assertEquals(ROWS, copied.size());
        }
        assertEquals(0, threadsNamed("sluice-source-"), "close() stops the source threads");
        assertEquals(workersBefore, threadsNamed("sluice-worker-"), "close() stops the worker");
    }

    @Test
    void sourceThreadsAreBoundedAndOffByDefault() {
        SluiceConfig.Builder b = SluiceConfig.builder(dir);
        assertEquals(0, SluiceConfig.builder(dir).build().sourceThreads());
        assertTrue(SluiceConfig.builder(dir).sourceThreads(64).build().toString().contains("sourceThreads=64"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.sourceThreads(65).build());
        assertEquals("sourceThreads must be between 0 and 64, was 65", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.sourceThreads(-1).build());
    }

    private static boolean runsSourceTask(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().equals("io.sluice.engine.runtime.SourceTask")) {
                return true;
            }
        }
        return false;
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
