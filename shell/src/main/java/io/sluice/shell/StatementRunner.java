package io.sluice.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one statement at a time over JDBC and prints what it produced: rows through the format's
 * {@link RowPrinter} as they arrive, and a status line for everything else (the engine's message for
 * DDL, "N row(s) inserted" for INSERT). Errors are thrown as the driver reports them; the caller prints
 * the message, which already names the position.
 *
 * <p>{@link #run} is called on one thread; {@link #cancel()} may be called from any other (the Ctrl-C
 * handler) and stops the running push query, after which {@code run} returns normally.
 */
final class StatementRunner {
    /**
     * Told about the rows of a result as they are printed, to show progress beside them (the
     * interactive shell's {@link LiveStatus}). Called on the thread running the statement:
     * {@code started} after the header, {@code beforeRow} and {@code afterRow} around each row (always
     * both), {@code finished} once the rows have ended, before the footer.
     */
    interface Progress {
        Progress NONE = new Progress() {
        };

        default void started() {
        }

        default void beforeRow() {
        }

        default void afterRow(long rowsSoFar) {
        }

        default void finished() {
        }
    }

    private final Connection connection;
    private final OutputFormat format;
    private final PrintWriter out;
    private final PrintWriter messages;
    private final Display display;
    private final Progress progress;
    private volatile Statement running;
    private volatile boolean cancelled;
    private boolean outputClosed;

    /**
     * @param out      where rows go
     * @param messages where status lines go (the same as {@code out} for tables; stderr for csv and json scripts)
     */
    StatementRunner(Connection connection, OutputFormat format, PrintWriter out, PrintWriter messages) {
        this(connection, format, out, messages, Display.unlimited(), Progress.NONE);
    }

    /**
     * @param display  how tables are laid out (read at the start of each result)
     * @param progress told about the rows as they are printed
     */
    StatementRunner(Connection connection, OutputFormat format, PrintWriter out, PrintWriter messages, Display display,
                    Progress progress) {
        this.connection = connection;
        this.format = format;
        this.out = out;
        this.messages = messages;
        this.display = display;
        this.progress = progress;
    }

    /**
     * Runs {@code sql} and prints its result.
     *
     * @throws SQLException when the statement fails, before or while its rows arrive
     */
    void run(String sql) throws SQLException {
        cancelled = false;
        try (Statement statement = connection.createStatement()) {
            running = statement;
            if (statement.execute(sql)) {
                printRows(sql, statement);
            } else {
                printStatus(sql, statement);
            }
        } finally {
            running = null;
        }
    }

    /** Stops the statement that {@link #run} is running, if any. Any thread. */
    void cancel() {
        cancelled = true;
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // The statement finished or closed meanwhile: nothing left to stop.
            }
        }
    }

    /** Whether the last {@link #run} was stopped by {@link #cancel()}. */
    boolean wasCancelled() {
        return cancelled;
    }

    /** Whether printing failed because the reader of our output went away (e.g. {@code | head}). */
    boolean outputClosed() {
        return outputClosed;
    }

    /**
     * Whether the statement's rows are finite and all there at once (SHOW, DESCRIBE, EXPLAIN), so a
     * table can measure them before printing; a query's rows arrive over time and are printed as they come.
     */
    static boolean isFinite(String sql) {
        return startsWithWord(sql, "SHOW") || startsWithWord(sql, "DESCRIBE") || startsWithWord(sql, "EXPLAIN");
    }

    private void printMeasured(TablePrinter table, ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(TablePrinter.read(rs, columns));
        }
        table.beginMeasured(rs.getMetaData(), rows);
        for (String[] row : rows) {
            table.values(row);
        }
        table.end(rows.size());
    }

    private void printRows(String sql, Statement statement) throws SQLException {
        try (ResultSet rs = statement.getResultSet()) {
            RowPrinter printer = format.printer(out, display);
            if (printer instanceof TablePrinter table && isFinite(sql)) {
                printMeasured(table, rs);
                return;
            }
            printer.begin(rs.getMetaData());
            long count = 0;
            progress.started();
            try {
                while (rs.next()) {
                    progress.beforeRow();
                    try {
                        printer.row(rs);
                        count++;
                    } finally {
                        progress.afterRow(count);
                    }
                    if (out.checkError()) {
                        // Nobody reads our output any more: stop the push query rather than follow it forever.
                        outputClosed = true;
                        statement.cancel();
                        return;
                    }
                }
            } finally {
                progress.finished();
            }
            printer.end(count);
            if (cancelled) {
                messages.println("Query cancelled.");
                messages.flush();
            }
        }
    }

    private void printStatus(String sql, Statement statement) throws SQLException {
        long count = statement.getLargeUpdateCount();
        StringBuilder text = new StringBuilder();
        for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
            text.append(text.length() == 0 ? "" : "\n").append(w.getMessage());
        }
        if (text.length() == 0) {
            if (startsWithWord(sql, "INSERT")) {
                text.append(count).append(count == 1 ? " row inserted." : " rows inserted.");
            } else if (count > 0) {
                text.append(count).append(count == 1 ? " row affected." : " rows affected.");
            } else {
                text.append("OK.");
            }
        }
        messages.println(text);
        messages.flush();
    }

    /** Whether the statement's first word, after comments, is {@code word}. */
    static boolean startsWithWord(String sql, String word) {
        String s = sql.stripLeading();
        while (s.startsWith("--") || s.startsWith("/*")) {
            int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
            if (end < 0) {
                return false;
            }
            s = s.substring(end + (s.startsWith("--") ? 1 : 2)).stripLeading();
        }
        return s.regionMatches(true, 0, word, 0, word.length())
                && (s.length() == word.length() || !Character.isLetterOrDigit(s.charAt(word.length())));
    }

    @Override
    public String toString() {
        return "StatementRunner[" + format.name().toLowerCase(Locale.ROOT) + "]";
    }
}
