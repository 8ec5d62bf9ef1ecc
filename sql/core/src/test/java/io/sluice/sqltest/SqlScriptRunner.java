package io.sluice.sqltest;

import io.sluice.ColumnInfo;
import io.sluice.Result;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.SluiceException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one {@link SqlScript} against a Sluice on a data directory the caller owns (and deletes).
 * Called from the test thread only; every record is run in order, and the mismatches end in one
 * {@link AssertionFailedError} whose message names, for each, the file, the record's line, the
 * statement, and what was expected against what happened. Whatever the outcome, {@link #run} closes every Rows it
 * opened and the Sluice itself.
 *
 * <p>How values are written (the same rules the README gives test authors): NULL for null, an empty
 * string as {@code (empty)}, a DECIMAL as {@link BigDecimal#toPlainString()} (so with its scale),
 * a line break or tab inside a value as {@code \n} or {@code \t}, everything else as
 * {@link Row#getString(int)} gives it: booleans {@code true}/{@code false},
 * doubles as {@link Double#toString(double)}, timestamps as ISO local date-time with a space for the
 * {@code T} (seconds and milliseconds are left out when they are zero, e.g. {@code 2026-01-01 10:00}).
 */
final class SqlScriptRunner {
    /** How long a push query may take to deliver each expected row. */
    private static final long ROW_TIMEOUT_MILLIS = 10_000;
    /** How long a push query must stay quiet after the expected rows to count as "no further row". */
    private static final long QUIET_MILLIS = 300;
    /** How long {@code wait pipeline} polls before failing. */
    private static final long WAIT_TIMEOUT_MILLIS = 20_000;
    /** How long {@code statement error} waits for a push query to fail while running. */
    private static final long RUNTIME_ERROR_TIMEOUT_MILLIS = 5_000;

    private final SqlScript script;
    private final Path dataDir;
    private Sluice sluice;

    SqlScriptRunner(SqlScript script, Path dataDir) {
        this.script = script;
        this.dataDir = dataDir;
    }

    private Sluice open() {
        return Sluice.open(SluiceConfig.builder(dataDir).workers(2).checkpointIntervalMillis(50).build());
    }

    /**
     * Runs every record in order. A mismatch does not stop the file (as in sqllogictest): later
     * records still run, and at the end one {@link AssertionFailedError} lists every mismatch. Anything
     * else (a malformed expectation, an unexpected exception, a failed restart) stops at once.
     */
    void run() throws InterruptedException {
        List<AssertionFailedError> failures = new ArrayList<>();
        sluice = open();
        try {
            for (SqlScript.Record r : script.records) {
                try {
                    if (r instanceof SqlScript.Statement s) {
                        runStatement(s);
                    } else if (r instanceof SqlScript.Query q) {
                        runQuery(q);
                    } else if (r instanceof SqlScript.Restart) {
                        sluice.close();
                        sluice = null;
                        sluice = open();
                    } else if (r instanceof SqlScript.WaitPipeline w) {
                        waitPipeline(w);
                    }
                } catch (AssertionFailedError e) {
                    failures.add(e);
                }
            }
        } finally {
            if (sluice != null) {
                sluice.close();
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            throw new AssertionFailedError(failures.size() + " mismatches in " + script.name + ":\n\n"
                    + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("\n\n")));
        }
    }

    // ---- statement

    private void runStatement(SqlScript.Statement s) throws InterruptedException {
        Result result;
        try {
            result = sluice.execute(s.sql());
        } catch (SluiceException e) {
            if (s.expect() != SqlScript.Expect.ERROR) {
                throw fail(s.line(), s.sql(), "success", "error " + describe(e));
            }
            checkError(s, e);
            return;
        }
        switch (s.expect()) {
            case OK -> {
                if (result.kind() == Result.Kind.ROWS) {
                    result.rows().close();
                }
            }
            case COUNT -> {
                if (result.kind() != Result.Kind.UPDATE || result.updateCount() != s.count()) {
                    throw fail(s.line(), s.sql(), s.count() + " rows written", result.toString()
                            + (result.kind() == Result.Kind.UPDATE ? " (" + result.updateCount() + " rows)" : ""));
                }
            }
            case ERROR -> {
                // A push query may be planned fine and fail while it runs (e.g. division by zero).
                if (result.kind() == Result.Kind.ROWS) {
                    try (Rows rows = result.rows()) {
                        SluiceException e = drainForError(rows);
                        if (e != null) {
                            checkError(s, e);
                            return;
                        }
                    }
                }
                throw fail(s.line(), s.sql(), "error " + s.sqlState() + " at " + position(s.errorLine(), s.errorColumn())
                        + " containing '" + s.messagePart() + "'", "success: " + result);
            }
        }
    }

    /** Reads rows until the query fails (the failure), ends, or stays quiet too long (null). */
    private static SluiceException drainForError(Rows rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUNTIME_ERROR_TIMEOUT_MILLIS);
        try {
            while (System.nanoTime() - deadline < 0) {
                Row r = rows.poll(100, TimeUnit.MILLISECONDS);
                if (r == null && rows.isDone()) {
                    return null;
                }
            }
            return null;
        } catch (SluiceException e) {
            return e;
        }
    }

    private void checkError(SqlScript.Statement s, SluiceException e) {
        boolean ok = s.sqlState().equals(e.sqlState()) && s.errorLine() == e.line() && s.errorColumn() == e.column()
                && e.getMessage() != null && e.getMessage().contains(s.messagePart());
        if (!ok) {
            throw fail(s.line(), s.sql(), "error " + s.sqlState() + " at " + position(s.errorLine(), s.errorColumn())
                    + " containing '" + s.messagePart() + "'", "error " + describe(e));
        }
    }

    private static String describe(SluiceException e) {
        return e.sqlState() + " at " + position(e.line(), e.column()) + ": " + e.getMessage();
    }

    private static String position(int line, int column) {
        return line == 0 && column == 0 ? "-" : line + ":" + column;
    }

    // ---- query

    /**
     * Runs a query record. A finite result (a pull query over a table, SHOW, EXPLAIN) that does not
     * match is asked again until it does or {@link #ROW_TIMEOUT_MILLIS} pass: a pipeline's rows reach
     * its table when the pipeline's checkpoint commits them, which on a loaded machine can come after
     * the {@code wait pipeline ... rows_out} that preceded the query. A result that stays wrong fails.
     */
    private void runQuery(SqlScript.Query q) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROW_TIMEOUT_MILLIS);
        while (true) {
            try {
                runQueryOnce(q);
                return;
            } catch (RetryableMismatch e) {
                if (System.nanoTime() > deadline) {
                    throw e.failure;
                }
                Thread.sleep(50);
            }
        }
    }

    /** A finite result that did not match (see {@link #runQuery}). */
    private static final class RetryableMismatch extends Exception {
        final AssertionError failure;

        RetryableMismatch(AssertionError failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private void runQueryOnce(SqlScript.Query q) throws InterruptedException, RetryableMismatch {
        Result result;
        try {
            result = sluice.execute(q.sql());
        } catch (SluiceException e) {
            throw fail(q.line(), q.sql(), "rows", "error " + describe(e));
        }
        if (result.kind() != Result.Kind.ROWS) {
            throw fail(q.line(), q.sql(), "rows", result.toString());
        }
        List<String> actual;
        boolean continuous;
        try (Rows rows = result.rows()) {
            if (q.header() != null) {
                String names = rows.columns().stream().map(ColumnInfo::name).collect(Collectors.joining("\t"));
                if (!names.equals(q.header())) {
                    throw fail(q.line(), q.sql(), "columns: " + q.header(), "columns: " + names);
                }
            }
            continuous = rows.isContinuous();
            actual = continuous && !q.contains() ? takePush(q, rows) : takeAll(q, rows);
        } catch (SluiceException e) {
            throw fail(q.line(), q.sql(), "rows", "the query failed while running: " + describe(e));
        }
        List<String> expected = q.expected();
        if (q.rowsort()) {
            actual = sorted(actual);
            expected = sorted(expected);
        }
        boolean ok = q.contains() ? containsAll(actual, expected, !q.rowsort()) : actual.equals(expected);
        if (!ok) {
            AssertionError failure = fail(q.line(), q.sql(), (q.contains() ? "lines containing, "
                    + (q.rowsort() ? "in any order" : "in order") + ":\n" : "") + block(expected), block(actual));
            if (continuous) {
                throw failure;
            }
            throw new RetryableMismatch(failure);
        }
    }

    /**
     * A push query: take as many rows as expected (waiting for each), then check that no further row
     * arrives within the quiet period (a LIMIT query ends, and then none can).
     */
    private List<String> takePush(SqlScript.Query q, Rows rows) throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (out.size() < q.expected().size()) {
            Row r = rows.poll(ROW_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (r == null) {
                String why = rows.isDone() ? "the query ended after " + out.size() + " rows"
                        : "only " + out.size() + " rows arrived within " + ROW_TIMEOUT_MILLIS + " ms";
                throw fail(q.line(), q.sql(), block(q.expected()), why + ":\n" + block(out));
            }
            out.add(render(r));
        }
        List<String> extra = new ArrayList<>();
        Row r;
        while ((r = rows.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
            extra.add(render(r));
        }
        if (!extra.isEmpty()) {
            throw fail(q.line(), q.sql(), block(q.expected()), block(out) + "\nand then more rows:\n" + block(extra));
        }
        return out;
    }

    /** Finite rows (SHOW, DESCRIBE, EXPLAIN), or a push query checked with {@code contains}: read to the end. */
    private List<String> takeAll(SqlScript.Query q, Rows rows) throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (true) {
            Row r = rows.poll(ROW_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (r == null) {
                if (rows.isDone()) {
                    return out;
                }
                throw fail(q.line(), q.sql(), "rows that end (a push query read to its end needs a LIMIT)",
                        "no end within " + ROW_TIMEOUT_MILLIS + " ms after:\n" + block(out));
            }
            out.add(render(r));
        }
    }

    static String render(Row r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            if (i > 0) {
                sb.append('\t');
            }
            Object v = r.get(i);
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof BigDecimal d) {
                sb.append(d.toPlainString());
            } else {
                String s = r.getString(i);
                // one row is one line: a line break or tab inside a value is written as \n or \t
                sb.append(s.isEmpty() ? "(empty)" : s.replace("\n", "\\n").replace("\t", "\\t"));
            }
        }
        return sb.toString();
    }

    /** Each expected line is a substring of some actual line; in order, when {@code ordered}. */
    private static boolean containsAll(List<String> actual, List<String> expected, boolean ordered) {
        int from = 0;
        for (String e : expected) {
            int found = -1;
            for (int i = ordered ? from : 0; i < actual.size(); i++) {
                if (actual.get(i).contains(e)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            from = found;
        }
        return true;
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }

    private static String block(List<String> lines) {
        return lines.isEmpty() ? "  (no rows)" : lines.stream().map(l -> "  " + l).collect(Collectors.joining("\n"));
    }

    // ---- wait

    private void waitPipeline(SqlScript.WaitPipeline w) throws InterruptedException {
        boolean byState = w.state() != null;
        boolean atMost = w.column().equals("state_bytes_at_most");
        String goal = byState ? "state " + w.state()
                : atMost ? "state_bytes <= " + w.target() : w.column() + " >= " + w.target();
        String what = "wait pipeline " + w.pipeline() + " " + w.column() + " " + (byState ? w.state() : w.target());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_TIMEOUT_MILLIS);
        String last = "pipeline not in SHOW PIPELINES";
        while (true) {
            try (Rows rows = sluice.execute("SHOW PIPELINES").rows()) {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    if (r.getString("pipeline_name").equalsIgnoreCase(w.pipeline())) {
                        last = render(r);
                        String state = r.getString("state");
                        if (byState ? state.equalsIgnoreCase(w.state())
                                : atMost ? r.getLong("state_bytes") <= w.target() : r.getLong(w.column()) >= w.target()) {
                            return;
                        }
                        if (!byState && "FAILED".equals(state)) {
                            throw fail(w.line(), what, goal, "the pipeline failed: " + last);
                        }
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw fail(w.line(), what, goal + " within " + WAIT_TIMEOUT_MILLIS + " ms", "SHOW PIPELINES row: " + last);
            }
            Thread.sleep(20); // polling a condition with a deadline, not sleeping as synchronisation
        }
    }

    private AssertionFailedError fail(int line, String sql, String expected, String actual) {
        return new AssertionFailedError(script.name + ":" + line + ":\n" + sql.lines().map(l -> "    " + l)
                .collect(Collectors.joining("\n")) + "\nexpected:\n" + indent(expected) + "\nactual:\n" + indent(actual));
    }

    private static String indent(String s) {
        return s.startsWith("  ") ? s : "  " + s;
    }
}
