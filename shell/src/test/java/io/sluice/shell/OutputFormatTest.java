package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private static final FakeJdbc.Answer ROWS = FakeJdbc.Answer.rows(List.of("ID", "NAME", "PRICE", "OK", "SCORE"),
            List.of(Types.INTEGER, Types.VARCHAR, Types.DECIMAL, Types.BOOLEAN, Types.DOUBLE),
            new Object[] {1, "plain", "9.50", "true", "0.5"},
            new Object[] {2, "a, \"quoted\"\nline", null, "false", "NaN"},
            new Object[] {null, "tab\there \\ back", "-1.00", null, "1.0E10"});

    private static String print(OutputFormat format, FakeJdbc.Answer answer) throws SQLException {
        StringWriter text = new StringWriter();
        RowPrinter printer = format.printer(new PrintWriter(text));
        ResultSet rs = FakeJdbc.resultSet(answer);
        printer.begin(rs.getMetaData());
        long n = 0;
        while (rs.next()) {
            printer.row(rs);
            n++;
        }
        printer.end(n);
        return text.toString();
    }

    @Test
    void csvQuotesOnlyWhatRfc4180Requires() throws SQLException {
        assertEquals("""
                ID,NAME,PRICE,OK,SCORE
                1,plain,9.50,true,0.5
                2,"a, ""quoted""
                line",,false,NaN
                ,tab\there \\ back,-1.00,,1.0E10
                """, print(OutputFormat.CSV, ROWS));
    }

    @Test
    void jsonLinesHaveBareNumbersEscapedStringsAndNulls() throws SQLException {
        assertEquals("""
                {"ID":1,"NAME":"plain","PRICE":9.50,"OK":true,"SCORE":0.5}
                {"ID":2,"NAME":"a, \\"quoted\\"\\nline","PRICE":null,"OK":false,"SCORE":"NaN"}
                {"ID":null,"NAME":"tab\\there \\\\ back","PRICE":-1.00,"OK":null,"SCORE":1.0E10}
                """, print(OutputFormat.JSON, ROWS));
        StringBuilder sb = new StringBuilder();
        JsonPrinter.string(sb, "\u0001\u2028");
        assertEquals("\"\\u0001\\u2028\"", sb.toString());
    }

    @Test
    void tablesAlignColumnsByTypeAndCutLongText() throws SQLException {
        FakeJdbc.Answer answer = FakeJdbc.Answer.rows(List.of("ID", "NAME"), List.of(Types.INTEGER, Types.VARCHAR),
                new Object[] {1, "short"}, new Object[] {12345, "x".repeat(40)}, new Object[] {null, null});
        String id = " ".repeat(11);
        String name = " ".repeat(20);
        String border = "+" + "-".repeat(13) + "+" + "-".repeat(22) + "+";
        assertEquals(String.join(System.lineSeparator(),
                border,
                "| ID" + id.substring(2) + " | NAME" + name.substring(4) + " |",
                border,
                "| " + id.substring(1) + "1 | short" + name.substring(5) + " |",
                "| " + id.substring(5) + "12345 | " + "x".repeat(19) + "~ |",
                "| " + id.substring(4) + "NULL | NULL" + name.substring(4) + " |",
                border,
                "3 rows",
                ""), print(OutputFormat.TABLE, answer));
    }

    @Test
    void typeWidthsFitTheWidestValue() {
        assertEquals(11, TablePrinter.typeWidth(Types.INTEGER, 11));
        assertEquals(20, TablePrinter.typeWidth(Types.BIGINT, 20));
        assertEquals(23, TablePrinter.typeWidth(Types.TIMESTAMP, 23));
        assertEquals(TablePrinter.MAX_TEXT_WIDTH, TablePrinter.typeWidth(Types.VARCHAR, Integer.MAX_VALUE));
        assertEquals("abc", TablePrinter.fit("abc", 3));
        assertEquals("ab~", TablePrinter.fit("abcd", 3));
        assertEquals("a b", TablePrinter.fit("a\nb", 3));
    }
}
