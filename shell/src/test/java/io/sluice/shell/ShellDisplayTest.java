package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/** What the interactive shell shows besides rows: carets under errors, tables fitted to the terminal, colours, the status text. */
class ShellDisplayTest {
    @Test
    void theCaretIsUnderTheColumnOfTheLineTheMessageNames() {
        assertEquals("At line 1, column 15: Stream 'nope' not found\n"
                        + "  SELECT * FROM nope\n"
                        + "                ^",
                ErrorCaret.describe("At line 1, column 15: Stream 'nope' not found", "SELECT * FROM nope", 80, '~'));
        assertEquals("At line 2, column 7: Column 'x' not found\n"
                        + "  WHERE x > 1\n"
                        + "        ^",
                ErrorCaret.describe("At line 2, column 7: Column 'x' not found", "SELECT *\nWHERE\tx > 1", 80, '~'),
                "a tab counts as one column, as the engine counts");
        assertEquals("No position here", ErrorCaret.describe("No position here", "SELECT 1", 80, '~'));
        assertEquals("At line 9, column 1: far", ErrorCaret.describe("At line 9, column 1: far", "SELECT 1", 80, '~'));
    }

    @Test
    void aLineWiderThanTheTerminalIsShownAroundTheCaret() {
        String sql = "SELECT " + "a, ".repeat(40) + "nope FROM s";
        int column = sql.indexOf("nope") + 1;
        String shown = ErrorCaret.describe("At line 1, column " + column + ": Column 'nope' not found", sql, 40, '~');
        String[] lines = shown.split("\n");
        assertEquals(3, lines.length, shown);
        assertTrue(lines[1].length() <= 40, shown);
        assertTrue(lines[1].startsWith("  ~"), shown);
        assertEquals("nope", lines[1].substring(lines[2].indexOf('^'), lines[2].indexOf('^') + 4), shown);
    }

    private static String table(Display display, FakeJdbc.Answer answer) throws SQLException {
        StringWriter text = new StringWriter();
        RowPrinter printer = OutputFormat.TABLE.printer(new PrintWriter(text), display);
        ResultSet rs = FakeJdbc.resultSet(answer);
        printer.begin(rs.getMetaData());
        long n = 0;
        while (rs.next()) {
            printer.row(rs);
            n++;
        }
        printer.end(n);
        return text.toString().replace("\r", "");
    }

    private static Display display(int width, Display.Expanded expanded) {
        Display d = new Display();
        d.width = width;
        d.expanded = expanded;
        d.cut = InteractiveShell.ELLIPSIS;
        return d;
    }

    private static final FakeJdbc.Answer WIDE = FakeJdbc.Answer.rows(List.of("ID", "NOTE", "MORE"),
            List.of(Types.INTEGER, Types.VARCHAR, Types.VARCHAR), new Object[] {1, "n".repeat(40), "short"});

    @Test
    void aTableWiderThanTheTerminalHasItsWidestColumnsCut() throws SQLException {
        String out = table(display(50, Display.Expanded.AUTO), WIDE);
        for (String line : out.split("\n")) {
            assertTrue(line.length() <= 50, "wider than the terminal: " + line);
        }
        assertTrue(out.contains("| " + "n".repeat(10)), out);
        assertTrue(out.contains("n\u2026 |"), "a cut value ends with an ellipsis:\n" + out);
        assertTrue(out.contains("| short"), out);
    }

    @Test
    void aRowThatCannotFitIsABlockOfLinesAndBackslashXForcesIt() throws SQLException {
        FakeJdbc.Answer many = FakeJdbc.Answer.rows(List.of("A", "B", "C", "D", "E", "F"),
                List.of(Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR),
                new Object[] {1, 2, 3, 4, 5, "x".repeat(100)}, new Object[] {6, 7, 8, 9, 10, null});
        String out = table(display(40, Display.Expanded.AUTO), many);
        assertTrue(out.startsWith("-[ RECORD 1 ]---"), out);
        assertTrue(out.contains("\nA | 1\nB | 2\n"), out);
        assertTrue(out.contains("\nF | " + "x".repeat(35 - 1) + "\u2026\n"), "cut to the terminal:\n" + out);
        assertTrue(out.contains("-[ RECORD 2 ]---"), out);
        assertTrue(out.contains("\nF | NULL\n"), out);
        assertTrue(out.endsWith("2 rows\n"), out);

        String forced = table(display(200, Display.Expanded.ON), WIDE);
        assertTrue(forced.startsWith("-[ RECORD 1 ]"), forced);
        assertTrue(forced.contains("NOTE | " + "n".repeat(40) + "\n"), "room enough: not cut\n" + forced);

        String never = table(display(40, Display.Expanded.OFF), many);
        assertTrue(never.startsWith("+--"), "\\x off keeps one line per row:\n" + never);
        assertFalse(never.contains("RECORD"), never);
    }

