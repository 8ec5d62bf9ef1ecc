package io.sluice.sqltest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parsed {@code .test} file: its records in file order. The format is described in
 * {@code src/test/resources/sql/README.md}; in short, records are separated by blank lines, a line
 * starting with {@code #} between records is a comment, and each record starts with a directive line
 * ({@code statement}, {@code query}, {@code restart}, {@code wait}).
 *
 * <p>Parsing is strict: an unknown directive or a malformed one fails with the file and line, so a
 * typo in a test file never turns into a silently skipped case.
 */
final class SqlScript {
    /** A record of the file; {@code line} is the 1-based line of its directive. */
    sealed interface Record permits Statement, Query, Restart, WaitPipeline {
        int line();
    }

    /** What a {@code statement} record expects. */
    enum Expect { OK, COUNT, ERROR }

    /**
     * {@code statement ok}, {@code statement count N} or {@code statement error STATE POS MESSAGE}.
     *
     * @param errorLine   expected 1-based line of the error, 0 for "no position" ({@code -}); only for ERROR
     * @param errorColumn expected 1-based column, 0 for "no position"
     */
    record Statement(int line, String sql, Expect expect, long count, String sqlState, int errorLine,
                     int errorColumn, String messagePart) implements Record {
    }

    /**
     * {@code query [rowsort] [contains] [names]}, then the SQL, {@code ----} and the expected rows.
     *
     * @param header the expected column names (tab-separated) when {@code names} was given, else null
     */
    record Query(int line, String sql, boolean rowsort, boolean contains, String header, List<String> expected)
            implements Record {
    }

    /** {@code restart}: close Sluice and open it again on the same data directory. */
    record Restart(int line) implements Record {
    }

    /**
     * {@code wait pipeline NAME rows_in|rows_out|late_rows|state_bytes N}: poll SHOW PIPELINES until the
     * counter reaches N; {@code wait pipeline NAME state_bytes_at_most N}: until state_bytes is at most N;
     * or {@code wait pipeline NAME state STATE}: until the pipeline is in that state.
     *
     * @param column {@code rows_in}, {@code rows_out}, {@code late_rows}, {@code state_bytes},
     *               {@code state_bytes_at_most} or {@code state}
     * @param target the least counter value, for a counter; the most state bytes, for state_bytes_at_most
     * @param state  the state (e.g. FAILED), for {@code state}; else null
     */
    record WaitPipeline(int line, String pipeline, String column, long target, String state) implements Record {
    }

    final String name;
    final List<Record> records;

    private SqlScript(String name, List<Record> records) {
        this.name = name;
        this.records = records;
    }

    /**
     * Parses the text of a file.
     *
     * @param name used in error messages (the file name)
     * @throws IllegalArgumentException naming the file and line of a malformed record
     */
    static SqlScript parse(String name, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Record> records = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                i++;
                continue;
            }
            int directiveLine = i + 1;
            String[] words = line.trim().split("\\s+");
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "statement" -> {
                    Statement header = statementHeader(name, directiveLine, line.trim(), words);
                    i++;
                    StringBuilder sql = new StringBuilder();
                    while (i < lines.length && !lines[i].isBlank()) {
                        sql.append(sql.length() == 0 ? "" : "\n").append(lines[i]);
                        i++;
                    }
                    records.add(new Statement(directiveLine, requireSql(name, directiveLine, sql), header.expect(),
                            header.count(), header.sqlState(), header.errorLine(), header.errorColumn(),
                            header.messagePart()));
                }
                case "query" -> {
                    boolean rowsort = false;
                    boolean contains = false;
                    boolean names = false;
                    for (int w = 1; w < words.length; w++) {
                        switch (words[w].toLowerCase(Locale.ROOT)) {
                            case "rowsort" -> rowsort = true;
                            case "contains" -> contains = true;
                            case "names" -> names = true;
                            default -> throw malformed(name, directiveLine, "unknown query option '" + words[w]
                                    + "' (the options are rowsort, contains, names)");
                        }
                    }
                    i++;
                    StringBuilder sql = new StringBuilder();
                    while (i < lines.length && !lines[i].equals("----")) {
                        if (lines[i].isBlank()) {
                            throw malformed(name, directiveLine, "a query needs a '----' line before its expected rows");
                        }
                        sql.append(sql.length() == 0 ? "" : "\n").append(lines[i]);
                        i++;
                    }
                    if (i >= lines.length) {
                        throw malformed(name, directiveLine, "a query needs a '----' line before its expected rows");
                    }
                    i++; // past ----
                    List<String> expected = new ArrayList<>();
                    while (i < lines.length && !lines[i].isEmpty()) {
                        expected.add(stripCr(lines[i]));
                        i++;
                    }
                    String header = null;
                    if (names) {
                        if (expected.isEmpty()) {
                            throw malformed(name, directiveLine, "'names' needs the column names as the first line after '----'");
                        }
                        header = expected.remove(0);
                    }
                    records.add(new Query(directiveLine, requireSql(name, directiveLine, sql), rowsort, contains, header,
                            List.copyOf(expected)));
                }
                case "restart" -> {
                    if (words.length != 1) {
                        throw malformed(name, directiveLine, "'restart' takes nothing after it");
                    }
                    records.add(new Restart(directiveLine));
                    i++;
                }
                case "wait" -> {
                    String column = words.length == 5 ? words[3].toLowerCase(Locale.ROOT) : "";
                    if (words.length != 5 || !words[1].equalsIgnoreCase("pipeline")
                            || !(column.equals("rows_in") || column.equals("rows_out") || column.equals("late_rows")
                            || column.equals("state_bytes") || column.equals("state_bytes_at_most")
                            || column.equals("state"))) {
                        throw malformed(name, directiveLine, "expected 'wait pipeline <name> rows_in|rows_out|late_rows"
                                + "|state_bytes|state_bytes_at_most <N>' or 'wait pipeline <name> state <STATE>'");
                    }
                    records.add(column.equals("state")
                            ? new WaitPipeline(directiveLine, words[2], column, -1, words[4])
                            : new WaitPipeline(directiveLine, words[2], column, number(name, directiveLine, words[4]), null));
                    i++;
                }
                default -> throw malformed(name, directiveLine, "unknown directive '" + words[0]
                        + "' (expected statement, query, restart, wait or a # comment)");
            }
        }
        return new SqlScript(name, List.copyOf(records));
    }

    private static Statement statementHeader(String file, int line, String text, String[] words) {
        if (words.length < 2) {
            throw malformed(file, line, "expected 'statement ok', 'statement count N' or 'statement error ...'");
        }
        switch (words[1].toLowerCase(Locale.ROOT)) {
            case "ok" -> {
                if (words.length != 2) {
                    throw malformed(file, line, "'statement ok' takes nothing after it");
                }
                return new Statement(line, null, Expect.OK, -1, null, 0, 0, null);
            }
            case "count" -> {
                if (words.length != 3) {
                    throw malformed(file, line, "expected 'statement count N'");
                }
                return new Statement(line, null, Expect.COUNT, number(file, line, words[2]), null, 0, 0, null);
            }
            case "error" -> {
                if (words.length < 4) {
                    throw malformed(file, line, "expected 'statement error <SQLSTATE> <line>:<column>|- <message part>'");
                }
                String state = words[2];
                if (!state.matches("[0-9A-Z]{5}")) {
                    throw malformed(file, line, "'" + state + "' is not an SQLSTATE (five digits or capitals)");
                }
                int errLine = 0;
                int errColumn = 0;
                if (!words[3].equals("-")) {
                    String[] lc = words[3].split(":");
                    if (lc.length != 2) {
                        throw malformed(file, line, "position '" + words[3] + "' is neither <line>:<column> nor -");
                    }
                    errLine = (int) number(file, line, lc[0]);
                    errColumn = (int) number(file, line, lc[1]);
                }
                // the message part is the rest of the line after the position, spaces kept
                String rest = text;
                for (int w = 0; w < 4; w++) {
                    rest = rest.substring(rest.indexOf(words[w]) + words[w].length());
                }
                String part = rest.strip();
                if (part.isEmpty()) {
                    throw malformed(file, line, "'statement error' needs a part of the expected message");
                }
                return new Statement(line, null, Expect.ERROR, -1, state, errLine, errColumn, part);
            }
            default -> throw malformed(file, line, "unknown statement expectation '" + words[1]
                    + "' (expected ok, count or error)");
        }
    }

    private static String requireSql(String file, int line, StringBuilder sql) {
        if (sql.length() == 0) {
            throw malformed(file, line, "the directive is not followed by a statement");
        }
        return sql.toString();
    }

    private static long number(String file, int line, String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw malformed(file, line, "'" + s + "' is not a number");
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static IllegalArgumentException malformed(String file, int line, String what) {
        return new IllegalArgumentException(file + ":" + line + ": malformed test file: " + what);
    }
}
