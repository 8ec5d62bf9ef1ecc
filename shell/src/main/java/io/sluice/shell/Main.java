package io.sluice.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code sluice}: the command line entry point. Exit codes: 0 success, 1 a statement failed (or the
 * data directory could not be opened), 2 the command line was wrong.
 */
public final class Main {
    static final int USAGE_ERROR = 2;

    /** The connection {@link #run} has open, for the shutdown hook: Ctrl-C on a script still closes the engine. */
    private static volatile Connection open;

    private Main() {
    }

    public static void main(String[] args) {
        // Before anything can load Chronicle Queue: it must never try to phone home.
        System.setProperty("chronicle.analytics.disable", "true");
        Runtime.getRuntime().addShutdownHook(new Thread(Main::closeOnExit, "sluice-shutdown"));
        int code = run(args, System.in, System.out, System.err, System.console() != null);
        System.exit(code);
    }

    /**
     * Runs the shell as the command line asks and returns the exit code.
     *
     * @param interactive whether stdin and stdout are a terminal: then, without -e or -f, the
     *                    interactive shell runs; otherwise statements are read from {@code in}
     */
    static int run(String[] args, InputStream in, PrintStream stdout, PrintStream stderr, boolean interactive) {
        if (args.length > 0 && args[0].equals("server")) {
            return ServerCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), stdout, stderr);
        }
        PrintWriter out = new PrintWriter(stdout);
        PrintWriter err = new PrintWriter(stderr, true);
        ShellOptions options;
        try {
            options = ShellOptions.parse(args);
        } catch (ShellOptions.UsageException e) {
            err.println(e.getMessage());
            err.print(ShellOptions.USAGE);
            err.flush();
            return USAGE_ERROR;
        }
        if (options.help()) {
            out.print(ShellOptions.USAGE);
            out.flush();
            return 0;
        }
        if (options.version()) {
            out.println("sluice " + version());
            out.flush();
            return 0;
        }
        try (Connection connection = connect(options)) {
            open = connection;
            if (options.scripts().isEmpty() && interactive) {
                return interactive(connection);
            }
            return script(options, connection, in, out, err);
        } catch (SQLException e) {
            err.println(e.getMessage());
            return ScriptRunner.FAILED;
        } catch (IOException | UncheckedIOException e) {
            err.println(e.getMessage());
            return ScriptRunner.FAILED;
        } finally {
            open = null;
            out.flush();
            err.flush();
        }
    }

    /** The embedded engine on the data directory, or what --url names (asking for the password if needed). */
    private static Connection connect(ShellOptions options) throws SQLException, IOException {
        if (options.url() == null) {
            return DriverManager.getConnection("jdbc:sluice:" + options.dataDir());
        }
        Properties login = new Properties();
        if (options.user() != null) {
            login.setProperty("user", options.user());
            login.setProperty("password", options.password() != null ? options.password()
                    : ServerCommand.readPassword("Password for " + options.user() + ": "));
        }
        return DriverManager.getConnection(options.url(), login);
    }

    /**
     * Runs when the JVM is stopping (a signal ends a script): closes the connection, which stops the
     * running query and closes the engine, so the data directory is released in order.
     */
    private static void closeOnExit() {
        Connection c = open;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                System.err.println(e.getMessage());
            }
        }
    }

    private static int script(ShellOptions options, Connection connection, InputStream in, PrintWriter out, PrintWriter err)
            throws IOException {
        PrintWriter messages = options.format().mixesMessages() ? out : err;
        ScriptRunner scripts = new ScriptRunner(new StatementRunner(connection, options.format(), out, messages), err);
        if (options.scripts().isEmpty()) {
            return scripts.runReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (ShellOptions.Script script : options.scripts()) {
            int code;
            if (script.text() != null) {
                code = scripts.runText(script.text());
            } else if (script.isStdin()) {
                code = scripts.runReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            } else {
                Path file = script.file();
                if (!Files.isReadable(file)) {
                    err.println("Cannot read script file " + file);
                    return ScriptRunner.FAILED;
                }
                code = scripts.runText(Files.readString(file, StandardCharsets.UTF_8));
            }
            if (code != ScriptRunner.OK) {
                return code;
            }
        }
        return ScriptRunner.OK;
    }

    private static int interactive(Connection connection) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("sluice").build()) {
            return new InteractiveShell(terminal, connection, historyFile()).run(banner());
        }
    }

    /** SLUICE_HISTORY if set, else ~/.sluice_history. */
    static Path historyFile() {
        String env = System.getenv("SLUICE_HISTORY");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".sluice_history");
    }

    static String banner() {
        return "Sluice " + version() + ". End statements with ';'. Ctrl-C stops a query; 'quit' or Ctrl-D leaves.";
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
