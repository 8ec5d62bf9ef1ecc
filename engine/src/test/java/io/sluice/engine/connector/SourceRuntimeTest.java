package io.sluice.engine.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.StreamEngine;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.chronicle.ChronicleLogStore;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source streams in the engine: generic option validation, END from every source task on every
 * partition (the rule EndTracker implements), bad records in the dead-letter stream, and a restart
 * part-way through resuming without loss or repetition.
 */
class SourceRuntimeTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("n", DataType.of(TypeKind.BIGINT).withNullable(false)));

    @TempDir
    Path dir;

    @AfterEach
    void openGate() {
        CountingConnector.GATE.set(Long.MAX_VALUE);
    }

    private StreamEngine start() {
        // these tests run source streams only, never a pipeline, so nothing asks for compiled expressions
        return StreamEngine.start(ChronicleLogStore.open(StorageConfig.of(dir)), (in, cond, projects, out) -> {
            throw new UnsupportedOperationException("no expressions are compiled in source runtime tests");
        }, 2, 20);
    }

    private static StreamDef stream(int partitions, Map<String, String> options) {
        return new StreamDef("nums", SCHEMA, partitions, null, null, options);
    }

    @Test
    void optionsAreCheckedAgainstTheirDeclarations() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> ConnectorSpec.resolve("s", SCHEMA, 1,
                Map.of("connector", "counting")));
        assertEquals(ConnectorException.Reason.MISSING_OPTION, e.reason());
        assertEquals("count", e.option());
        e = assertThrows(ConnectorException.class, () -> ConnectorSpec.resolve("s", SCHEMA, 1,
                Map.of("connector", "counting", "count", "12x")));
        assertEquals(ConnectorException.Reason.BAD_VALUE, e.reason());
        assertEquals("Option 'count' must be a whole number, not '12x'", e.getMessage());
        e = assertThrows(ConnectorException.class, () -> ConnectorSpec.resolve("s", SCHEMA, 1,
                Map.of("connector", "counting", "count", "1", "colour", "red")));
        assertEquals(ConnectorException.Reason.UNKNOWN_OPTION, e.reason());
        assertEquals("colour", e.option());
        e = assertThrows(ConnectorException.class, () -> ConnectorSpec.resolve("s", SCHEMA, 1,
                Map.of("connector", "counting", "count", "1", "parity", "odd")));
        assertEquals("Option 'parity' must be one of 'any', 'even', not 'odd'", e.getMessage());
        e = assertThrows(ConnectorException.class, () -> ConnectorSpec.resolve("s", SCHEMA, 1,
                Map.of("connector", "counting", "count", "-1")));
        assertEquals("Option 'count' must not be negative", e.getMessage());
        assertEquals(ConnectorException.Reason.UNKNOWN_OPTION, assertThrows(ConnectorException.class,
                () -> ConnectorSpec.resolve("s", SCHEMA, 1, Map.of("connector", "counting", "count", "1",
                        "col.m.scale", "2"))).reason(), "a per-column option names a column the stream has");
        ConnectorSpec ok = ConnectorSpec.resolve("s", SCHEMA, 1, Map.of("connector", "counting", "count", " 5 ",
                "parity", "EVEN", "col.n.scale", "2")).orElseThrow();
        assertEquals("5", ok.options().get("count"));
        assertEquals("even", ok.options().get("parity"));
        assertEquals("n", ok.options().get("label"), "defaults are filled in");
        assertTrue(ConnectorSpec.resolve("s", SCHEMA, 1, Map.of("partitions", "2")).isEmpty());
    }

    @Test
    void everySourceTaskEndsEveryPartitionAndBadRecordsAreDeadLetters() throws Exception {
        int partitions = 3;
        try (StreamEngine e = start()) {
            e.createStream(stream(partitions, Map.of("connector", "counting", "count", "1000")));
            awaitFinished(e);
            PartitionedLog log = e.catalog().log(e.catalog().stream("nums").orElseThrow());
            List<Long> values = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                EndTracker ends = new EndTracker(partitions);
                List<Integer> writers = new ArrayList<>();
                RowReader row = new RowReader(SCHEMA);
                try (LogReader r = log.partition(p).openReader()) {
                    while (r.poll((offset, buffer, index, length) -> {
                        if (ControlRecord.isControl(buffer, index)) {
                            assertEquals(ControlRecord.END, ControlRecord.type(buffer, index));
                            assertFalse(ends.isEnded(), "nothing after the last END");
                            writers.add(ControlRecord.writerId(buffer, index));
                            ends.onEnd(ControlRecord.writerId(buffer, index));
                        } else {
                            assertFalse(ends.isEnded(), "no row after the partition ended");
                            values.add(row.wrap(buffer, index, length).getLong(0));
                        }
                    }, 100) > 0) {
                        // read it all
                    }
                }
                assertTrue(ends.isEnded(), "partition " + p + " ended");
                assertEquals(partitions, writers.stream().distinct().count());
            }
            values.sort(null);
            List<Long> expected = new ArrayList<>();
            for (long n = 0; n < 1000; n++) {
                if (n % 7 != 3) {
                    expected.add(n);
                }
            }
            assertEquals(expected, values);
            assertEquals(143, e.connectorStatus("nums").orElseThrow().badRecords());
            assertEquals(143, e.catalog().log(e.catalog().stream("nums_dlq").orElseThrow()).partition(0).recordCount());
        }
    }

    @Test
    void aRestartPartWayResumesWithoutLossOrRepetition() throws Exception {
        CountingConnector.GATE.set(400);
        try (StreamEngine e = start()) {
            e.createStream(stream(2, Map.of("connector", "counting", "count", "1000")));
            while (e.connectorStatus("nums").orElseThrow().rows() + e.connectorStatus("nums").orElseThrow().badRecords() < 400) {
                Thread.sleep(5);
            }
        }
        CountingConnector.GATE.set(Long.MAX_VALUE);
        try (StreamEngine e = start()) {
            awaitFinished(e);
            PartitionedLog log = e.catalog().log(e.catalog().stream("nums").orElseThrow());
            long rows = 0;
            for (int p = 0; p < 2; p++) {
                rows += log.partition(p).recordCount() - 2; // two ENDs per partition
            }
            assertEquals(1000 - 143, rows);
            assertEquals(1000 - 143, e.connectorStatus("nums").orElseThrow().rows());
            assertEquals(143, e.catalog().log(e.catalog().stream("nums_dlq").orElseThrow()).partition(0).recordCount());
            e.dropStream("nums");
            assertTrue(e.catalog().streams().isEmpty(), "the dead-letter stream goes with its stream");
        }
    }

    private static void awaitFinished(StreamEngine e) throws InterruptedException {
        for (int i = 0; i < 1500; i++) {
            var s = e.connectorStatus("nums").orElseThrow();
            if (s.state().equals("FINISHED")) {
                return;
            }
            assertTrue(!s.state().equals("FAILED"), s.error());
            Thread.sleep(20);
        }
        throw new AssertionError("source did not finish");
    }
}
