package io.sluice.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code sluice}:
 * {@code sluice [--data DIR | --url URL [--user U [--password P]]] [-e "SQL; SQL;"] [-f script.sql] [--format table|csv|json] [--help] [--version]};
 * {@code sluice server ...} is {@link ServerCommand}.
 * {@code -e} and {@code -f} may be repeated and run in the order given; {@code -f -} reads stdin.
 *
 * @param dataDir the data directory (default {@code ./sluice-data})
 * @param scripts what {@code -e} and {@code -f} named, in order; empty for the interactive shell
 * @param format  how rows are printed (default table)
 * @param help    print usage and exit 0
 * @param version print the version and exit 0
 * @param url      a JDBC URL to connect to instead of the data directory (e.g. a remote server); null if none
 * @param user     the user to log in as (with {@code url}); null if none
 * @param password the password; null to ask for it when {@code user} is given
 */
record ShellOptions(Path dataDir, List<Script> scripts, OutputFormat format, boolean help, boolean version,
        String url, String user, String password) {
    static final Path DEFAULT_DATA_DIR = Path.of("sluice-data");

    static final String USAGE = String.join("\n",
            "Usage: sluice [--data DIR | --url URL [--user USER [--password PASSWORD]]] [-e \"SQL; SQL;\"] [-f script.sql]",
            "              [--format table|csv|json] [--help] [--version]",
            "       sluice server --help",
            "",
            "  --data DIR        data directory (default ./sluice-data)",
            "  --url URL         connect to this JDBC URL instead, e.g. jdbc:sluice:remote:http://host:8765",
            "  --user USER       log in as USER (with --url); asks for the password unless --password gives it",
            "  --password PASS   the password for --user",
            "  -e, --execute SQL run these statements, then exit",
            "  -f, --file FILE   run the statements in FILE ('-' for stdin), then exit",
            "  --format FORMAT   print rows as table (default), csv or json",
            "  --help            print this help",
            "  --version         print the version",
            "",
            "Without -e or -f, sluice is an interactive shell when run in a terminal, and runs the",
            "statements on stdin otherwise. A statement that fails stops a script with exit code 1.",
            "");

    /** One {@code -e} text or {@code -f} file. */
    record Script(String text, Path file) {
        static Script inline(String text) {
            return new Script(text, null);
        }

        static Script file(Path file) {
            return new Script(null, file);
        }

        boolean isStdin() {
            return file != null && file.toString().equals("-");
        }
    }

    /** A command line that does not parse: the shell prints the message and the usage, and exits 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments.
     *
     * @throws UsageException for an unknown option, a missing value, or an unknown format
     */
    static ShellOptions parse(String... args) {
        Path dataDir = DEFAULT_DATA_DIR;
        List<Script> scripts = new ArrayList<>();
        OutputFormat format = OutputFormat.TABLE;
        boolean help = false;
        boolean version = false;
        String url = null;
        String user = null;
        String password = null;
        boolean dataGiven = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--data", "-d" -> {
                    dataDir = Path.of(inlineValue != null ? inlineValue : value(args, ++i, arg));
                    dataGiven = true;
                }
                case "--url" -> url = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--user" -> user = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--password" -> password = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "-e", "--execute" -> scripts.add(Script.inline(inlineValue != null ? inlineValue : value(args, ++i, arg)));
                case "-f", "--file" -> scripts.add(Script.file(Path.of(inlineValue != null ? inlineValue : value(args, ++i, arg))));
                case "--format" -> format = OutputFormat.parse(inlineValue != null ? inlineValue : value(args, ++i, arg));
                case "--help", "-h" -> help = true;
                case "--version", "-V" -> version = true;
                default -> throw new UsageException(arg.startsWith("-") ? "Unknown option: " + arg : "Unexpected argument: " + arg);
            }
        }
        if (url != null && dataGiven) {
            throw new UsageException("Use either --data or --url, not both");
        }
        if ((user != null || password != null) && url == null) {
            throw new UsageException("--user and --password go with --url");
        }
        if (password != null && user == null) {
            throw new UsageException("--password needs --user");
        }
        return new ShellOptions(dataDir, List.copyOf(scripts), format, help, version, url, user, password);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException("Option " + option + " needs a value");
        }
        return args[i];
    }
}
