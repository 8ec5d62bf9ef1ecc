package io.sluice.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * An aligned table that grows as rows arrive:
 *
 * <pre>
 * +----+-------+
 * | ID | NAME  |
 * +----+-------+
 * |  1 | alpha |
 * +----+-------+
 * 1 row
 * </pre>
 *
 * A push query has no last row to measure, so each column's width is fixed up front from its header
 * and its type (an INT needs 11 characters, a TIMESTAMP 23); text longer than its column is cut and
 * ends with {@value #CUT}. Numbers are right-aligned, NULL is printed as {@code NULL}.
 */
final class TablePrinter implements RowPrinter {
    /** Ends a value that was cut to fit its column. */
    static final char CUT = '~';
    /** Widest column given to text without a declared length. */
    static final int MAX_TEXT_WIDTH = 30;

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private int[] widths = new int[0];
    private boolean[] rightAligned = new boolean[0];
    private String border = "";

    TablePrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        widths = new int[n];
        rightAligned = new boolean[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1);
            int type = md.getColumnType(i + 1);
            rightAligned[i] = isNumeric(type);
            widths[i] = Math.max(Math.max(labels[i].length(), 4), typeWidth(type, md.getColumnDisplaySize(i + 1)));
        }
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        border = b.toString();
        out.println(border);
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < n; i++) {
            cell(labels[i], i, false);
        }
        out.println(line);
        out.println(border);
        out.flush();
    }

    @Override
    public void row(ResultSet rs) throws SQLException {
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < widths.length; i++) {
            String v = rs.getString(i + 1);
            cell(rs.wasNull() ? "NULL" : v, i, rightAligned[i]);
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void end(long count) {
        out.println(border);
        out.println(count == 1 ? "1 row" : count + " rows");
        out.flush();
    }

    private void cell(String value, int column, boolean right) {
        int w = widths[column];
        String v = fit(value, w);
        line.append(' ');
        if (right) {
            line.append(" ".repeat(w - v.length())).append(v);
        } else {
            line.append(v).append(" ".repeat(w - v.length()));
        }
        line.append(" |");
    }

    /** The value cut to {@code width} characters, ending with {@link #CUT} if it was longer; line breaks shown as spaces. */
    static String fit(String value, int width) {
        String v = value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 ? value.replace('\n', ' ').replace('\r', ' ') : value;
        return v.length() <= width ? v : v.substring(0, width - 1) + CUT;
    }

    /** Characters a column of this JDBC type gets, before the header is considered. */
    static int typeWidth(int type, int displaySize) {
        return switch (type) {
            case Types.BOOLEAN, Types.BIT -> 5;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> 11;
            case Types.BIGINT -> 20;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> 22;
            case Types.DECIMAL, Types.NUMERIC -> Math.min(Math.max(displaySize, 4), 40);
            case Types.TIMESTAMP -> 23;
            default -> displaySize > 0 ? Math.min(displaySize, MAX_TEXT_WIDTH) : MAX_TEXT_WIDTH;
        };
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DOUBLE, Types.FLOAT, Types.REAL,
                    Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }
}
