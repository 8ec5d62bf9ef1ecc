package io.sluice.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at each {@code ;} that is outside a string literal ({@code '...'}
 * with {@code ''} for a quote), a quoted identifier ({@code `...`} or {@code "..."}, doubled to escape),
 * a line comment ({@code -- ...}) and a block comment ({@code /* ... *}{@code /}). Used for scripts and
 * to decide whether an interactive line is complete. Stateless and thread-safe.
 */
final class StatementSplitter {
    private StatementSplitter() {
    }

    /**
     * The statements of a script, in order, each trimmed, without its {@code ;} and without comments
     * before its first word (comments inside it are kept). Pieces holding only
     * whitespace and comments are dropped. A last statement without {@code ;} is kept: a script need
     * not end with one.
     */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        Scanner s = new Scanner(script);
        int start = 0;
        boolean meaningful = false;
        while (s.hasMore()) {
            int at = s.pos;
            char c = s.step();
            if (c == ';' && s.wasCode) {
                if (meaningful) {
                    out.add(script.substring(start, at).trim());
                }
                start = s.pos;
                meaningful = false;
            } else if (!meaningful && (s.wasCode && !Character.isWhitespace(c) || s.inQuote())) {
                // The statement starts at its first code or quote: leading comments are not sent.
                meaningful = true;
                start = at;
            }
        }
        if (meaningful) {
            out.add(script.substring(start).trim());
        }
        return out;
    }

    /**
     * Whether {@code text} is ready to run: blank, or its last character outside comments is a
     * {@code ;} that is itself outside quotes and comments. An open quote or block comment means the
     * user is still typing.
     */
    static boolean isComplete(String text) {
        Scanner s = new Scanner(text);
        char last = 0;
        boolean any = false;
        while (s.hasMore()) {
            char c = s.step();
            if (s.inQuote()) {
                any = true;
                last = 0;
            } else if (s.wasCode && !Character.isWhitespace(c)) {
                any = true;
                last = c;
            }
        }
        if (s.inQuote() || s.state == State.BLOCK_COMMENT) {
            return false;
        }
        return !any || last == ';';
    }

    private enum State { CODE, STRING, BACKTICK, DOUBLE_QUOTE, LINE_COMMENT, BLOCK_COMMENT }

    /** Walks the text one character at a time, tracking whether each character is code, quoted, or comment. */
    private static final class Scanner {
        final String text;
        int pos;
        State state = State.CODE;
        /** Whether the character just stepped over was code (not inside a quote or comment, and not part of a comment marker). */
        boolean wasCode;

        Scanner(String text) {
            this.text = text;
        }

        boolean hasMore() {
            return pos < text.length();
        }

        boolean inQuote() {
            return state == State.STRING || state == State.BACKTICK || state == State.DOUBLE_QUOTE;
        }

        char step() {
            char c = text.charAt(pos++);
            char next = pos < text.length() ? text.charAt(pos) : 0;
            wasCode = false;
            switch (state) {
                case CODE -> {
                    if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                        pos++;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        pos++;
                    } else if (c == '\'') {
                        state = State.STRING;
                    } else if (c == '`') {
                        state = State.BACKTICK;
                    } else if (c == '"') {
                        state = State.DOUBLE_QUOTE;
                    } else {
                        wasCode = true;
                    }
                }
                case STRING -> closeQuote(c, next, '\'');
                case BACKTICK -> closeQuote(c, next, '`');
                case DOUBLE_QUOTE -> closeQuote(c, next, '"');
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        state = State.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        pos++;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
            return c;
        }

        private void closeQuote(char c, char next, char quote) {
            if (c == quote) {
                if (next == quote) {
                    pos++; // a doubled quote stands for itself and keeps the quote open
                } else {
                    state = State.CODE;
                }
            }
        }
    }
}
