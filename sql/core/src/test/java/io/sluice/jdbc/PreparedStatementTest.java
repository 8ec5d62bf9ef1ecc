package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared statements with {@code ?} parameters on the embedded driver. The same checks run over the
 * network in {@code io.sluice.jdbc.remote.RemoteJdbcTest} through {@link #checkPreparedStatements}.
 */
@Timeout(60)
public class PreparedStatementTest {
    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sluice:" + dir);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void parametersBindInsertsAndQueries() throws SQLException {
        checkPreparedStatements(connection);
    }

    @Test
    void misuseIsReportedClearly() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE STREAM q (id INT)");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO q VALUES (?)")) {
            SQLException unset = assertThrows(SQLException.class, ps::executeUpdate);
            assertEquals("07001", unset.getSQLState());
            SQLException range = assertThrows(SQLException.class, () -> ps.setInt(2, 1));
            assertEquals("07009", range.getSQLState());
            assertThrows(SQLException.class, () -> ps.execute("SELECT 1"));
        }
        SQLException untyped = assertThrows(SQLException.class, () -> connection.prepareStatement("SELECT ? FROM q"));
        assertTrue(untyped.getMessage().toLowerCase(java.util.Locale.ROOT).contains("dynamic parameter"), untyped.getMessage());
        SQLException syntax = assertThrows(SQLException.class, () -> connection.prepareStatement("SELEKT ?"));
        assertEquals("42601", syntax.getSQLState());
    }

    /** Inserts with parameters (one by one and in a batch), then queries with a parameter; checks the metadata. */
    public static void checkPreparedStatements(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE STREAM p (id INT, name VARCHAR, amount DECIMAL(8, 2), ts TIMESTAMP(3), ok BOOLEAN)");
        }
        String tricky = "it's'); DROP STREAM p; --";
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO p VALUES (?, ?, ?, ?, ?)")) {
            ParameterMetaData pm = insert.getParameterMetaData();
            assertEquals(5, pm.getParameterCount());
            assertEquals(Types.INTEGER, pm.getParameterType(1));
            assertEquals(Types.VARCHAR, pm.getParameterType(2));
            assertEquals(Types.DECIMAL, pm.getParameterType(3));
            assertEquals(8, pm.getPrecision(3));
            assertEquals(2, pm.getScale(3));
            assertEquals(Types.TIMESTAMP, pm.getParameterType(4));
            assertEquals(Types.BOOLEAN, pm.getParameterType(5));

            insert.setInt(1, 1);
            insert.setString(2, tricky);
            insert.setBigDecimal(3, new BigDecimal("12.50"));
            insert.setTimestamp(4, Timestamp.valueOf("2024-01-02 03:04:05.678"));
            insert.setBoolean(5, true);
            assertEquals(1, insert.executeUpdate());

            for (int id = 2; id <= 3; id++) {
                insert.setInt(1, id);
                insert.setString(2, "n" + id);
                insert.setNull(3, Types.DECIMAL);
                insert.setNull(4, Types.TIMESTAMP);
                insert.setBoolean(5, false);
                insert.addBatch();
            }
            assertArrayEquals(new int[] {1, 1}, insert.executeBatch());
        }
        try (PreparedStatement query = c.prepareStatement("SELECT id, name, amount, ts, ok FROM p WHERE id >= ? LIMIT 3")) {
            assertEquals(Types.INTEGER, query.getParameterMetaData().getParameterType(1));
            query.setInt(1, 1);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("ID"));
                assertEquals(tricky, rs.getString("NAME"));
                assertEquals(new BigDecimal("12.50"), rs.getBigDecimal("AMOUNT"));
                assertEquals(Timestamp.valueOf("2024-01-02 03:04:05.678"), rs.getTimestamp("TS"));
                assertTrue(rs.getBoolean("OK"));
                assertTrue(rs.next());
                assertEquals("n2", rs.getString(2));
                assertEquals(null, rs.getBigDecimal(3));
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertFalse(rs.next());
            }
            // The same prepared query again with another value.
            query.setInt(1, 3);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
        }
    }
}
