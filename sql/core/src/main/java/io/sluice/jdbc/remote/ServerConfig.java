package io.sluice.jdbc.remote;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The settings of a {@link SluiceServer}, built once and validated by {@link Builder#build()}.
 *
 * @param port                  TCP port to listen on; 0 picks a free one ({@link SluiceServer#port()})
 * @param credentials           user name to password; empty: no authentication (default)
 * @param keyStore              a key store (PKCS12 or JKS) holding the server's key and certificate;
 *                              null: plain HTTP (default)
 * @param keyStorePassword      its password (also the key's)
 * @param statementIdleTimeout  a statement (and its push query) no client has used for this long is
 *                              closed: what bounds the life of a query whose client vanished (default 60 s)
 * @param connectionIdleTimeout a remote connection unused for this long is closed (default 30 min)
 * @param fetchWait             how long a fetch of a push query waits for a row before answering with
 *                              none, so the client asks again (default 250 ms); less than the
 *                              statement idle timeout
 */
public record ServerConfig(int port, Map<String, String> credentials, Path keyStore, String keyStorePassword,
        Duration statementIdleTimeout, Duration connectionIdleTimeout, Duration fetchWait) {
    public static final int DEFAULT_PORT = 8765;

    public ServerConfig {
        credentials = Map.copyOf(credentials);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be 0..65535: " + port);
        }
        if (keyStore != null && keyStorePassword == null) {
            throw new IllegalArgumentException("A key store needs its password");
        }
        if (fetchWait.isNegative() || fetchWait.compareTo(statementIdleTimeout) >= 0) {
            throw new IllegalArgumentException("The fetch wait (" + fetchWait + ") must be less than the statement idle timeout ("
                    + statementIdleTimeout + ")");
        }
        if (connectionIdleTimeout.compareTo(statementIdleTimeout) < 0) {
            throw new IllegalArgumentException("The connection idle timeout must not be shorter than the statement idle timeout");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether clients must log in. */
    public boolean authenticates() {
        return !credentials.isEmpty();
    }

    /** Whether the server speaks HTTPS. */
    public boolean tls() {
        return keyStore != null;
    }

    /**
     * Reads a credentials file: a Java properties file with one {@code user=password} line per user
     * ({@code #} starts a comment; {@code \} escapes, as in any properties file). Keep it readable by the
     * server's user only.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it names no user or a user without a password
     */
    public static Map<String, String> readCredentials(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (String user : p.stringPropertyNames()) {
            String password = p.getProperty(user);
            if (user.isBlank() || password.isEmpty()) {
                throw new IllegalArgumentException("Credentials file " + file + ": user '" + user + "' has no password");
            }
            users.put(user, password);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("Credentials file " + file + " names no user (expected lines user=password)");
        }
        return users;
    }

    /** Builds a {@link ServerConfig}; every setting starts at its default. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private Path keyStore;
        private String keyStorePassword;
        private Duration statementIdleTimeout = Duration.ofSeconds(60);
        private Duration connectionIdleTimeout = Duration.ofMinutes(30);
        private Duration fetchWait = Duration.ofMillis(250);

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder user(String user, String password) {
            credentials.put(Objects.requireNonNull(user), Objects.requireNonNull(password));
            return this;
        }

        public Builder users(Map<String, String> users) {
            users.forEach(this::user);
            return this;
        }

        public Builder keyStore(Path keyStore, String password) {
            this.keyStore = keyStore;
            this.keyStorePassword = password;
            return this;
        }

        public Builder statementIdleTimeout(Duration timeout) {
            this.statementIdleTimeout = timeout;
            return this;
        }

        public Builder connectionIdleTimeout(Duration timeout) {
            this.connectionIdleTimeout = timeout;
            return this;
        }

        public Builder fetchWait(Duration wait) {
            this.fetchWait = wait;
            return this;
        }

        /** @throws IllegalArgumentException for settings that contradict each other */
        public ServerConfig build() {
            return new ServerConfig(port, credentials, keyStore, keyStorePassword, statementIdleTimeout,
                    connectionIdleTimeout, fetchWait);
        }
    }

    @Override
    public String toString() {
        // Never print passwords.
        return "ServerConfig[port=" + port + ", users=" + credentials.keySet() + ", tls=" + tls()
                + (tls() ? " (" + keyStore + ")" : "") + ", statementIdleTimeout=" + statementIdleTimeout
                + ", connectionIdleTimeout=" + connectionIdleTimeout + ", fetchWait=" + fetchWait + "]";
    }
}
