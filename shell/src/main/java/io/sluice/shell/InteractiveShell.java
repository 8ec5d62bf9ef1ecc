package io.sluice.shell;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;

/**
 * The interactive shell: reads statements with JLine (history in a file, editing, a continuation
 * prompt until the {@code ;}), runs them, and prints tables. Ctrl-C while a statement runs cancels it
 * and returns to the prompt; Ctrl-C at the prompt clears the line; Ctrl-D, {@code quit} or {@code exit}
 * leaves. Errors are printed as their message, never as a stack trace.
 */
final class InteractiveShell {
    static final String PROMPT = "sluice> ";
    static final String CONTINUATION_PROMPT = "     -> ";

    private final Terminal terminal;
    private final Connection connection;
    private final Path historyFile;

    InteractiveShell(Terminal terminal, Connection connection, Path historyFile) {
        this.terminal = terminal;
        this.connection = connection;
        this.historyFile = historyFile;
    }

    /** Runs until the user leaves; returns the exit code (0). */
    int run(String banner) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("sluice")
                .parser(new StatementLineParser())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                // '!' in SQL (e.g. "!=") is not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        PrintWriter out = terminal.writer();
        StatementRunner runner = new StatementRunner(connection, OutputFormat.TABLE, out, out);
        out.println(banner);
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
            if (StatementLineParser.isShellCommand(input)) {
                break;
            }
            for (String sql : StatementSplitter.split(input)) {
                if (!runOne(runner, sql, out)) {
                    break; // the rest of the line depended on the failed statement
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
        // While a statement runs, Ctrl-C cancels it instead of ending the shell.
        SignalHandler previous = terminal.handle(Signal.INT, signal -> runner.cancel());
        try {
            runner.run(sql);
            return true;
        } catch (SQLException e) {
            out.println(e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // A bug below JDBC must not end the session or show a stack trace; say what it was.
            out.println("Internal error: " + e);
            return false;
        } finally {
            terminal.handle(Signal.INT, previous);
            out.flush();
        }
    }
}
