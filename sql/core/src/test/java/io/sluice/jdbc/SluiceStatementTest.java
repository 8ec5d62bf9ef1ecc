package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ColumnInfo;
import io.sluice.Result;
import io.sluice.SluiceException;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver's statement and result set over a stand-in engine that answers like the real one. */
@Timeout(30)
class SluiceStatementTest {
    private static final List<ColumnInfo> ORDER_COLUMNS = List.of(
            new ColumnInfo("ID", DataType.of(TypeKind.BIGINT).withNullable(false)),
            new ColumnInfo("NAME", DataType.varchar(20)),
            new ColumnInfo("PRICE", DataType.decimal(10, 2)),
            new ColumnInfo("TS", DataType.of(TypeKind.TIMESTAMP)),
            new ColumnInfo("OK", DataType.of(TypeKind.BOOLEAN)),
            new ColumnInfo("QTY", DataType.of(TypeKind.INT)),
            new ColumnInfo("SCORE", DataType.of(TypeKind.DOUBLE)));

    private FakeRows rows = new FakeRows(ORDER_COLUMNS);
    private final FakeEngine engine = new FakeEngine(sql -> {
        if (sql.startsWith("SELECT")) {
            return Result.rows(rows);
        }
        if (sql.startsWith("INSERT")) {
            return Result.update(3, "3 rows inserted.");
        }
        if (sql.startsWith("CREATE")) {
            return Result.ok("Stream ORDERS created.");
        }
        if (sql.startsWith("BAD")) {
            throw new SluiceException(SluiceException.UNDEFINED_OBJECT, "Stream 'ORDRS' not found", 1, 15, null);
        }
        return null;
    });

