package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API's ways to read a push query's rows: a lazy Stream that stops the query when closed, and typed getters. */
@Timeout(120)
class RowsApiTest {
    @TempDir
    Path dir;

    private Sluice open() {
        return Sluice.open(SluiceConfig.builder(dir).workers(1).build());
    }

    @Test
    void anEndlessPushQueryIsALazyStreamAndClosingItStopsTheQuery() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM nums (n BIGINT)");
            s.execute("INSERT INTO nums VALUES (1), (2), (3), (4), (5), (6)");
            // No LIMIT: the query never ends by itself, so only a lazy stream can return here.
            List<Long> evens;
            try (Stream<Row> rows = s.stream("SELECT n FROM nums")) {
                evens = rows.map(r -> r.getLong("n")).filter(n -> n % 2 == 0).limit(2).toList();
                assertEquals(1, s.metrics().runningTasks(), "the query runs while its stream is open");
            }
            assertEquals(List.of(2L, 4L), evens);
            awaitNoTasks(s);

            // The stream follows rows inserted after it started.
            try (Rows rows = s.query("SELECT n * 10 AS tens FROM nums /*+ OPTIONS('scan.startup.mode'='latest-offset') */");
                 Stream<Row> stream = rows.stream()) {
                s.execute("INSERT INTO nums VALUES (7)");
                assertEquals(70L, stream.findFirst().orElseThrow().getLong("tens"));
            }
            awaitNoTasks(s);
        }
    }

    @Test
    void aStreamOfAQueryWithALimitEnds() {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM words (w VARCHAR)");
            s.execute("INSERT INTO words VALUES ('a'), ('b'), ('c')");
            try (Stream<Row> rows = s.stream("SELECT w FROM words LIMIT 3")) {
                assertEquals(List.of("a", "b", "c"), rows.map(r -> r.getString(0)).toList());
            }
        }
    }

    @Test
    void typedGettersByNameAndIndexWithClearErrors() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (b BOOLEAN, i INT, l BIGINT, d DOUBLE, m DECIMAL(10, 2), v VARCHAR, ts TIMESTAMP(3))");
            s.execute("INSERT INTO t VALUES (TRUE, 7, 10000000000, 1.5, 12.34, 'x', TIMESTAMP '2026-01-01 10:00:00.250'),"
                    + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            List<Row> rows;
            try (Stream<Row> stream = s.stream("SELECT * FROM t LIMIT 2")) {
                rows = stream.toList();
            }
            Row r = rows.get(0);
            assertTrue(r.getBoolean("B"));
            assertEquals(7, r.getInt("i"));
            assertEquals(7L, r.getLong(1));
            assertEquals(7.0, r.getDouble("i"));
            assertEquals(10_000_000_000L, r.getLong("l"));
            assertEquals(1.5, r.getDouble(3));
            assertEquals(new BigDecimal("12.34"), r.getDecimal("m"));
            assertEquals(BigDecimal.valueOf(10_000_000_000L), r.getDecimal("l"));
            assertEquals("x", r.getString("v"));
            assertEquals(LocalDateTime.of(2026, 1, 1, 10, 0, 0, 250_000_000), r.getTimestamp("ts"));
            assertEquals(Instant.parse("2026-01-01T10:00:00.250Z"), r.getInstant("ts"));
            assertEquals(Instant.parse("2026-01-01T10:00:00.250Z"), r.getInstant(6));
            assertEquals("2026-01-01 10:00:00.250", r.getString(6));
            assertFalse(r.isNull("v"));

            SluiceException noSuch = assertThrows(SluiceException.class, () -> r.getLong("nope"));
            assertEquals(SluiceException.UNDEFINED_COLUMN, noSuch.sqlState());
            assertTrue(noSuch.getMessage().contains("'nope'") && noSuch.getMessage().contains("ts"), noSuch.getMessage());
            IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> r.getString(7));
            assertTrue(outside.getMessage().contains("7 columns"), outside.getMessage());
            ClassCastException text = assertThrows(ClassCastException.class, () -> r.getLong("v"));
            assertTrue(text.getMessage().contains("'v' is VARCHAR") && text.getMessage().contains("getLong"), text.getMessage());
            ClassCastException notBoolean = assertThrows(ClassCastException.class, () -> r.getBoolean("i"));
            assertTrue(notBoolean.getMessage().contains("'i' is INT"), notBoolean.getMessage());
            assertThrows(ClassCastException.class, () -> r.getTimestamp("l"));
            assertThrows(ClassCastException.class, () -> r.getDecimal("v"));
            ArithmeticException tooBig = assertThrows(ArithmeticException.class, () -> r.getInt("l"));
            assertTrue(tooBig.getMessage().contains("getLong"), tooBig.getMessage());

            Row nulls = rows.get(1);
            for (int i = 0; i < nulls.size(); i++) {
                assertTrue(nulls.isNull(i));
            }
            assertTrue(nulls.isNull("ts"));
            assertNull(nulls.getString("v"));
            assertNull(nulls.getDecimal("m"));
            assertNull(nulls.getTimestamp("ts"));
            assertNull(nulls.getInstant("ts"));
            NullPointerException npe = assertThrows(NullPointerException.class, () -> nulls.getLong("l"));
            assertTrue(npe.getMessage().contains("isNull"), npe.getMessage());
            assertThrows(NullPointerException.class, () -> nulls.getBoolean("b"));
        }
    }

    private static void awaitNoTasks(Sluice s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.metrics().runningTasks() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a cancelled task leaves on its worker's next turn
        }
        assertEquals(0, s.metrics().runningTasks(), "closing the stream stopped the query");
    }
}
