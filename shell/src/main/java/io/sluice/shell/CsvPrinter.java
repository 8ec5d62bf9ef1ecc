package io.sluice.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * CSV as RFC 4180 describes it: a header line of column labels, then one line per row; a field that
 * holds a comma, a double quote, or a line break is quoted, with its quotes doubled. NULL is an empty
 * field. Lines end with {@code \n}, which every CSV reader accepts and Unix tools expect.
 */
final class CsvPrinter implements RowPrinter {
    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private int columns;

    CsvPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(ResultSetMetaData md) throws SQLException {
        columns = md.getColumnCount();
        line.setLength(0);
        for (int i = 1; i <= columns; i++) {
            field(i > 1, md.getColumnLabel(i));
        }
        emit();
    }

    @Override
    public void row(ResultSet rs) throws SQLException {
        line.setLength(0);
        for (int i = 1; i <= columns; i++) {
            String v = rs.getString(i);
            field(i > 1, rs.wasNull() ? "" : v);
        }
        emit();
    }

    @Override
    public void end(long count) {
        out.flush();
    }

    private void field(boolean separator, String value) {
        if (separator) {
            line.append(',');
        }
        line.append(quote(value));
    }

    private void emit() {
        out.print(line);
        out.print('\n');
        out.flush();
    }

    /** The field as RFC 4180 wants it: quoted (quotes doubled) when it holds {@code , " \r \n}. */
    static String quote(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
