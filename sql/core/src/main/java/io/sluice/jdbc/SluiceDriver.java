package io.sluice.jdbc;

import io.sluice.Sluice;
import io.sluice.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The Sluice JDBC driver: embedded for {@code jdbc:sluice:<data dir>}, remote for
 * {@code jdbc:sluice:remote:http(s)://host:port} (see {@link SluiceUrl}).
 * Registered with {@link DriverManager} when the class loads, and found by {@code ServiceLoader}
 * through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>Connections to one directory share one engine ({@link SharedEngines}); the engine closes with
 * the last of them. To speak JDBC to a {@link Sluice} the application already holds, use
 * {@link SluiceConnection#wrap(Sluice)} (what {@link Sluice#connection()} returns).
 */
public final class SluiceDriver implements Driver {
    /** The engines opened through this driver, shared by every connection of the JVM. */
    static final SharedEngines<Sluice> ENGINES = new SharedEngines<>();

    static final String VERSION = readVersion();

    static {
        try {
            DriverManager.registerDriver(new SluiceDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Opens a connection, or returns null for a URL that is not Sluice's (as {@link Driver} requires, so
     * that DriverManager tries the next driver). An embedded URL ignores the properties; a remote one
     * ({@code jdbc:sluice:remote:http://host:port}) takes {@code user}, {@code password} and the others
     * {@link io.sluice.jdbc.remote.RemoteClient} lists.
     *
     * @throws SQLException for a malformed Sluice URL, when the engine cannot start, or when the server
     *                      cannot be reached or refuses the login
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        SluiceUrl parsed = SluiceUrl.parse(url);
        if (parsed.isRemote()) {
            return io.sluice.jdbc.remote.RemoteClient.connect(parsed.remoteAddress(), parsed.remoteParams(), info);
        }
        SharedEngines<Sluice>.Lease lease;
        try {
            lease = ENGINES.acquire(parsed.dataDir(), Sluice::open);
        } catch (IOException e) {
            throw new SQLException("Cannot use data directory " + parsed.dataDir() + ": " + e.getMessage(), "58030", e);
        } catch (SluiceException e) {
            throw JdbcErrors.toSql(e);
        } catch (RuntimeException e) {
            throw new SQLException("Cannot open Sluice on " + parsed.dataDir() + ": " + e.getMessage(), "08001", e);
        }
        Sluice sluice = lease.engine();
        return new SluiceConnection(url, sluice::execute, sluice::parameters, lease::close);
    }

    @Override
    public boolean acceptsURL(String url) {
        return SluiceUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getMinorVersion() {
        return versionPart(1);
    }

    /** Not yet: the driver has not passed the JDBC compliance tests. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Sluice does not log through java.util.logging");
    }

    static int versionPart(int index) {
        return versionPart(VERSION, index);
    }

    /** The driver's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** Part {@code index} (0 major, 1 minor) of a version string; 0 when it has no such number. */
    public static int versionPart(String version, int index) {
        String[] parts = version.split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String readVersion() {
        try (InputStream in = SluiceDriver.class.getResourceAsStream("driver.properties")) {
            if (in == null) {
                return "0.0.0";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
