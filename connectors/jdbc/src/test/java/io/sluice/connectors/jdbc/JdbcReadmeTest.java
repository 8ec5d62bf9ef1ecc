package io.sluice.connectors.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's JDBC example, run against H2 in server mode: the PostgreSQL URL is replaced by an H2
 * one (so the H2 dialect is used), everything else runs as written.
 */
class JdbcReadmeTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../../README.md").normalize();

    @TempDir
    Path dir;

    @Test
    void theJdbcExampleRunsAsWritten() throws Exception {
        String md = Files.readString(README, StandardCharsets.UTF_8);
        int start = md.indexOf("\n### JDBC\n");
        assertTrue(start >= 0, "README has no ### JDBC");
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(md.substring(start, md.indexOf("\n#", start + 10)));
        assertTrue(m.find(), "a sql block");
        String sql = m.group(1);
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.resolve("db").toString(), "-ifNotExists").start();
        try {
            String base = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/./";
            exec(base + "shop", "sluice", "...", "CREATE TABLE inventory (sku VARCHAR(20) PRIMARY KEY, qty INT)");
            exec(base + "audit", null, null, "CREATE TABLE audit_log (ts TIMESTAMP, user_id BIGINT, action VARCHAR(20))");
            try (Sluice s = Sluice.open(SluiceConfig.builder(dir.resolve("data")).checkpointIntervalMillis(50).build())) {
                s.executeScript(sql.replace("jdbc:postgresql://localhost/shop", base + "shop")
                        .replace("jdbc:h2:tcp://localhost/./", base));
                s.execute("INSERT INTO stock VALUES ('apple', 3), ('pear', 5)");
                s.execute("INSERT INTO stock VALUES ('apple', 2)");
                s.execute("INSERT INTO audit VALUES (TIMESTAMP '2026-11-22 10:00:00', 1, 'login'), "
                        + "(TIMESTAMP '2026-11-22 10:00:05', 1, 'logout')");
                await(base + "shop", "sluice", "...", "SELECT sku || '=' || qty FROM inventory ORDER BY sku",
                        List.of("apple=2", "pear=5"));
                await(base + "audit", null, null, "SELECT action FROM audit_log ORDER BY ts", List.of("login", "logout"));
            }
        } finally {
            server.stop();
        }
    }

    private static void exec(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void await(String url, String user, String password, String query, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> got = List.of();
        while (System.nanoTime() < deadline) {
            got = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(query)) {
                while (rs.next()) {
                    got.add(rs.getString(1));
                }
            }
            if (got.equals(expected)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("expected " + expected + ", got " + got);
    }
}
