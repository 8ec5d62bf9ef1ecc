package io.sluice.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * JSON lines: one object per row, keys are the column labels in order. Numbers and booleans are
 * written bare, NULL as {@code null}, everything else (text, timestamps) as an escaped string. A
 * DOUBLE that JSON cannot hold (NaN, infinities) is written as a string.
 */
final class JsonPrinter implements RowPrinter {
    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();
    private String[] keys = new String[0];
    private int[] types = new int[0];

    JsonPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        keys = new String[n];
        types = new int[n];
        for (int i = 0; i < n; i++) {
            StringBuilder key = new StringBuilder();
            string(key, md.getColumnLabel(i + 1));
            keys[i] = key.toString();
            types[i] = md.getColumnType(i + 1);
        }
    }

    @Override
    public void row(ResultSet rs) throws SQLException {
        line.setLength(0);
        line.append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(keys[i]).append(':');
            String v = rs.getString(i + 1);
            if (rs.wasNull()) {
                line.append("null");
            } else if (bare(types[i], v)) {
                line.append(v);
            } else {
                string(line, v);
            }
        }
        line.append('}');
        out.print(line);
        out.print('\n');
        out.flush();
    }

    @Override
    public void end(long count) {
        out.flush();
    }

    private static boolean bare(int type, String v) {
        return switch (type) {
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.DECIMAL, Types.NUMERIC -> true;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> !(v.equals("NaN") || v.contains("Infinity"));
            case Types.BOOLEAN, Types.BIT -> v.equals("true") || v.equals("false");
            default -> false;
        };
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
