package io.sluice.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The remote driver against a server in this JVM, over loopback: statements, live push queries, cancel. */
@Timeout(60)
class RemoteJdbcTest {
    @TempDir
    Path dir;

    private Sluice sluice;
    private SluiceServer server;
    private Connection connection;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() throws SQLException {
        sluice = Sluice.open(dir);
        server = SluiceServer.start(sluice, ServerConfig.builder().port(0).build());
        connection = DriverManager.getConnection(server.url());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE STREAM s (id INT, name VARCHAR, ts TIMESTAMP(3))");
        }
    }

    @AfterEach
    void stop() throws SQLException {
        threads.shutdownNow();
        connection.close();
        server.close();
        sluice.close();
    }

    @Test
    void insertsAndBoundedQueriesGoOverTheWire() throws SQLException {
        try (Statement s = connection.createStatement()) {
            assertEquals(2, s.executeUpdate("INSERT INTO s VALUES (1, 'a', TIMESTAMP '2024-05-06 07:08:09.123'), (2, NULL, NULL)"));
            try (ResultSet rs = s.executeQuery("SELECT id, name, ts FROM s LIMIT 2")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("a", rs.getString("NAME"));
                assertEquals(Timestamp.valueOf("2024-05-06 07:08:09.123"), rs.getTimestamp(3));
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertEquals(null, rs.getString(2));
                assertEquals(null, rs.getTimestamp(3));
                assertFalse(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 + 1 AS two")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt("TWO"));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void errorsKeepTheirSqlStateAndMessage() throws SQLException {
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT nope FROM s"));
            assertEquals("42703", e.getSQLState(), e.toString());
            assertTrue(e.getMessage().contains("Column 'nope' not found"), e.getMessage());
        }
    }

    @Test
    void aPushQueryHandsOverEachRowAsItArrives() throws Exception {
        try (Statement query = connection.createStatement(); Connection writer = DriverManager.getConnection(server.url())) {
            ResultSet rs = query.executeQuery("SELECT id FROM s");
            for (int i = 1; i <= 3; i++) {
                Future<Boolean> next = threads.submit(rs::next);
                try (Statement insert = writer.createStatement()) {
                    insert.executeUpdate("INSERT INTO s VALUES (" + i + ", 'x', NULL)");
                }
                // Row i is the last row inserted: it must arrive without waiting for a row after it.
                assertTrue(next.get(20, TimeUnit.SECONDS));
                assertEquals(i, rs.getInt(1));
            }
        }
    }

    @Test
    void cancelStopsTheQueryOnTheServer() throws Exception {
        Statement query = connection.createStatement();
        ResultSet rs = query.executeQuery("SELECT id FROM s");
        awaitRunningTasks(1);
        Future<Boolean> next = threads.submit(() -> {
            try {
                return rs.next();
            } catch (SQLException e) {
                // Avatica's answer to next() once the statement is cancelled; a next() already waiting returns false.
                assertTrue(e.getMessage().contains("canceled"), e.getMessage());
                return false;
            }
        });
        query.cancel();
        assertFalse(next.get(20, TimeUnit.SECONDS));
        // The query stops on the server although the statement is still open on the client.
        awaitRunningTasks(0);
        assertFalse(query.isClosed());
        query.close();
    }

    @Test
    void closingAResultSetEarlyStopsTheQueryOnTheServer() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("INSERT INTO s VALUES (1, 'a', NULL)");
            ResultSet rs = s.executeQuery("SELECT id FROM s");
            assertTrue(rs.next());
            awaitRunningTasks(1);
            rs.close();
            awaitRunningTasks(0);
        }
    }

    @Test
    void preparedStatementsWithParameters() throws SQLException {
        io.sluice.jdbc.PreparedStatementTest.checkPreparedStatements(connection);
    }

    @Test
    void metadataNamesSluice() throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        assertEquals("Sluice", md.getDatabaseProductName());
        assertEquals("Sluice JDBC Driver (remote)", md.getDriverName());
        assertEquals(io.sluice.jdbc.SluiceDriver.version(), md.getDriverVersion());
        assertTrue(md.getDatabaseProductVersion().equals(md.getDriverVersion()), md.getDatabaseProductVersion());
        try (ResultSet tables = md.getTables(null, null, "S", null)) {
            assertTrue(tables.next());
            assertEquals("S", tables.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
            assertEquals("STREAM", tables.getString("TABLE_TYPE"));
            assertFalse(tables.next());
        }
        try (ResultSet columns = md.getColumns(null, null, "S", "%")) {
            assertTrue(columns.next());
            assertEquals("ID", columns.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT));
            assertEquals(java.sql.Types.INTEGER, columns.getInt("DATA_TYPE"));
            assertEquals(1, columns.getInt("ORDINAL_POSITION"));
            assertTrue(columns.next());
            assertTrue(columns.next());
            assertEquals(java.sql.Types.TIMESTAMP, columns.getInt("DATA_TYPE"));
            assertFalse(columns.next());
        }
        try (ResultSet types = md.getTableTypes()) {
            assertTrue(types.next());
            assertEquals("STREAM", types.getString(1));
        }
        try (ResultSet keys = md.getPrimaryKeys(null, null, "S")) {
            assertFalse(keys.next(), "a stream has no primary key");
        }
        try (ResultSet schemas = md.getSchemas()) {
            assertFalse(schemas.next());
        }
        int types = 0;
        try (ResultSet info = md.getTypeInfo()) {
            while (info.next()) {
                types++;
                assertTrue(info.getString("TYPE_NAME") != null);
            }
        }
        assertTrue(types >= 5, "type info rows: " + types);
    }

    private void awaitRunningTasks(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sluice.metrics().runningTasks() != expected) {
            assertTrue(System.nanoTime() < deadline, "running tasks stayed at " + sluice.metrics().runningTasks()
                    + ", expected " + expected);
            Thread.sleep(20);
        }
    }
}
