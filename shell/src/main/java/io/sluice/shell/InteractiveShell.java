package io.sluice.shell;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;

/**
 * The interactive shell: reads statements with JLine (history in a file with Ctrl-R search, editing,
 * Tab completion of keywords and catalog names, syntax colours, a continuation prompt until the
 * {@code ;}), runs them, and prints tables fitted to the terminal. A push query shows a status line
 * under its rows (see {@link LiveStatus}). Ctrl-C while a statement runs cancels it and returns to the
 * prompt; Ctrl-C at the prompt clears the line; Ctrl-D, {@code quit} or {@code exit} leaves. The
 * shell's own commands ({@link ShellCommands}: {@code help}, {@code \timing}, {@code \x}) are never
 * sent to the server. Errors are printed as their message with a caret under the position, never as
 * a stack trace.
 */
final class InteractiveShell {
    static final String PROMPT = "sluice> ";
    static final String CONTINUATION_PROMPT = "     -> ";
    /** Ends a value cut to fit, where the terminal can show it. */
    static final char ELLIPSIS = '\u2026';

    private final Terminal terminal;
    private final Connection connection;
    private final Path historyFile;
    private final Display display = new Display();
    private final NameCache names;

    InteractiveShell(Terminal terminal, Connection connection, Path historyFile) {
        this.terminal = terminal;
        this.connection = connection;
        this.historyFile = historyFile;
        this.names = new NameCache(connection);
    }

    /** Runs until the user leaves; returns the exit code (0). */
    int run(String banner) {
        display.cut = StandardCharsets.UTF_8.equals(terminal.encoding()) ? ELLIPSIS : TablePrinter.CUT;
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("sluice")
                .parser(new StatementLineParser())
                .completer(new SqlCompleter(names))
                .highlighter(new SqlHighlighter())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                // '!' in SQL (e.g. "!=") is not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                // "ord<Tab>" finds ORDERS, "sel<Tab>" finds SELECT.
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .build();
        PrintWriter out = terminal.writer();
        try (LiveStatus status = new LiveStatus(terminal)) {
            StatementRunner runner = new StatementRunner(connection, OutputFormat.TABLE, out, out, display, status);
            out.println(banner);
            out.println("Type 'help' for the statements and keys.");
            out.flush();
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: drop the line, prompt again
                } catch (EndOfFileException e) {
                    break;
                }
                if (ShellCommands.isCommand(input)) {
                    if (ShellCommands.run(input, display, out) == ShellCommands.Outcome.LEAVE) {
                        break;
                    }
                    continue;
                }
                for (String sql : StatementSplitter.split(input)) {
                    if (!runOne(runner, sql, out)) {
                        break; // the rest of the line depended on the failed statement
                    }
                }
            }
        }
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            out.println("Could not save history to " + historyFile + ": " + e.getMessage());
        }
        out.flush();
        return 0;
    }

    private boolean runOne(StatementRunner runner, String sql, PrintWriter out) {
        display.width = terminal.getWidth(); // the window may have been resized since the last statement
        // While a statement runs, Ctrl-C cancels it instead of ending the shell.
        SignalHandler previous = terminal.handle(Signal.INT, signal -> runner.cancel());
        long start = System.nanoTime();
        try {
            runner.run(sql);
            if (NameCache.changesCatalog(sql)) {
                names.invalidate();
            }
            return true;
        } catch (SQLException e) {
            out.println(ErrorCaret.describe(e.getMessage(), sql, display.width, display.cut));
            return false;
        } catch (RuntimeException e) {
            // A bug below JDBC must not end the session or show a stack trace; say what it was.
            out.println("Internal error: " + e);
            return false;
        } finally {
            terminal.handle(Signal.INT, previous);
            if (display.timing) {
                out.println("Time: " + elapsed(System.nanoTime() - start));
            }
            out.flush();
        }
    }

    /** "12.345 ms" under a second, "1.234 s" under a minute, "2 min 3.456 s" beyond. */
    static String elapsed(long nanos) {
        double ms = nanos / 1e6;
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.3f ms", ms);
        }
        double s = ms / 1000;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        return String.format(Locale.ROOT, "%d min %.3f s", (long) (s / 60), s % 60);
    }
}
