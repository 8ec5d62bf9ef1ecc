package io.sluice.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Logins (BASIC) and TLS with a self-signed certificate that the test makes with the JDK's keytool. */
@Timeout(90)
class RemoteSecurityTest {
    @TempDir
    Path dir;

    @Test
    void aServerWithCredentialsRefusesBadOrMissingOnesAndServesGoodOnes() throws Exception {
        Path credentials = Files.writeString(dir.resolve("users.properties"), "# user=password\nalice=s3cret\nbob=hunter2\n");
        ServerConfig config = ServerConfig.builder().port(0).users(ServerConfig.readCredentials(credentials)).build();
        try (Sluice sluice = Sluice.open(dir.resolve("data")); SluiceServer server = SluiceServer.start(sluice, config)) {
            sluice.execute("CREATE STREAM s (id INT)");
            for (Properties bad : List.of(new Properties(), props("alice", "wrong"), props("mallory", "s3cret"))) {
                SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(server.url(), bad));
                assertEquals("28000", e.getSQLState(), e.toString());
                assertTrue(e.getMessage().contains("refused the login"), e.getMessage());
            }
            // A refused client gets no connection at all, so it has nothing to run statements on.
            try (Connection c = DriverManager.getConnection(server.url(), props("bob", "hunter2"));
                 Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("INSERT INTO s VALUES (7)"));
            }
            // user and password in the URL work too (as some tools pass them).
            try (Connection c = DriverManager.getConnection(server.url() + ";user=alice;password=s3cret");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM s LIMIT 1")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @Test
    void aCredentialsFileWithoutUsersIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("none.properties"), "# nobody\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.readCredentials(empty));
        assertTrue(e.getMessage().contains("names no user"), e.getMessage());
    }

    @Test
    void tlsWithASelfSignedCertificate() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "sluice", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "sluice", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "sluice", "-file", cert.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", "trustme");

        ServerConfig config = ServerConfig.builder().port(0).keyStore(keyStore, "changeit").user("alice", "s3cret").build();
        try (Sluice sluice = Sluice.open(dir.resolve("data")); SluiceServer server = SluiceServer.start(sluice, config)) {
            assertTrue(server.url().startsWith("jdbc:sluice:remote:https://localhost:"), server.url());
            String trusted = server.url() + ";truststore=" + trustStore + ";truststore_password=trustme";
            try (Connection c = DriverManager.getConnection(trusted, props("alice", "s3cret"));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            // Without the trust store the JVM does not trust a self-signed certificate.
            SQLException untrusted = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(server.url(), props("alice", "s3cret")));
            assertEquals("08001", untrusted.getSQLState(), untrusted.toString());
        }
    }

    private static Properties props(String user, String password) {
        Properties p = new Properties();
        p.putAll(Map.of("user", user, "password", password));
        return p;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ":\n" + out);
    }
}
