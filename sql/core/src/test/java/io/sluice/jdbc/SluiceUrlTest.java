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
import java.sql.SQLFeatureNotSupportedException;
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
    void remoteUrlsAreRefusedWithAClearMessage() {
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> SluiceUrl.parse("jdbc:sluice:remote:http://localhost:8765"));
        assertTrue(e.getMessage().contains("Remote JDBC is not available in this version"), e.getMessage());
        assertEquals("0A000", e.getSQLState());
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
    void theDriverIsRegisteredAndRefusesRemoteUrlsOnConnect() throws SQLException {
        Driver driver = DriverManager.getDriver("jdbc:sluice:/tmp/anything");
        assertTrue(driver instanceof SluiceDriver);
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sluice:remote:http://h:1"));
        assertTrue(e.getMessage().contains("Remote JDBC is not available"), e.getMessage());
    }

    @Test
    void driverVersionComesFromTheBuild() {
        SluiceDriver driver = new SluiceDriver();
        assertFalse(SluiceDriver.VERSION.contains("${"), SluiceDriver.VERSION);
        assertEquals(SluiceDriver.VERSION.split("\\.")[0], String.valueOf(driver.getMajorVersion()));
    }
}
