package io.sluice.shell;

import io.sluice.SluiceException;
import io.sluice.jdbc.remote.ServerConfig;
import io.sluice.jdbc.remote.SluiceServer;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code sluice server}: serves a data directory to remote JDBC clients
 * ({@code jdbc:sluice:remote:http://host:port}) until the process is stopped (Ctrl-C, SIGTERM), then
 * closes every client's connection and the engine. Only starts the server: the server itself is
 * {@link SluiceServer} in the sql layer.
 *
 * <p>Exit codes: 1 if the server cannot start (directory in use, port taken, unreadable credentials or
 * key store), 2 for a wrong command line; a server stopped by a signal exits as the JVM does on it.
 */
final class ServerCommand {
    static final String USAGE = String.join("\n",
            "Usage: sluice server [--data DIR] [--port PORT] [--user USER [--password PASSWORD] | --credentials FILE]",
            "                     [--keystore FILE --keystore-password PASSWORD] [--statement-idle-timeout SECONDS]",
            "                     [--connection-idle-timeout SECONDS]",
            "",
            "  --data DIR                     data directory (default ./sluice-data)",
            "  --port PORT                    port to listen on, all interfaces (default 8765; 0 picks a free one)",
            "  --user USER                    require this user to log in (HTTP BASIC); without --password, asks for it",
            "  --password PASSWORD            that user's password",
            "  --credentials FILE             require a login of one of the users in FILE, lines of user=password",
            "  --keystore FILE                serve HTTPS with the key and certificate in this PKCS12 or JKS key store",
            "  --keystore-password PASSWORD   the key store's password",
            "  --statement-idle-timeout SEC   stop a query whose client has not fetched for this long (default 60)",
            "  --connection-idle-timeout SEC  close a connection unused for this long (default 1800)",
            "",
            "Clients connect with jdbc:sluice:remote:http://HOST:PORT (https:// with --keystore), e.g.",
            "  sluice --url jdbc:sluice:remote:http://localhost:8765 --user USER",
            "");

    private ServerCommand() {
    }

    /**
     * Parses the server's options, starts it and blocks until the JVM stops.
     *
     * @return the exit code, when the server could not start or the command line was wrong
     */
    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        Path dataDir = ShellOptions.DEFAULT_DATA_DIR;
        ServerConfig.Builder config = ServerConfig.builder();
        String user = null;
        String password = null;
        Path credentials = null;
        Path keyStore = null;
        String keyStorePassword = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String inline = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    inline = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help", "-h" -> {
                        stdout.print(USAGE);
                        stdout.flush();
                        return 0;
                    }
                    case "--data", "-d" -> dataDir = Path.of(value(args, inline, ++i, arg));
                    case "--port" -> config.port(number(value(args, inline, ++i, arg), arg));
                    case "--user" -> user = value(args, inline, ++i, arg);
                    case "--password" -> password = value(args, inline, ++i, arg);
                    case "--credentials" -> credentials = Path.of(value(args, inline, ++i, arg));
                    case "--keystore" -> keyStore = Path.of(value(args, inline, ++i, arg));
                    case "--keystore-password" -> keyStorePassword = value(args, inline, ++i, arg);
                    case "--statement-idle-timeout" -> config.statementIdleTimeout(
                            Duration.ofSeconds(number(value(args, inline, ++i, arg), arg)));
                    case "--connection-idle-timeout" -> config.connectionIdleTimeout(
                            Duration.ofSeconds(number(value(args, inline, ++i, arg), arg)));
                    default -> throw new ShellOptions.UsageException(
                            arg.startsWith("-") ? "Unknown server option: " + arg : "Unexpected argument: " + arg);
                }
                if (inline != null) {
                    i--; // the value was part of the argument, not the next one
                }
            }
            if (user != null && credentials != null) {
                throw new ShellOptions.UsageException("Use either --user or --credentials, not both");
            }
            if (password != null && user == null) {
                throw new ShellOptions.UsageException("--password needs --user");
            }
            if ((keyStore == null) != (keyStorePassword == null)) {
                throw new ShellOptions.UsageException("--keystore and --keystore-password go together");
            }
        } catch (ShellOptions.UsageException e) {
            stderr.println(e.getMessage());
            stderr.print(USAGE);
            stderr.flush();
            return Main.USAGE_ERROR;
        }

        SluiceServer server;
        try {
            if (user != null) {
                config.user(user, password != null ? password : readPassword("Password for " + user + ": "));
            }
            if (credentials != null) {
                config.users(ServerConfig.readCredentials(credentials));
            }
            if (keyStore != null) {
                if (!Files.isReadable(keyStore)) {
                    throw new IOException("Cannot read key store " + keyStore);
                }
                config.keyStore(keyStore, keyStorePassword);
            }
            server = SluiceServer.open(dataDir, config.build());
        } catch (IOException | IllegalArgumentException | IllegalStateException | SluiceException e) {
            stderr.println("sluice server: " + e.getMessage());
            stderr.flush();
            return 1;
        }
        SluiceServer running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "sluice-server-shutdown"));
        ServerConfig c = server.config();
        stdout.println("Sluice server on " + dataDir.toAbsolutePath() + ", listening on port " + server.port()
                + (c.tls() ? " (HTTPS)" : " (HTTP)") + (c.authenticates() ? ", login required for "
                + String.join(", ", c.credentials().keySet()) : ", no login required") + ".");
        stdout.println("Connect with: sluice --url " + server.url() + (c.authenticates() ? " --user USER" : ""));
        stdout.flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        return 0;
    }

    /**
     * Asks for a password without echoing it: through {@link Console} when the JVM has one, else
     * through a JLine reader that masks what is typed with '*'.
     *
     * @throws IOException if there is no terminal to ask on, or the user gave up (Ctrl-C, Ctrl-D)
     */
    static String readPassword(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                throw new IOException("No password given");
            }
            return new String(typed);
        }
        // Only a real terminal: a dumb one would read the password from piped input (the script).
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).dumb(false).name("sluice").build();
        } catch (IOException | IllegalStateException e) {
            throw new IOException("There is no terminal to ask for the password on: give it with --password");
        }
        try (terminal) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            return reader.readLine(prompt, '*');
        } catch (UserInterruptException | org.jline.reader.EndOfFileException e) {
            throw new IOException("No password given");
        }
    }

    private static String value(String[] args, String inline, int i, String option) {
        if (inline != null) {
            return inline;
        }
        if (i >= args.length) {
            throw new ShellOptions.UsageException("Option " + option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ShellOptions.UsageException("Option " + option + " takes a number, not '" + text + "'");
        }
    }
}
