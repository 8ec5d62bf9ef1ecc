package io.sluice.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points at the place of an error in the statement the user typed. The engine's messages start with
 * {@code "At line L, column C: "} (1-based, counted in the statement as sent); this reads the position
 * back from the message, so it works over any JDBC connection, and shows the statement's line with a
 * {@code ^} under the column:
 *
 * <pre>
 * At line 1, column 15: Stream 'NOPE' not found
 *   SELECT * FROM nope
 *                 ^
 * </pre>
 *
 * A line wider than the terminal is shown as a window around the column, its cut ends marked.
 */
final class ErrorCaret {
    private static final Pattern POSITION = Pattern.compile("^At line (\\d+), column (\\d+): ");
    static final String INDENT = "  ";

    private ErrorCaret() {
    }

    /**
     * The message followed, when it names a position inside {@code sql}, by the line and the caret.
     *
     * @param width the terminal's columns, or 0 for no limit
     */
    static String describe(String message, String sql, int width, char cut) {
        if (message == null || sql == null) {
            return String.valueOf(message);
        }
        Matcher m = POSITION.matcher(message);
        if (!m.find()) {
            return message;
        }
        int lineNo;
        int column;
        try {
            lineNo = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return message;
        }
        String[] lines = sql.split("\r?\n", -1);
        if (lineNo < 1 || lineNo > lines.length || column < 1) {
            return message;
        }
        String line = lines[lineNo - 1].replace('\t', ' '); // one column per character, as the engine counts
        int at = Math.min(column - 1, line.length());
        int room = width > 0 ? width - INDENT.length() - 1 : Integer.MAX_VALUE;
        if (line.length() > room && room > 10) {
            // a window around the column, a third of it before the caret
            int start = Math.max(0, Math.min(at - room / 3, line.length() - room));
            int end = Math.min(line.length(), start + room);
            StringBuilder w = new StringBuilder(line.substring(start, end));
            if (start > 0) {
                w.setCharAt(0, cut);
            }
            if (end < line.length()) {
                w.setCharAt(w.length() - 1, cut);
            }
            line = w.toString();
            at -= start;
        }
        return message + "\n" + INDENT + line.stripTrailing() + "\n" + INDENT + " ".repeat(at) + "^";
    }
}
