package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through JDBC only, as a JDBC tool would: create streams and a pipeline, insert, read the pipeline's
 * output; disconnect (which closes the engine); connect again and find the pipeline running and
 * resuming, every row in its output exactly once.
 */
class JdbcPipelineRestartTest {
    @TempDir
    Path dir;

    private static String values(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : ", ").append('(').append(i).append(", 'item").append(i).append("')");
        }
        return sb.toString();
    }

    private static Set<Integer> readIds(Statement st, int n) throws Exception {
        st.setMaxRows(n);
        Set<Integer> ids = new HashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT id, label FROM copies")) {
            while (rs.next()) {
                assertTrue(ids.add(rs.getInt("id")), "row " + rs.getInt("id") + " twice");
                assertEquals("ITEM" + rs.getInt("id"), rs.getString("label"));
            }
        }
        return ids;
    }

    @Test
    void pipelineResumesAfterReconnectExactlyOnce() throws Exception {
        String url = "jdbc:sluice:" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE STREAM items (id INT, name VARCHAR) WITH ('partitions' = '3', 'key' = 'id')");
            st.execute("CREATE STREAM copies (id INT, label VARCHAR)");
            assertFalse(st.execute("CREATE PIPELINE copier AS INSERT INTO copies SELECT id, UPPER(name) FROM items"));
            assertEquals(40, st.executeUpdate("INSERT INTO items VALUES " + values(0, 40)));
            assertEquals(40, readIds(st, 40).size());
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW PIPELINES")) {
                assertTrue(rs.next());
                assertEquals("copier", rs.getString("pipeline_name"));
                assertEquals("RUNNING", rs.getString("state"));
            }
            assertEquals(40, st.executeUpdate("INSERT INTO items VALUES " + values(40, 80)));
            Set<Integer> ids = readIds(st, 80);
            assertEquals(80, ids.size());
            for (int i = 0; i < 80; i++) {
                assertTrue(ids.contains(i), "missing " + i);
            }
            // nothing beyond the 80: a query for more stays empty until cancelled
            st.setMaxRows(0);
            try (ResultSet rs = st.executeQuery("SELECT id FROM copies /*+ OPTIONS('scan.startup.mode'='latest-offset') */")) {
                Thread canceller = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                        st.cancel();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                canceller.start();
                assertFalse(rs.next(), "cancel ends a blocked next()");
                canceller.join();
            }
        }
    }
}
