package io.sluice.connectors.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.SluiceException;
import io.sluice.engine.connector.ConnectorSpec;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jdbc sink against a real database: H2 in server mode on a loopback port, reached through its
 * TCP JDBC URL like any remote database.
 */
class JdbcSinkTest {
    @TempDir
    static Path dbDir;
    private static Server server;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDatabase() throws SQLException {
        server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dbDir.toString(), "-ifNotExists").start();
        url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/./sinks";
    }

    @AfterAll
    static void stopDatabase() {
        if (server != null) {
            server.stop();
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** The table's rows as text, ordered by the first column. */
    private static List<String> table(String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i == 1 ? "" : "|").append(rs.getObject(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static long count(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitCount(String table, long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = count(table);
            if (last >= n) {
                return;
            }
            Thread.sleep(20);
        }
        fail(table + " has " + last + " rows, not " + n);
    }

    private Sluice open() {
        return Sluice.open(SluiceConfig.builder(dir.resolve("data")).workers(2).checkpointIntervalMillis(50).build());
    }

    private static String describe(Sluice s, String stream) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        try (Rows rows = s.query("DESCRIBE " + stream)) {
            Row r;
            while ((r = rows.poll(1, TimeUnit.SECONDS)) != null) {
                sb.append(r.getString(0)).append('=').append(r.getString(1)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void appendModeWritesEveryRowWithItsTypes() throws Exception {
        sql("CREATE TABLE events (id BIGINT, name VARCHAR(50), price DECIMAL(10, 2), ts TIMESTAMP, ok BOOLEAN, n INT, d DOUBLE)");
        int rows = 2_000;
        try (Sluice s = open()) {
            s.execute("CREATE STREAM ev (id BIGINT, name VARCHAR, price DECIMAL(10, 2), ts TIMESTAMP(3), ok BOOLEAN, n INT, "
                    + "d DOUBLE) WITH ('connector' = 'jdbc', 'url' = '" + url + "', 'table' = 'events', 'partitions' = '2', "
                    + "'batch.size' = '64')");
            assertTrue(describe(s, "ev").contains("(delivery)=at-least-once"), describe(s, "ev"));
            s.execute("INSERT INTO ev VALUES (1, 'apple', 1.25, TIMESTAMP '2026-11-22 10:00:00.250', TRUE, 7, 0.5), "
                    + "(2, NULL, NULL, NULL, NULL, NULL, NULL)");
            for (int start = 3; start <= rows; start += 200) {
                StringBuilder sb = new StringBuilder("INSERT INTO ev (id, name) VALUES ");
                for (int i = start; i < Math.min(start + 200, rows + 1); i++) {
                    sb.append(i == start ? "" : ", ").append('(').append(i).append(", 'n").append(i).append("')");
                }
                s.execute(sb.toString());
            }
            awaitCount("events", rows);
        }
        assertEquals(rows, count("events"));
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT id) FROM events")) {
            rs.next();
            assertEquals(rows, rs.getLong(1));
        }
        List<String> t = table("events");
        assertEquals("1|apple|1.25|" + java.sql.Timestamp.valueOf(LocalDateTime.of(2026, 11, 22, 10, 0, 0, 250_000_000))
                + "|true|7|0.5", t.get(0));
        assertEquals("2|null|null|null|null|null|null", t.get(1));
    }

    @Test
    void upsertModeKeepsTheLastValuePerKeyAcrossARestart() throws Exception {
        sql("CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(50), qty INT)");
        try (Sluice s = open()) {
            s.execute("CREATE STREAM it (id BIGINT, name VARCHAR, qty INT) WITH ('connector' = 'jdbc', 'url' = '" + url
                    + "', 'table' = 'items', 'key.columns' = 'id', 'partitions' = '2', 'key' = 'id')");
            assertTrue(describe(s, "it").contains("(delivery)=exactly-once"), describe(s, "it"));
            s.execute("INSERT INTO it VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', 1)");
            s.execute("INSERT INTO it VALUES (1, 'a', 2), (2, 'b', 2)");
            awaitCount("items", 3);
        }
        try (Sluice s = open()) {
            s.execute("INSERT INTO it VALUES (1, 'a', 3), (4, 'd', 1)");
            s.execute("INSERT INTO it VALUES (4, 'd', 2)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!table("items").equals(List.of("1|a|3", "2|b|2", "3|c|1", "4|d|2")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(List.of("1|a|3", "2|b|2", "3|c|1", "4|d|2"), table("items"));
    }

    /**
     * A Sluice table whose sink is the database: a GROUP BY pipeline's changelog (counts that go up as
     * clicks arrive) is upserted into the database table by the Sluice table's primary key, and the
     * database ends with each key's final count, across a restart.
     */
    @Test
    void aTablesChangelogIsUpsertedByItsPrimaryKey() throws Exception {
        sql("CREATE TABLE click_counts (user_id BIGINT PRIMARY KEY, clicks BIGINT)");
        try (Sluice s = open()) {
            s.execute("CREATE STREAM clicks (user_id BIGINT, url VARCHAR) WITH ('partitions' = '2', 'key' = 'user_id')");
            s.execute("CREATE TABLE counts (user_id BIGINT, clicks BIGINT, PRIMARY KEY (user_id)) WITH ("
                    + "'connector' = 'jdbc', 'mode' = 'sink', 'url' = '" + url + "', 'table' = 'click_counts', "
                    + "'key.columns' = 'user_id', 'partitions' = '2')");
            s.execute("CREATE PIPELINE per_user AS INSERT INTO counts SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id");
            s.execute("INSERT INTO clicks VALUES (1, '/a'), (2, '/b'), (1, '/c')");
            awaitCount("click_counts", 2);
        }
        try (Sluice s = open()) {
            s.execute("INSERT INTO clicks VALUES (1, '/d'), (3, '/e'), (2, '/f'), (2, '/g')");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!table("click_counts").equals(List.of("1|3", "2|3", "3|1")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the Sluice table agrees (a pull query)
            List<String> pulled = new java.util.ArrayList<>();
            try (io.sluice.Rows rows = s.query("SELECT user_id, clicks FROM counts")) {
                while (rows.hasNext()) {
                    io.sluice.Row r = rows.next();
                    pulled.add(r.getLong(0) + "|" + r.getLong(1));
                }
            }
            java.util.Collections.sort(pulled);
            assertEquals(List.of("1|3", "2|3", "3|1"), pulled);
        }
        assertEquals(List.of("1|3", "2|3", "3|1"), table("click_counts"));
    }

    /**
     * A changelog with updates and deletes, and a crash after the database commit whose checkpoint
     * entry was never written: the replay leaves the table equal to the changelog's final state, for
     * each dialect that runs on H2.
     */
    @Test
    void aChangelogReplayedAfterACrashEndsInItsFinalState() throws Exception {
        for (String dialect : List.of("h2", "standard")) {
            String table = "cl_" + dialect;
            sql("CREATE TABLE " + table + " (k1 INT, k2 VARCHAR(10), v VARCHAR(20), PRIMARY KEY (k1, k2))");
            RowSchema schema = RowSchema.of(new Column("k1", DataType.of(TypeKind.INT)),
                    new Column("k2", DataType.of(TypeKind.VARCHAR)), new Column("v", DataType.of(TypeKind.VARCHAR)));
            Sink sink = ConnectorSpec.resolve(table, schema, 1, Map.of("connector", "jdbc", "url", url, "table", table,
                    "key.columns", "k1, k2", "dialect", dialect, "batch.size", "2")).orElseThrow().createSink();
            List<Object[]> changelog = List.of(
                    new Object[] {RowKind.INSERT, 1, "a", "one"},
                    new Object[] {RowKind.INSERT, 2, "a", "two"},
                    new Object[] {RowKind.INSERT, 3, "b", "three"},
                    new Object[] {RowKind.UPDATE_BEFORE, 1, "a", "one"},
                    new Object[] {RowKind.UPDATE_AFTER, 1, "a", "uno"},
                    new Object[] {RowKind.DELETE, 2, "a", "two"},
                    new Object[] {RowKind.INSERT, 2, "a", "dos"},
                    new Object[] {RowKind.DELETE, 3, "b", "three"},
                    new Object[] {RowKind.INSERT, 4, "c", "four"});
            Map<String, String> expected = new TreeMap<>(Map.of("1|a", "uno", "2|a", "dos", "4|c", "four"));

            SinkWriter w = sink.openWriter(0, null);
            write(w, schema, changelog.subList(0, 3));
            w.commit(w.prepareCheckpoint()); // checkpoint 1 durable
            write(w, schema, changelog.subList(3, 7));
            w.prepareCheckpoint(); // committed to the database, then the process "dies" before the entry
            write(w, schema, changelog.subList(7, 9)); // and these were pending, never committed
            w.close();

            SinkWriter again = sink.openWriter(0, null); // replays everything after checkpoint 1
            write(again, schema, changelog.subList(3, 9));
            again.commit(again.prepareCheckpoint());
            again.close();

            Map<String, String> actual = new TreeMap<>();
            for (String r : table(table)) {
                String[] f = r.split("\\|");
                actual.put(f[0] + "|" + f[1], f[2]);
            }
            assertEquals(expected, actual, dialect);
        }
    }

    private static void write(SinkWriter w, RowSchema schema, List<Object[]> rows) {
        RowWriter row = new RowWriter(schema);
        RowReader view = new RowReader(schema);
        for (Object[] r : rows) {
            row.begin((RowKind) r[0]);
            row.putInt(0, (Integer) r[1]);
            row.putString(1, (String) r[2]);
            row.putString(2, (String) r[3]);
            w.write(view.wrap(row.buffer(), 0, row.length()));
        }
    }

    @Test
    void optionsAreCheckedAndUpsertStatementsFollowTheDialect() throws Exception {
        try (Sluice s = open()) {
            SluiceException e = assertThrows(SluiceException.class, () -> s.execute("CREATE STREAM x (id INT) WITH ("
                    + "'connector' = 'jdbc', 'url' = 'postgres://h/db', 'table' = 't')"));
            assertTrue(e.getMessage().contains("JDBC URL"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute("CREATE STREAM x (id INT) WITH ("
                    + "'connector' = 'jdbc', 'url' = '" + url + "', 'table' = 't', 'key.columns' = 'nope')"));
            assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute("CREATE STREAM x (id INT) WITH ("
                    + "'connector' = 'jdbc', 'url' = '" + url + "', 'table' = 't; DROP TABLE y')"));
            assertTrue(e.getMessage().contains("table name"), e.getMessage());
        }
        RowSchema schema = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT)), new Column("name", DataType.of(TypeKind.VARCHAR)));
        assertEquals("INSERT INTO t (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name",
                settings(schema, "jdbc:postgresql://db/x").upsertSql());
        assertEquals("INSERT INTO t (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)",
                settings(schema, "jdbc:mariadb://db/x").upsertSql());
        assertEquals("DELETE FROM t WHERE id = ?", settings(schema, "jdbc:postgresql://db/x").deleteSql());
    }

    private static JdbcSinkSettings settings(RowSchema schema, String jdbcUrl) {
        return JdbcSinkSettings.of(ConnectorSpec.resolve("t", schema, 1, Map.of("connector", "jdbc", "url", jdbcUrl,
                "table", "t", "key.columns", "id")).orElseThrow().context());
    }
}
