package io.sluice.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight remote connections at once, each with a writer (prepared inserts and constant queries) and a push
 * query: every push query sees every inserted row exactly once, and every constant query answers its own
 * question.
 */
@Timeout(120)
class RemoteConcurrencyTest {
    private static final int CONNECTIONS = 8;
    private static final int ROWS_PER_CONNECTION = 16;
    private static final int BATCH = 4;
    private static final int TOTAL = CONNECTIONS * ROWS_PER_CONNECTION;

    @TempDir
    Path dir;

    @Test
    void eightConnectionsInsertAndQueryWithoutInterference() throws Exception {
        try (Sluice sluice = Sluice.open(dir); SluiceServer server = SluiceServer.start(sluice, ServerConfig.builder().port(0).build())) {
            sluice.execute("CREATE STREAM c (id INT, who INT) WITH ('partitions' = '2', 'key' = 'id')");
            List<Connection> connections = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(2 * CONNECTIONS);
            try {
                for (int k = 0; k < CONNECTIONS; k++) {
                    connections.add(DriverManager.getConnection(server.url()));
                }
                List<Future<List<Integer>>> readers = new ArrayList<>();
                List<Future<Integer>> writers = new ArrayList<>();
                for (int k = 0; k < CONNECTIONS; k++) {
                    Connection c = connections.get(k);
                    int who = k;
                    readers.add(threads.submit(() -> readAll(c)));
                    writers.add(threads.submit(write(c, who)));
                }
                for (Future<Integer> w : writers) {
                    assertEquals(ROWS_PER_CONNECTION, w.get(90, TimeUnit.SECONDS));
                }
                for (Future<List<Integer>> r : readers) {
                    List<Integer> ids = r.get(90, TimeUnit.SECONDS);
                    TreeMap<Integer, Integer> seen = new TreeMap<>();
                    ids.forEach(id -> seen.merge(id, 1, Integer::sum));
                    assertEquals(TOTAL, ids.size(), "rows seen");
                    assertEquals(TOTAL, seen.size(), "distinct rows seen");
                    assertTrue(seen.values().stream().allMatch(n -> n == 1), "a row seen twice");
                    assertEquals(0, seen.firstKey());
                    assertEquals(TOTAL - 1, seen.lastKey());
                }
            } finally {
                threads.shutdownNow();
                for (Connection c : connections) {
                    c.close();
                }
            }
        }
    }

    /** A push query over the whole stream until it has seen every row that will be inserted. */
    private static List<Integer> readAll(Connection c) throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM c LIMIT " + TOTAL)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /** Inserts this connection's ids in batches, asking a constant query between batches. */
    private static Callable<Integer> write(Connection c, int who) {
        return () -> {
            int inserted = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO c VALUES (?, ?)");
                 Statement constant = c.createStatement()) {
                for (int i = 0; i < ROWS_PER_CONNECTION; i += BATCH) {
                    for (int j = i; j < i + BATCH; j++) {
                        insert.setInt(1, who * ROWS_PER_CONNECTION + j);
                        insert.setInt(2, who);
                        insert.addBatch();
                    }
                    for (int n : insert.executeBatch()) {
                        inserted += n;
                    }
                    try (ResultSet rs = constant.executeQuery("SELECT " + who + " * 1000 + " + i)) {
                        assertTrue(rs.next());
                        assertEquals(who * 1000 + i, rs.getInt(1));
                    }
                }
            }
            return inserted;
        };
    }
}