    @Test
    void showDescribeAndExplainAreMeasuredSoNothingIsCutThatFits() throws SQLException {
        String plan = "StreamCalc(select=[window_end, url, views], where=[>(views, 10)])";
        java.sql.Connection connection = FakeJdbc.connection(sql -> FakeJdbc.Answer.rows(List.of("plan"),
                List.of(Types.VARCHAR), new Object[] {plan}, new Object[] {"  StreamTableScan(stream=[clicks])"}));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        new StatementRunner(connection, OutputFormat.TABLE, out, out, display(0, Display.Expanded.AUTO), StatementRunner.Progress.NONE)
                .run("EXPLAIN SELECT 1");
        assertTrue(text.toString().contains("| " + plan + " |"), "as wide as its widest value:\n" + text);
        assertTrue(text.toString().contains("|   StreamTableScan(stream=[clicks])" + " ".repeat(plan.length() - 34) + " |"), text.toString());

        StringWriter narrow = new StringWriter();
        PrintWriter narrowOut = new PrintWriter(narrow);
        new StatementRunner(connection, OutputFormat.TABLE, narrowOut, narrowOut, display(40, Display.Expanded.AUTO),
                StatementRunner.Progress.NONE).run("EXPLAIN SELECT 1");
        assertTrue(narrow.toString().contains("| " + plan.substring(0, 35) + "\u2026 |"), "cut to the terminal:\n" + narrow);

        StringWriter query = new StringWriter();
        PrintWriter queryOut = new PrintWriter(query);
        new StatementRunner(connection, OutputFormat.TABLE, queryOut, queryOut, display(0, Display.Expanded.AUTO),
                StatementRunner.Progress.NONE).run("SELECT plan FROM plans");
        assertTrue(query.toString().contains("| " + plan.substring(0, 19) + "\u2026 |"),
                "a query's rows are printed as they come, in columns sized by type:\n" + query);
    }

    @Test
    void keywordsStringsNumbersAndCommentsAreStyled() {
        AttributedString s = SqlHighlighter.highlight("SELECT name, 42 FROM t WHERE x = 'it''s' -- why");
        assertEquals("SELECT name, 42 FROM t WHERE x = 'it''s' -- why", s.toString(), "the text is unchanged");
        assertEquals(SqlHighlighter.KEYWORD, s.styleAt(0));
        assertEquals(SqlHighlighter.KEYWORD, s.styleAt(16));
        assertEquals(org.jline.utils.AttributedStyle.DEFAULT, s.styleAt(7), "a name is not a keyword");
        assertEquals(SqlHighlighter.NUMBER, s.styleAt(13));
        assertEquals(SqlHighlighter.STRING, s.styleAt(33));
        assertEquals(SqlHighlighter.STRING, s.styleAt(39));
        assertEquals(SqlHighlighter.COMMENT, s.styleAt(45));
        assertEquals(SqlHighlighter.COMMAND, SqlHighlighter.highlight("\\timing").styleAt(0));
    }

    @Test
    void theStatusSaysRowsRateAndTime() {
        assertEquals("1 row | 0 rows/s | 0:00 running | Ctrl-C stops", LiveStatus.format(1, 0, 0));
        assertEquals("12,345 rows | 1,024 rows/s | 1:05 running | Ctrl-C stops",
                LiveStatus.format(12_345, 1_024, TimeUnit.SECONDS.toNanos(65)));
        assertEquals("0 rows | 0 rows/s | 1:01:01 running | Ctrl-C stops", LiveStatus.format(0, 0, TimeUnit.SECONDS.toNanos(3661)));
        assertEquals("12.346 ms", InteractiveShell.elapsed(12_345_678));
        assertEquals("2.500 s", InteractiveShell.elapsed(2_500_000_000L));
    }
}