    @Test
    void nextBlocksUntilTheNextRowOfThePushQueryArrives() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT * FROM orders");
            CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(rows.awaitReaderBlocked(10), "next() should be waiting for a row");
            assertFalse(next.isDone());
            rows.push(1L, "a", new BigDecimal("9.50"), LocalDateTime.of(2024, 5, 1, 10, 15, 0, 250_000_000), true, 2, 0.5);
            assertTrue(next.get(10, TimeUnit.SECONDS));
            assertEquals(1L, rs.getLong("id"));
        }
    }

    @Test
    void gettersConvertEveryTypeAndReportNulls() throws Exception {
        rows.push(7L, "widget", new BigDecimal("12.30"), LocalDateTime.of(2024, 5, 1, 10, 15, 0, 250_000_000), false, 3, 1.25)
                .push(8L, null, null, null, null, null, null).end();
        try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT")) {
            assertTrue(rs.next());
            assertEquals(7L, rs.getObject(1));
            assertEquals(7, rs.getInt("ID"));
            assertEquals("7", rs.getString(1));
            assertEquals("widget", rs.getString("name"));
            assertEquals(new BigDecimal("12.30"), rs.getBigDecimal(3));
            assertEquals("12.30", rs.getString(3));
            assertEquals(12.3, rs.getDouble("PRICE"), 1e-9);
            Timestamp ts = rs.getTimestamp("TS");
            assertEquals(Timestamp.valueOf("2024-05-01 10:15:00.25"), ts);
            assertEquals(ts, rs.getObject(4));
            assertEquals("2024-05-01 10:15:00.250", rs.getString(4));
            assertEquals(LocalDateTime.of(2024, 5, 1, 10, 15, 0, 250_000_000), rs.getObject(4, LocalDateTime.class));
            assertFalse(rs.getBoolean("OK"));
            assertEquals("false", rs.getString(5));
            assertEquals(3, rs.getObject("QTY"));
            assertEquals(1.25, rs.getDouble(7));
            assertFalse(rs.wasNull());
            assertEquals(1, rs.getRow());

            assertTrue(rs.next());
            assertNull(rs.getString(2));
            assertTrue(rs.wasNull());
            assertEquals(0, rs.getInt("QTY"));
            assertTrue(rs.wasNull());
            assertNull(rs.getTimestamp(4));
            assertNull(rs.getBigDecimal(3));
            assertEquals(8L, rs.getLong(1));
            assertFalse(rs.wasNull());

            assertFalse(rs.next());
            assertFalse(rs.next());
            assertTrue(rs.isAfterLast());
            SQLException noColumn = assertThrows(SQLException.class, () -> rs.findColumn("nope"));
            assertTrue(noColumn.getMessage().contains("ID, NAME"), noColumn.getMessage());
            assertEquals(4, rs.findColumn("ts"));
        }
    }

    @Test
    void aValueThatCannotConvertIsAnErrorNotAZero() throws Exception {
        rows.push(1L, "not a number", null, null, null, null, null).end();
        try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT")) {
            assertTrue(rs.next());
            SQLException e = assertThrows(SQLException.class, () -> rs.getInt(2));
            assertEquals("22018", e.getSQLState());
        }
    }

    @Test
    void metadataDescribesEachTypeForJdbc() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(7, md.getColumnCount());
            assertEquals("ID", md.getColumnName(1));
            assertEquals("NAME", md.getColumnLabel(2));
            int[] types = {Types.BIGINT, Types.VARCHAR, Types.DECIMAL, Types.TIMESTAMP, Types.BOOLEAN, Types.INTEGER, Types.DOUBLE};
            String[] names = {"BIGINT", "VARCHAR", "DECIMAL", "TIMESTAMP", "BOOLEAN", "INTEGER", "DOUBLE"};
            Class<?>[] classes = {Long.class, String.class, BigDecimal.class, Timestamp.class, Boolean.class, Integer.class, Double.class};
            for (int i = 0; i < types.length; i++) {
                assertEquals(types[i], md.getColumnType(i + 1), "type of column " + (i + 1));
                assertEquals(names[i], md.getColumnTypeName(i + 1));
                assertEquals(classes[i].getName(), md.getColumnClassName(i + 1));
            }
            assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
            assertEquals(ResultSetMetaData.columnNullable, md.isNullable(2));
            assertEquals(20, md.getPrecision(2));
            assertEquals(10, md.getPrecision(3));
            assertEquals(2, md.getScale(3));
            assertEquals(3, md.getScale(4));
            assertThrows(SQLException.class, () -> md.getColumnType(8));
        }
    }

    @Test
    void maxRowsEndsThePushQueryAfterThatManyRows() throws Exception {
        rows.push(1L, "a", null, null, null, null, null).push(2L, "b", null, null, null, null, null)
                .push(3L, "c", null, null, null, null, null);
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            s.setMaxRows(2);
            ResultSet rs = s.executeQuery("SELECT");
            assertTrue(rs.next());
            assertTrue(rs.next());
            assertFalse(rs.next(), "the third row is beyond max rows");
            assertTrue(rows.cancelled(), "the push query must be stopped, not left running");
        }
    }

    @Test
    void cancelFromAnotherThreadWakesABlockedNext() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT");
            CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(rows.awaitReaderBlocked(10));
            s.cancel();
            assertFalse(next.get(10, TimeUnit.SECONDS));
            assertTrue(rows.cancelled());
        }
    }

    @Test
    void aQueryTimeoutCancelsTheQueryAndTellsTheReader() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            ResultSet rs = s.executeQuery("SELECT");
            assertThrows(SQLTimeoutException.class, rs::next);
            assertTrue(rows.cancelled());
        }
    }

    @Test
    void closingTheStatementOrTheConnectionStopsItsQuery() throws Exception {
        Connection c = engine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT");
        c.close();
        assertTrue(rows.cancelled());
        assertTrue(rs.isClosed());
        assertTrue(s.isClosed());
        assertThrows(SQLException.class, rs::next);
        assertThrows(SQLException.class, c::createStatement);
    }

    @Test
    void executingAgainClosesThePreviousResultSet() throws Exception {
        FakeRows first = rows;
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1");
            rows = new FakeRows(ORDER_COLUMNS);
            s.execute("SELECT 2");
            assertTrue(rs.isClosed());
            assertTrue(first.cancelled());
        }
    }

    @Test
    void insertGivesItsRowCountAndDdlItsMessage() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            assertEquals(3, s.executeUpdate("INSERT INTO orders VALUES (1), (2), (3)"));
            assertNull(s.getResultSet());

            assertFalse(s.execute("CREATE STREAM orders (id BIGINT)"));
            assertEquals(0, s.getUpdateCount());
            assertEquals("Stream ORDERS created.", s.getWarnings().getMessage());
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());

            assertTrue(s.execute("SELECT * FROM orders"));
            assertEquals(-1, s.getUpdateCount());
            assertNull(s.getWarnings());
            assertTrue(s.getResultSet() != null);
        }
    }

    @Test
    void engineErrorsKeepTheirSqlStateAndPosition() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class, () -> s.execute("BAD SELECT"));
            assertEquals("42704", e.getSQLState());
            assertEquals("At line 1, column 15: Stream 'ORDRS' not found", e.getMessage());
        }
    }

    @Test
    void aFailureWhileTheQueryRunsReachesTheReader() throws Exception {
        rows.fail(new SluiceException(SluiceException.DATA_EXCEPTION, "Division by zero"));
        try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT")) {
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertEquals("22000", e.getSQLState());
            assertEquals("Division by zero", e.getMessage());
        }
    }

    @Test
    void aBugWhileReadingIsAnInternalErrorNotACrash() throws Exception {
        rows.fail(new IllegalStateException("broken invariant"));
        try (Connection c = engine.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT")) {
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertEquals("XX000", e.getSQLState());
            assertTrue(e.getMessage().contains("broken invariant"), e.getMessage());
        }
    }

    @Test
    void theWrongExecuteMethodIsRefused() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeQuery("INSERT INTO orders VALUES (1)"));
            assertThrows(SQLException.class, () -> s.executeUpdate("SELECT * FROM orders"));
            assertTrue(rows.cancelled(), "a SELECT run by executeUpdate must not keep running");
        }
    }

    @Test
    void connectionIsAutoCommitOnly() throws Exception {
        try (Connection c = engine.connect()) {
            assertTrue(c.getAutoCommit());
            c.setAutoCommit(true);
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.setAutoCommit(false));
            c.commit();
            assertThrows(SQLException.class, c::rollback);
            assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
            c.setReadOnly(true);
            assertTrue(c.isReadOnly());
            assertTrue(c.isValid(1));
            assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareCall("CALL p()"));
            assertThrows(SQLFeatureNotSupportedException.class,
                    () -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
        }
    }

    @Test
    void aConnectionOverAnEngineLeavesItOpenWhenClosed() throws Exception {
        Connection c = SluiceConnection.over("jdbc:sluice:/data", engine);
        assertEquals("jdbc:sluice:/data", c.getMetaData().getURL());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1");
        c.close();
        assertTrue(rs.isClosed());
        assertTrue(rows.cancelled(), "closing the connection stops its queries");
        assertEquals(List.of("SELECT 1"), engine.executed);
    }

    @Test
    void closeOnCompletionClosesTheStatementWithItsResultSet() throws Exception {
        try (Connection c = engine.connect()) {
            Statement s = c.createStatement();
            s.closeOnCompletion();
            ResultSet rs = s.executeQuery("SELECT 1");
            assertFalse(s.isClosed());
            rs.close();
            assertTrue(s.isClosed());
        }
    }

    @Test
    void batchesRunEachStatementInOrder() throws Exception {
        try (Connection c = engine.connect(); Statement s = c.createStatement()) {
            s.addBatch("CREATE STREAM t (x INT)");
            s.addBatch("INSERT INTO t VALUES (1)");
            int[] counts = s.executeBatch();
            assertEquals(0, counts[0]);
            assertEquals(3, counts[1]);
            assertEquals(List.of("CREATE STREAM t (x INT)", "INSERT INTO t VALUES (1)"), engine.executed);
        }
    }
}
