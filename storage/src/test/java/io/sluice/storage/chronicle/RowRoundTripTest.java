package io.sluice.storage.chronicle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written with RowWriter, stored in the log, read back in place with RowReader over the mapped bytes. */
class RowRoundTripTest {
    @TempDir
    Path dir;

    private static final RowSchema SCHEMA = RowSchema.of(
            new Column("flag", DataType.of(TypeKind.BOOLEAN)),
            new Column("n", DataType.of(TypeKind.INT)),
            new Column("big", DataType.of(TypeKind.BIGINT)),
            new Column("x", DataType.of(TypeKind.DOUBLE)),
            new Column("price", DataType.decimal(10, 2)),
            new Column("wide", DataType.decimal(38, 6)),
            new Column("text", DataType.of(TypeKind.VARCHAR)),
            new Column("at", DataType.of(TypeKind.TIMESTAMP)),
            new Column("note", DataType.varchar(40)));

    private static final List<Object[]> ROWS = List.of(
            new Object[] {true, 42, Long.MAX_VALUE, 3.25, new BigDecimal("12345678.90"),
                new BigDecimal("12345678901234567890123456789012.123456"), "h\u00e9llo \u4e16\u754c \uD83D\uDE80", 1_700_000_000_123L, "x"},
            new Object[] {false, Integer.MIN_VALUE, -1L, -0.0, new BigDecimal("-0.01"),
                new BigDecimal("-99999999999999999999999999999999.999999"), "", 0L, "\u0416\u0436"},
            new Object[] {null, null, null, null, null, null, null, null, null},
            new Object[] {true, null, 7L, Double.NaN, null, new BigDecimal("0.000001"), "mixed \u00fcml\u00e4ut", null, null});

    @Test
    void everyTypeSurvivesTheLog() {
        RowWriter writer = new RowWriter(SCHEMA);
        RecordBatch batch = new RecordBatch();
        for (int r = 0; r < ROWS.size(); r++) {
            writer.begin(r == 1 ? RowKind.UPDATE_AFTER : RowKind.INSERT);
            for (int c = 0; c < SCHEMA.size(); c++) {
                writer.putObject(c, ROWS.get(r)[c]);
            }
            writer.writer(7, 100 + r);
            batch.add(writer.buffer(), 0, writer.length());
        }

        List<Object[]> read = new ArrayList<>();
        List<RowKind> kinds = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            store.create("rows", 1).partition(0).append(batch);
        }
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            PartitionLog p = store.open("rows").orElseThrow().partition(0);
            RowReader row = new RowReader(SCHEMA);
            try (LogReader reader = p.openReader()) {
                while (reader.poll((offset, buffer, index, length) -> {
                    row.wrap(buffer, index, length);
                    read.add(row.toArray());
                    kinds.add(row.kind());
                    seqs.add(row.writerSeq());
                    assertEquals(7, row.writerId());
                }, 100) > 0) {
                    // until the end
                }
            }
        }

        assertEquals(ROWS.size(), read.size());
        for (int r = 0; r < ROWS.size(); r++) {
            assertArrayEquals(ROWS.get(r), read.get(r), "row " + r);
        }
        assertEquals(List.of(RowKind.INSERT, RowKind.UPDATE_AFTER, RowKind.INSERT, RowKind.INSERT), kinds);
        assertEquals(List.of(100L, 101L, 102L, 103L), seqs);
        assertTrue(Double.isNaN((Double) read.get(3)[3]));
    }
}
