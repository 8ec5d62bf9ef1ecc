package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's session through the embedding API: streams, inserts, push queries, pipelines, restart. */
class EmbeddedEndToEndTest {
    @TempDir
    Path dir;

    private Sluice open() {
        return Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(50).build());
    }

    private static List<Row> take(Rows rows, int n) throws InterruptedException {
        List<Row> out = new ArrayList<>();
        while (out.size() < n) {
            Row r = rows.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "expected " + n + " rows, got " + out.size() + ": " + out);
            out.add(r);
        }
        return out;
    }

    @Test
    void createInsertAndFollowAStream() throws Exception {
        try (Sluice s = open()) {
            assertEquals("Stream orders created.", s.execute(
                    "CREATE STREAM orders (id BIGINT NOT NULL, customer VARCHAR, amount DECIMAL(10, 2), ts TIMESTAMP(3))"
                            + " WITH ('partitions' = '3', 'key' = 'id')").message());
            Result r = s.execute("INSERT INTO orders VALUES (1, 'ann', 12.50, TIMESTAMP '2026-01-01 10:00:00'),"
                    + " (2, 'bob', 7.25, TIMESTAMP '2026-01-01 10:00:01')");
            assertEquals(2, r.updateCount());
            try (Rows rows = s.query("SELECT id, UPPER(customer) AS who, amount * 2 AS twice, ts + INTERVAL '1' HOUR AS later"
                    + " FROM orders WHERE amount > 5")) {
                assertTrue(rows.isContinuous());
                assertEquals(List.of("id", "who", "twice", "later"), rows.columns().stream().map(ColumnInfo::name).toList());
                List<Row> first = take(rows, 2);
                Set<String> who = new HashSet<>();
                first.forEach(x -> who.add(x.getString("who")));
                assertEquals(Set.of("ANN", "BOB"), who);
                // the query follows the stream: a row inserted now arrives
                s.execute("INSERT INTO orders (id, customer, amount) VALUES (3, 'cy', 99.99)");
                Row third = take(rows, 1).get(0);
                assertEquals(3L, third.getLong("id"));
                assertEquals(0, new java.math.BigDecimal("199.98").compareTo(third.getDecimal("twice")));
                assertNull(third.get("later"));
                Row ann = first.stream().filter(x -> x.getLong(0) == 1).findFirst().orElseThrow();
                assertEquals(LocalDateTime.of(2026, 1, 1, 11, 0), ann.getTimestamp("later"));
            }
        }
    }

    @Test
    void limitEndsThePushQuery() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (x INT)");
            s.execute("INSERT INTO t VALUES (1), (2), (3), (4)");
            try (Rows rows = s.query("SELECT x FROM t LIMIT 3")) {
                int n = 0;
                while (rows.hasNext()) {
                    rows.next();
                    n++;
                }
                assertEquals(3, n);
                assertTrue(rows.isDone());
            }
        }
    }

    @Test
    void latestOffsetStartsAfterExistingRows() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (x INT)");
            s.execute("INSERT INTO t VALUES (1), (2)");
            try (Rows rows = s.query("SELECT x FROM t /*+ OPTIONS('scan.startup.mode'='latest-offset') */")) {
                assertNull(rows.poll(200, TimeUnit.MILLISECONDS));
                s.execute("INSERT INTO t VALUES (3)");
                assertEquals(3, take(rows, 1).get(0).getInt("x"));
            }
            s.execute("SET 'scan.startup.mode' = 'latest-offset'");
            try (Rows rows = s.query("SELECT x FROM t")) {
                assertNull(rows.poll(200, TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void pipelineSurvivesRestartAndResumesExactlyOnce() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM src (id INT, name VARCHAR) WITH ('partitions' = '2', 'key' = 'id')");
            s.execute("CREATE STREAM dst (id INT, shout VARCHAR) WITH ('partitions' = '3')");
            s.execute("CREATE PIPELINE p AS INSERT INTO dst SELECT id, name || '!' FROM src WHERE id % 2 = 0");
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                values.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'n").append(i).append("')");
            }
            s.execute("INSERT INTO src VALUES " + values);
            try (Rows rows = s.query("SELECT id FROM dst LIMIT 50")) {
                assertEquals(50, take(rows, 50).size());
            }
        }
        try (Sluice s = open()) {
            Rows show = s.execute("SHOW PIPELINES").rows();
            Row p = show.next();
            assertEquals("p", p.getString("pipeline_name"));
            assertEquals("RUNNING", p.getString("state"));
            StringBuilder values = new StringBuilder();
            for (int i = 100; i < 200; i++) {
                values.append(i == 100 ? "" : ", ").append("(").append(i).append(", 'n").append(i).append("')");
            }
            s.execute("INSERT INTO src VALUES " + values);
            Set<Integer> ids = new HashSet<>();
            try (Rows rows = s.query("SELECT id, shout FROM dst LIMIT 100")) {
                for (Row r : take(rows, 100)) {
                    assertTrue(ids.add(r.getInt("id")), "row " + r + " twice");
                    assertEquals("n" + r.getInt("id") + "!", r.getString("shout"));
                }
            }
            for (int i = 0; i < 200; i += 2) {
                assertTrue(ids.contains(i), "missing " + i);
            }
            try (Rows more = s.query("SELECT id FROM dst")) {
                take(more, 100);
                assertNull(more.poll(300, TimeUnit.MILLISECONDS), "dst holds more than 100 rows");
            }
        }
    }

    @Test
    void jdbcConnectionToTheEmbeddedEngine() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (x INT, name VARCHAR)");
            try (java.sql.Connection c = s.connection(); java.sql.Statement st = c.createStatement()) {
                assertEquals(2, st.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b')"));
                try (java.sql.ResultSet rs = st.executeQuery("SELECT name, x * 10 AS y FROM t LIMIT 2")) {
                    assertEquals("y", rs.getMetaData().getColumnLabel(2));
                    assertEquals(java.sql.Types.INTEGER, rs.getMetaData().getColumnType(2));
                    Set<String> got = new HashSet<>();
                    while (rs.next()) {
                        got.add(rs.getString(1) + rs.getInt("y"));
                    }
                    assertEquals(Set.of("a10", "b20"), got);
                }
            }
            // closing the connection left the engine open
            assertEquals(2, s.execute("INSERT INTO t VALUES (3, 'c'), (4, 'd')").updateCount());
        }
    }

    @Test
    void droppingTheStreamEndsItsPushQueryWithAnError() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (x INT) WITH ('partitions' = '2')");
            s.execute("INSERT INTO t VALUES (1)");
            try (Rows rows = s.query("SELECT x FROM t")) {
                assertEquals(1, take(rows, 1).get(0).getInt("x"));
                s.execute("DROP STREAM t");
                SluiceException e = assertThrows(SluiceException.class, () -> rows.poll(10, TimeUnit.SECONDS));
                assertTrue(e.getMessage().contains("was dropped"), e.getMessage());
            }
        }
    }

    @Test
    void callbackSubscription() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (x INT) WITH ('partitions' = '2')");
            List<Integer> got = new CopyOnWriteArrayList<>();
            Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            try (Subscription sub = s.subscribe("SELECT x * 10 AS y FROM t LIMIT 5", r -> {
                got.add(r.getInt("y"));
                threads.add(Thread.currentThread().getName());
            })) {
                s.execute("INSERT INTO t VALUES (1), (2), (3), (4), (5), (6)");
                assertTrue(sub.await(Duration.ofSeconds(10)));
                assertNull(sub.failure());
            }
            assertEquals(5, got.size());
            assertTrue(threads.stream().allMatch(t -> t.startsWith("sluice-worker")), threads.toString());
        }
    }

    @Test
    void subscribeWithEmitChangesHandsEachRowWithItsKind() throws Exception {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (k INT, x INT)");
            List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Subscription sub = s.subscribe("SELECT k, SUM(x) AS total FROM t GROUP BY k EMIT CHANGES LIMIT 3",
                    r -> got.add(r.kind().shortName() + " " + r.getString("op") + " " + r.getLong("total")))) {
                s.execute("INSERT INTO t VALUES (1, 5), (1, 7)");
                assertTrue(sub.await(Duration.ofSeconds(10)));
                assertNull(sub.failure());
            }
            assertEquals(List.of("+I +I 5", "-U -U 5", "+U +U 12"), got);
            s.execute("CREATE TABLE u (k INT PRIMARY KEY, v INT)");
            SluiceException e = assertThrows(SluiceException.class, () -> s.subscribe("SELECT * FROM u", r -> { }));
            assertEquals(SluiceException.FEATURE_NOT_SUPPORTED, e.sqlState());
        }
    }

    @Test
    void errorsSayWhatAndWhereAndChangeNothing() {
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (x INT, name VARCHAR)");
            SluiceException e = assertThrows(SluiceException.class, () -> s.execute("SELECT x FROM nope"));
            assertEquals(SluiceException.UNDEFINED_OBJECT, e.sqlState());
            assertEquals(1, e.line());
            assertEquals(15, e.column());
            e = assertThrows(SluiceException.class, () -> s.execute("SELECT\n  y FROM t"));
            assertEquals(SluiceException.UNDEFINED_COLUMN, e.sqlState());
            assertEquals(2, e.line());
            assertEquals(3, e.column());
            e = assertThrows(SluiceException.class, () -> s.execute("INSERT INTO t VALUES ('abc', 'x')"));
            assertEquals(SluiceException.DATATYPE_MISMATCH, e.sqlState(), e.getMessage());
            assertEquals(1, e.line());
            e = assertThrows(SluiceException.class, () -> s.execute("SELECT x + name FROM t"));
            assertEquals(SluiceException.DATATYPE_MISMATCH, e.sqlState(), e.getMessage());
            assertEquals(8, e.column());
            e = assertThrows(SluiceException.class, () -> s.execute("CREATE STREM u (x INT)"));
            assertEquals(SluiceException.SYNTAX_ERROR, e.sqlState());
            assertEquals(1, e.line());
            assertEquals(8, e.column());
            assertTrue(e.getMessage().contains("STREAM"), e.getMessage());
            assertFalse(s.execute("SHOW STREAMS").rows().next().getString(0).isEmpty());
        }
    }
}
