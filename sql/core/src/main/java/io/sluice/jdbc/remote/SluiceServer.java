package io.sluice.jdbc.remote;

import io.sluice.Sluice;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.security.Password;

/**
 * Serves one embedded engine over HTTP(S) to remote JDBC clients ({@code jdbc:sluice:remote:http://host:port}):
 * what {@code sluice server} runs.
 *
 * <p>The wire is Apache Calcite Avatica's protobuf serialization (smaller and cheaper to encode than its
 * JSON one, which matters for frames of rows; the client driver and server are one project, so nobody
 * needs to read the wire by hand). With credentials configured, every request must carry HTTP BASIC
 * authentication of one of the users (Jetty checks it before Avatica sees the request: nothing runs for
 * a refused client); with a key store, the server speaks only HTTPS. BASIC sends the password in every
 * request, so use TLS whenever the network is not trusted.
 *
 * <p>Lifecycle: {@link #start} listens and returns; {@link #close()} stops listening, closes every remote
 * connection (stopping their queries) and, if the server opened the engine, closes it. Thread-safe.
 */
public final class SluiceServer implements AutoCloseable {
    private static final String ROLE = "sluice-user";

    private final Sluice sluice;
    private final boolean ownsEngine;
    private final ServerConfig config;
    private final SluiceMeta meta;
    private final HttpServer http;
    private final ScheduledExecutorService janitor;
    private volatile boolean closed;

    private SluiceServer(Sluice sluice, boolean ownsEngine, ServerConfig config) throws SQLException {
        this.sluice = sluice;
        this.ownsEngine = ownsEngine;
        this.config = config;
        this.meta = new SluiceMeta(sluice, cacheSettings(config), config.fetchWait().toMillis());
        HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
                .withHandler(new LocalService(meta), Serialization.PROTOBUF)
                .withPort(config.port());
        if (config.tls()) {
            // The key store doubles as the trust store: Jetty wants one, and clients present no certificates.
            java.io.File ks = config.keyStore().toFile();
            builder.withTLS(ks, config.keyStorePassword(), ks, config.keyStorePassword());
        }
        if (config.authenticates()) {
            builder.withServerCustomizers(List.of(server -> requireLogin(server, config.credentials())), Server.class);
        }
        this.http = builder.build();
        this.janitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-server-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a server on an engine the caller keeps owning (it stays open after {@link #close()}).
     *
     * @throws IllegalStateException if the server cannot listen (port taken, bad key store)
     */
    public static SluiceServer start(Sluice sluice, ServerConfig config) {
        return start(sluice, false, config);
    }

    /**
     * Opens the engine on {@code dataDir} and serves it; {@link #close()} closes the engine too.
     *
     * @throws io.sluice.SluiceException if the engine cannot open
     * @throws IllegalStateException if the server cannot listen
     */
    public static SluiceServer open(java.nio.file.Path dataDir, ServerConfig config) {
        Sluice sluice = Sluice.open(dataDir);
        try {
            return start(sluice, true, config);
        } catch (RuntimeException e) {
            sluice.close();
            throw e;
        }
    }

    private static SluiceServer start(Sluice sluice, boolean owns, ServerConfig config) {
        SluiceServer server;
        try {
            server = new SluiceServer(sluice, owns, config);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the server: " + e.getMessage(), e);
        }
        try {
            server.http.start();
        } catch (RuntimeException e) {
            server.janitor.shutdownNow();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot listen on port " + config.port() + ": " + cause.getMessage(), e);
        }
        long period = Math.max(50, Math.min(config.statementIdleTimeout().toMillis(), config.connectionIdleTimeout().toMillis()) / 4);
        server.janitor.scheduleWithFixedDelay(server::expire, period, period, TimeUnit.MILLISECONDS);
        return server;
    }

    /** The port the server listens on (the one chosen when the configuration said 0). */
    public int port() {
        return http.getPort();
    }

    /** The JDBC URL that reaches this server from this machine. */
    public String url() {
        return "jdbc:sluice:remote:" + (config.tls() ? "https" : "http") + "://localhost:" + port();
    }

    public ServerConfig config() {
        return config;
    }

    /** The engine this server serves. */
    public Sluice sluice() {
        return sluice;
    }

    /** Statements that remote clients hold on this server (open, or closed and not yet forgotten). */
    public long remoteStatements() {
        return meta.statementCount();
    }

    /** Blocks until the server stops ({@link #close()} from another thread, or the JVM ends). */
    public void join() throws InterruptedException {
        http.join();
    }

    /** Stops listening, closes every remote connection and, if the server opened it, the engine. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        janitor.shutdownNow();
        // Jetty's stop waits, and gives up at once on a thread already interrupted (e.g. one whose join() was
        // interrupted to stop the server): stop with the flag cleared and set it again afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            http.stop();
        } finally {
            meta.closeAll();
            if (ownsEngine) {
                sluice.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void expire() {
        try {
            meta.cleanUp();
        } catch (RuntimeException e) {
            // Closing one expired statement failed; the rest were handled, and the next round tries again.
            System.err.println("sluice server: expiring idle statements failed: " + e);
        }
    }

    private static Properties cacheSettings(ServerConfig config) {
        Properties p = new Properties();
        p.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_DURATION.key(), Long.toString(config.statementIdleTimeout().toMillis()));
        p.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
        p.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(), Long.toString(config.connectionIdleTimeout().toMillis()));
        p.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
        return p;
    }

    /** Puts Jetty's BASIC authentication in front of Avatica's handler: a request without a known user gets 401. */
    private static void requireLogin(Server server, Map<String, String> users) {
        UserStore store = new UserStore();
        // Password, not Credential.getCredential: a password that starts with "MD5:" is just a password here.
        users.forEach((user, password) -> store.addUser(user, new Password(password), new String[] {ROLE}));
        HashLoginService login = new HashLoginService("sluice");
        login.setUserStore(store);

        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, ROLE);
        constraint.setAuthenticate(true);
        constraint.setRoles(new String[] {ROLE});
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(constraint);
        mapping.setPathSpec("/*");

        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setAuthenticator(new BasicAuthenticator());
        security.setRealmName("sluice");
        security.setLoginService(login);
        security.setConstraintMappings(List.of(mapping));
        security.setHandler(server.getHandler());
        server.setHandler(security);
    }
}
