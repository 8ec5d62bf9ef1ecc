package io.sluice.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

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
 * ends with {@value #CUT} (or the {@link Display}'s mark, an ellipsis on a terminal). Numbers are
 * right-aligned, NULL is printed as {@code NULL}.
 *
 * <p>A finite result (SHOW, DESCRIBE, EXPLAIN) is measured before it is printed instead
 * ({@link #beginMeasured}): its columns are as wide as their values.
 *
 * <p>On a terminal ({@link Display#width} set) the widest columns are narrowed until the table fits;
 * if it cannot fit with readable columns, or under {@code \x on}, each row is printed as a block with a
 * line per column instead.
 */
final class TablePrinter implements RowPrinter {
    /** Ends a value that was cut to fit its column. */
    static final char CUT = '~';
    /** Widest column given to text without a declared length. */
    static final int MAX_TEXT_WIDTH = 30;

    /** Narrowest a column is cut to when the table must fit the terminal (less if its values are narrower). */
    static final int MIN_CUT_WIDTH = 8;

    private final PrintWriter out;
    private final Display display;
    private final StringBuilder line = new StringBuilder();
    private int[] widths = new int[0];
    private boolean[] rightAligned = new boolean[0];
    private String[] labels = new String[0];
    private String border = "";
    /** One block per row, a line per column: {@code \x on}, or a row too wide for the terminal under {@code \x auto}. */
    private boolean vertical;
    private long rowNumber;

    TablePrinter(PrintWriter out) {
        this(out, Display.unlimited());
    }

    /** A table laid out for {@code display}: its width, its expanded mode, its cut mark. */
    TablePrinter(PrintWriter out, Display display) {
        this.out = out;
        this.display = display;
    }

    @Override
    public void begin(ResultSetMetaData md) throws SQLException {
        columns(md);
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], typeWidth(md.getColumnType(i + 1), md.getColumnDisplaySize(i + 1)));
        }
        layout();
    }

    /**
     * Begins a finite result whose rows are all known (SHOW, DESCRIBE, EXPLAIN): each column is as wide
     * as its widest value, so nothing is cut unless the terminal is too narrow. Then {@link #values}
     * for each row and {@link #end}.
     */
    void beginMeasured(ResultSetMetaData md, List<String[]> rows) throws SQLException {
        columns(md);
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], oneLine(row[i]).length());
            }
        }
        layout();
    }

    /** Labels, alignment, and the narrowest widths (the header's): the part of {@code begin} that needs no rows. */
    private void columns(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        widths = new int[n];
        rightAligned = new boolean[n];
        labels = new String[n];
        rowNumber = 0;
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1);
            rightAligned[i] = isNumeric(md.getColumnType(i + 1));
            widths[i] = Math.max(labels[i].length(), 4);
        }
    }

    /** Fits the widths to the terminal, or chooses the vertical layout, and prints the header. */
    private void layout() {
        vertical = display.expanded == Display.Expanded.ON
                || !fitToWidth(widths, display.width) && display.expanded == Display.Expanded.AUTO;
        if (vertical) {
            out.flush();
            return;
        }
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        border = b.toString();
        out.println(border);
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < labels.length; i++) {
            cell(labels[i], i, false);
        }
        out.println(line);
        out.println(border);
        out.flush();
    }

    /** The values of the row {@code rs} is on, as text, {@code NULL} for NULL. */
    static String[] read(ResultSet rs, int columns) throws SQLException {
        String[] values = new String[columns];
        for (int i = 0; i < columns; i++) {
            String v = rs.getString(i + 1);
            values[i] = rs.wasNull() || v == null ? "NULL" : v;
        }
        return values;
    }

    /**
     * Narrows the widest column, one character at a time, until the table fits {@code width} terminal columns (0: no limit), none
     * below {@link #MIN_CUT_WIDTH}. Returns whether it fits.
     */
    static boolean fitToWidth(int[] widths, int width) {
        if (width <= 0) {
            return true;
        }
        while (tableWidth(widths) > width) {
            int widest = 0;
            for (int i = 1; i < widths.length; i++) {
                if (widths[i] > widths[widest]) {
                    widest = i;
                }
            }
            if (widths[widest] <= MIN_CUT_WIDTH) {
                return false;
            }
            widths[widest]--; // one at a time, so the wide columns end up sharing the room evenly
        }
        return true;
    }

    /** Characters of one table line: "| a | b |". */
    static int tableWidth(int[] widths) {
        int total = 1;
        for (int w : widths) {
            total += w + 3;
        }
        return total;
    }

    @Override
    public void row(ResultSet rs) throws SQLException {
        values(read(rs, widths.length));
    }

    /** Prints one row of values (from {@link #read}). */
    void values(String[] values) {
        if (vertical) {
            verticalRow(values);
            return;
        }
        line.setLength(0);
        line.append('|');
        for (int i = 0; i < widths.length; i++) {
            cell(values[i], i, rightAligned[i]);
        }
        out.println(line);
        out.flush();
    }

    /**
     * A row as a block, a line per column, values cut to the terminal:
     * <pre>
     * -[ RECORD 1 ]----------
     * ID   | 1
     * NAME | alpha
     * </pre>
     */
    private void verticalRow(String[] values) {
        int labelWidth = 0;
        for (String l : labels) {
            labelWidth = Math.max(labelWidth, l.length());
        }
        rowNumber++;
        String title = "-[ RECORD " + rowNumber + " ]";
        int rule = display.width > 0 ? display.width - 1 : labelWidth + 3 + MAX_TEXT_WIDTH;
        line.setLength(0);
        line.append(title).append("-".repeat(Math.max(3, rule - title.length()))).append(System.lineSeparator());
        int room = display.width > 0 ? Math.max(MIN_CUT_WIDTH, display.width - labelWidth - 4) : Integer.MAX_VALUE;
        for (int i = 0; i < labels.length; i++) {
            line.append(labels[i]).append(" ".repeat(labelWidth - labels[i].length())).append(" | ")
                    .append(fit(values[i], room, display.cut)).append(System.lineSeparator());
        }
        out.print(line);
        out.flush();
    }

    @Override
    public void end(long count) {
        if (vertical) {
            out.println(count == 1 ? "1 row" : count + " rows");
            out.flush();
            return;
        }
        out.println(border);
        out.println(count == 1 ? "1 row" : count + " rows");
        out.flush();
    }

    private void cell(String value, int column, boolean right) {
        int w = widths[column];
        String v = fit(value, w, display.cut);
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
        return fit(value, width, CUT);
    }

    /** As {@link #fit(String, int)}, ending a cut value with {@code cut}. */
    static String fit(String value, int width, char cut) {
        String v = oneLine(value);
        return v.length() <= width ? v : v.substring(0, width - 1) + cut;
    }

    /** Line breaks shown as spaces: a table row is one line. */
    private static String oneLine(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 ? value.replace('\n', ' ').replace('\r', ' ') : value;
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
