package io.sluice.jdbc.remote;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;

/**
 * Opens JDBC connections to a {@link SluiceServer}: what {@link io.sluice.jdbc.SluiceDriver} does for
 * {@code jdbc:sluice:remote:http(s)://host:port[;key=value...]}.
 *
 * <p>Connection properties (from the URL after {@code ;}, or the {@link Properties} a tool passes):
 * <ul>
 *   <li>{@code user} and {@code password}: log in with HTTP BASIC (Avatica's {@code avatica_user},
 *       {@code avatica_password} and {@code authentication=BASIC} are set from them);</li>
 *   <li>{@code truststore} and {@code truststore_password}: the trust store for an https server whose
 *       certificate the JVM does not trust already (e.g. a self-signed one);</li>
 *   <li>{@code fetch_size}: the most rows per frame (default {@value #DEFAULT_FETCH_SIZE}; a frame never
 *       waits to fill up);</li>
 *   <li>any other Avatica connection property (e.g. {@code hostname_verification}), passed through.</li>
 * </ul>
 * The serialization is always protobuf, the server's.
 */
public final class RemoteClient {
    /** The Avatica connect-string prefix our Avatica driver answers to. */
    private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

    private static final SluiceAvaticaDriver DRIVER = new SluiceAvaticaDriver();

    /** Rows per frame unless the URL's {@code fetch_size} says otherwise. */
    static final int DEFAULT_FETCH_SIZE = 2_000;

    private RemoteClient() {
    }

    /**
     * Connects to the server at {@code address} (an http or https URL).
     *
     * @param address   e.g. {@code http://localhost:8765}
     * @param urlParams the {@code key=value} pairs that followed the address in the JDBC URL (may be null)
     * @param info      the properties the caller passed to the driver (may be null)
     * @throws SQLException 08001 if the server cannot be reached, 28000 if it refused the credentials
     */
    public static Connection connect(String address, String urlParams, Properties info) throws SQLException {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new SQLException("A remote Sluice URL names an http or https address: jdbc:sluice:remote:http://host:port (got '"
                    + address + "')", "08001");
        }
        Properties all = new Properties();
        if (urlParams != null && !urlParams.isBlank()) {
            Properties parsed = ConnectStringParser.parse(urlParams);
            for (String key : parsed.stringPropertyNames()) {
                all.setProperty(key, parsed.getProperty(key));
            }
        }
        if (info != null) {
            all.putAll(info);
        }
        Properties avatica = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (!key.equals("user") && !key.equals("password")) {
                avatica.setProperty(key, all.getProperty(key));
            }
        }
        avatica.setProperty(BuiltInConnectionProperty.URL.camelName(), address);
        avatica.setProperty(BuiltInConnectionProperty.SERIALIZATION.camelName(), "protobuf");
        // Frames carry what a query has produced so far, never waiting to fill up, so a large limit costs
        // no latency and saves round trips when rows come fast (Avatica's default is 100).
        if (!avatica.containsKey(BuiltInConnectionProperty.FETCH_SIZE.camelName())) {
            avatica.setProperty(BuiltInConnectionProperty.FETCH_SIZE.camelName(), Integer.toString(DEFAULT_FETCH_SIZE));
        }
        String user = all.getProperty("user", all.getProperty(BuiltInConnectionProperty.AVATICA_USER.camelName()));
        if (user != null && !user.isEmpty()) {
            avatica.setProperty(BuiltInConnectionProperty.AUTHENTICATION.camelName(), "BASIC");
            avatica.setProperty(BuiltInConnectionProperty.AVATICA_USER.camelName(), user);
            avatica.setProperty(BuiltInConnectionProperty.AVATICA_PASSWORD.camelName(),
                    all.getProperty("password", all.getProperty(BuiltInConnectionProperty.AVATICA_PASSWORD.camelName(), "")));
        }
        try {
            // Everything goes in the connect string, not in the Properties: Avatica sends the Properties to
            // the server in its open-connection request, and the password has no business in that body.
            return DRIVER.connect(AVATICA_PREFIX + ConnectStringParser.getParamString(avatica), new Properties());
        } catch (SQLException e) {
            throw translate(address, e);
        } catch (RuntimeException e) {
            throw translate(address, new SQLException(e.getMessage(), "08001", e));
        }
    }

    private static SQLException translate(String address, SQLException e) {
        String text = causes(e);
        if (text.contains("HTTP/401") || text.contains("HTTP/403")) {
            return new SQLException("The Sluice server at " + address + " refused the login: wrong or missing user name or password",
                    "28000", e);
        }
        if (e.getSQLState() == null || e.getSQLState().startsWith("08") || text.contains("Connect")
                || text.contains("SSL") || text.contains("certificat")) {
            return new SQLException("Cannot connect to the Sluice server at " + address + ": " + rootMessage(e), "08001", e);
        }
        return e;
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
        }
        return b.toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** Avatica's remote driver with Sluice's row iteration and Sluice's name and version. Not registered. */
    static final class SluiceAvaticaDriver extends org.apache.calcite.avatica.remote.Driver {
        @Override
        public Meta createMeta(AvaticaConnection connection) {
            return new LiveRemoteMeta(super.createMeta(connection), connection);
        }

        @Override
        protected DriverVersion createDriverVersion() {
            String version = io.sluice.jdbc.SluiceDriver.version();
            int major = io.sluice.jdbc.SluiceDriver.versionPart(version, 0);
            int minor = io.sluice.jdbc.SluiceDriver.versionPart(version, 1);
            return new DriverVersion("Sluice JDBC Driver (remote)", version, "Sluice", version, false, major, minor, major, minor);
        }
    }
}
