package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The driver against the real engine, through DriverManager, as an application uses it. */
@Timeout(120)
class JdbcEndToEndTest {
    @TempDir
    Path dir;

    private Connection connection;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void connect() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sluice:" + dir);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE STREAM s (id INT, name VARCHAR)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        threads.shutdownNow();
        connection.close();
    }

    @Test
    void nextBlocksUntilARowInsertedByAnotherThreadArrives() throws Exception {
        try (Statement query = connection.createStatement()) {
            ResultSet rs = query.executeQuery("SELECT id, name FROM s");
            Future<Boolean> next = threads.submit(rs::next);
            // The stream was empty when the query started: the only row next() can return is this one.
            threads.submit(() -> {
                try (Statement insert = connection.createStatement()) {
                    return insert.executeUpdate("INSERT INTO s VALUES (42, 'late')");
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(next.get(60, TimeUnit.SECONDS));
            assertEquals(42, rs.getInt("ID"));
            assertEquals("late", rs.getString(2));
        }
    }

    @Test
    void maxRowsEndsThePushQuery() throws Exception {
        try (Statement s = connection.createStatement()) {
            assertEquals(5, s.executeUpdate("INSERT INTO s VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d'),(5,'e')"));
            s.setMaxRows(2);
            try (ResultSet rs = s.executeQuery("SELECT * FROM s")) {
                assertTrue(rs.next());
                assertTrue(rs.next());
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void cancelFromAnotherThreadStopsABlockedNext() throws Exception {
        try (Statement s = connection.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT * FROM s");
            Future<Boolean> next = threads.submit(rs::next);
            CompletableFuture.runAsync(() -> {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertFalse(next.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void resultSetMetaDataAndValuesForEveryType() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE STREAM t (b BOOLEAN, i INT, l BIGINT, d DOUBLE, m DECIMAL(10, 2), v VARCHAR(20), ts TIMESTAMP)");
            s.executeUpdate("INSERT INTO t VALUES (TRUE, 1, 2, 2.5, 12.34, 'x', TIMESTAMP '2024-05-01 10:15:00')");
            try (ResultSet rs = s.executeQuery("SELECT * FROM t LIMIT 1")) {
                ResultSetMetaData md = rs.getMetaData();
                int[] expected = {Types.BOOLEAN, Types.INTEGER, Types.BIGINT, Types.DOUBLE, Types.DECIMAL, Types.VARCHAR, Types.TIMESTAMP};
                assertEquals(expected.length, md.getColumnCount());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], md.getColumnType(i + 1), "column " + md.getColumnName(i + 1));
                }
                assertEquals(2, md.getScale(5));
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
                assertEquals(1, rs.getObject(2));
                assertEquals(2L, rs.getObject(3));
                assertEquals(2.5, rs.getDouble(4));
                assertEquals(new BigDecimal("12.34"), rs.getBigDecimal(5));
                assertEquals("x", rs.getString(6));
                assertEquals(Timestamp.valueOf("2024-05-01 10:15:00"), rs.getObject(7));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void pullQueryEndsAndEmitChangesGivesEachRowsKindInColumnOp() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE users (id INT, name VARCHAR, PRIMARY KEY (id))");
            assertEquals(2, s.executeUpdate("INSERT INTO users VALUES (1, 'ann'), (2, 'bob')"));
            assertEquals(1, s.executeUpdate("INSERT INTO users VALUES (1, 'amy')"));
            try (ResultSet rs = s.executeQuery("SELECT name FROM users WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("amy", rs.getString(1));
                assertFalse(rs.next(), "a pull query ends");
            }
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM users WHERE id = 1 EMIT CHANGES LIMIT 3")) {
                assertEquals("op", rs.getMetaData().getColumnName(1));
                assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(1));
                StringBuilder changes = new StringBuilder();
                while (rs.next()) {
                    changes.append(rs.getString("op")).append(' ').append(rs.getString("name")).append(';');
                }
                assertEquals("+I ann;-U ann;+U amy;", changes.toString());
            }
        }
    }

    @Test
    void errorsCarryTheirPositionAndSqlState() throws Exception {
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nope"));
            assertTrue(e.getMessage().startsWith("At line 1, column "), e.getMessage());
            assertTrue(e.getSQLState().startsWith("42"), e.getSQLState());
        }
    }

    @Test
    void connectionsToOneDirectoryShareTheEngine() throws Exception {
        try (Connection second = DriverManager.getConnection("jdbc:sluice:file:" + dir);
                Statement s = second.createStatement()) {
            s.executeUpdate("INSERT INTO s VALUES (7, 'shared')");
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery("SELECT name FROM s")) {
                assertTrue(rs.next());
                assertEquals("shared", rs.getString(1));
            }
        }
        assertTrue(connection.isValid(1), "closing one connection must leave the engine to the other");
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(1);
            assertTrue(s.executeQuery("SELECT * FROM s").next());
        }
    }

    @Test
    void metadataListsStreamsAndTheirColumns() throws Exception {
        DatabaseMetaData md = connection.getMetaData();
        assertEquals("Sluice", md.getDatabaseProductName());
        try (ResultSet tables = md.getTables(null, null, "%", null)) {
            assertTrue(tables.next());
            assertEquals("s", tables.getString("TABLE_NAME"), "names keep the case they were created with");
            assertEquals("STREAM", tables.getString("TABLE_TYPE"));
        }
        try (ResultSet columns = md.getColumns(null, null, "s", "%")) {
            assertTrue(columns.next());
            assertEquals("id", columns.getString("COLUMN_NAME"));
            assertEquals(Types.INTEGER, columns.getInt("DATA_TYPE"));
            assertTrue(columns.next());
            assertEquals("name", columns.getString("COLUMN_NAME"));
            assertEquals(Types.VARCHAR, columns.getInt("DATA_TYPE"));
            assertFalse(columns.next());
        }
    }

    @Test
    void aWrappedSluiceStaysOpenWhenItsConnectionCloses(@TempDir Path other) throws Exception {
        try (Sluice sluice = Sluice.open(other)) {
            try (Connection c = SluiceConnection.wrap(sluice); Statement s = c.createStatement()) {
                s.execute("CREATE STREAM w (x INT)");
            }
            sluice.execute("INSERT INTO w VALUES (1)");
        }
    }
}
