package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SluiceUrlTest {

    @Test
    void plainAndFileUrlsNameTheDataDirectory() throws SQLException {
        assertEquals(Path.of("/var/data/sluice"), SluiceUrl.parse("jdbc:sluice:/var/data/sluice").dataDir());
        assertEquals(Path.of("/var/data/sluice"), SluiceUrl.parse("jdbc:sluice:file:/var/data/sluice").dataDir());
        assertEquals(Path.of("rel/dir"), SluiceUrl.parse("jdbc:sluice:rel/dir").dataDir());
        assertEquals(Path.of("/d"), SluiceUrl.parse("jdbc:sluice:/d;unused=1").dataDir());
        assertEquals(Path.of("/d"), SluiceUrl.parse("JDBC:SLUICE:/d?x=y").dataDir());
    }

    @Test
    void remoteUrlsNameTheServerAndItsProperties() throws SQLException {
        SluiceUrl plain = SluiceUrl.parse("jdbc:sluice:remote:http://localhost:8765");
        assertTrue(plain.isRemote());
        assertEquals("http://localhost:8765", plain.remoteAddress());
        assertEquals(null, plain.remoteParams());
        assertEquals(null, plain.dataDir());
        SluiceUrl withParams = SluiceUrl.parse("jdbc:sluice:remote:https://h:1;truststore=/t.p12;truststore_password=x");
        assertEquals("https://h:1", withParams.remoteAddress());
        assertEquals("truststore=/t.p12;truststore_password=x", withParams.remoteParams());
        assertFalse(SluiceUrl.parse("jdbc:sluice:/d").isRemote());
        SQLException e = assertThrows(SQLException.class, () -> SluiceUrl.parse("jdbc:sluice:remote:"));
        assertTrue(e.getMessage().contains("names no server"), e.getMessage());
    }

    @Test
    void aUrlWithoutADirectoryIsAnError() {
        SQLException e = assertThrows(SQLException.class, () -> SluiceUrl.parse("jdbc:sluice:"));
        assertTrue(e.getMessage().contains("no data directory"), e.getMessage());
        assertThrows(SQLException.class, () -> SluiceUrl.parse("jdbc:sluice:file:  "));
    }

    @Test
    void otherDatabasesUrlsAreNotOurs() throws SQLException {
        assertFalse(SluiceUrl.accepts("jdbc:h2:mem:x"));
        assertFalse(SluiceUrl.accepts(null));
        assertNull(new SluiceDriver().connect("jdbc:postgresql://localhost/db", new Properties()));
    }

    @Test
    void theDriverIsRegisteredAndSaysWhenNoServerListens() throws Exception {
        Driver driver = DriverManager.getDriver("jdbc:sluice:/tmp/anything");
        assertTrue(driver instanceof SluiceDriver);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:sluice:remote:http://127.0.0.1:" + port;
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertTrue(e.getMessage().contains("Cannot connect to the Sluice server at http://127.0.0.1:" + port), e.getMessage());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void driverVersionComesFromTheBuild() {
        SluiceDriver driver = new SluiceDriver();
        assertFalse(SluiceDriver.VERSION.contains("${"), SluiceDriver.VERSION);
        assertEquals(SluiceDriver.VERSION.split("\\.")[0], String.valueOf(driver.getMajorVersion()));
    }
}
