package io.sluice.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs statements non-interactively ({@code -e}, {@code -f}, stdin), in order, and stops at the first
 * that fails: its error goes to stderr (the message first, then the statement's line with a caret
 * under the position, see {@link ErrorCaret}) and the exit code is 1; when every statement succeeds it is 0.
 * When the reader of stdout goes away ({@code sluice -e "SELECT * FROM s;" | head}), the running query
 * is stopped and the script ends with 0, as a pipeline expects.
 */
final class ScriptRunner {
    static final int OK = 0;
    static final int FAILED = 1;

    private final StatementRunner runner;
    private final PrintWriter err;

    ScriptRunner(StatementRunner runner, PrintWriter err) {
        this.runner = runner;
        this.err = err;
    }

    /** Runs every statement of {@code script}; returns the exit code. */
    int runText(String script) {
        return runAll(StatementSplitter.split(script));
    }

    /**
     * Runs statements as they are read, each as soon as its {@code ;} arrives, so a producer can feed
     * the shell over a pipe. Returns the exit code.
     */
    int runReader(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        StringBuilder pending = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            pending.append(line).append('\n');
            if (StatementSplitter.isComplete(pending.toString())) {
                int code = runAll(StatementSplitter.split(pending.toString()));
                pending.setLength(0);
                if (code != OK) {
                    return code;
                }
            }
        }
        return runAll(StatementSplitter.split(pending.toString()));
    }

    private int runAll(List<String> statements) {
        for (String sql : statements) {
            if (runner.outputClosed()) {
                return OK;
            }
            try {
                runner.run(sql);
            } catch (SQLException e) {
                err.println(ErrorCaret.describe(e.getMessage(), sql, 0, TablePrinter.CUT));
                err.flush();
                return FAILED;
            } catch (RuntimeException e) {
                err.println("Internal error: " + e);
                err.flush();
                return FAILED;
            }
        }
        return OK;
    }
}
