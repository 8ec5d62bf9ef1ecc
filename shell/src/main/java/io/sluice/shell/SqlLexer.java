package io.sluice.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A forgiving SQL tokenizer for the shell's completion and highlighting: it never fails, and text the
 * user has not finished (an open quote or block comment) becomes one token running to the end. It
 * knows only what the shell needs to see: words, quoted names, string literals, numbers, comments,
 * and single punctuation characters. Whitespace is skipped. Stateless and thread-safe.
 */
final class SqlLexer {
    /** What a token is. */
    enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, COMMENT, PUNCT }

    /**
     * One token: {@code text.substring(start, end)}. {@code closed} is false for a quote or block comment
     * that runs to the end of the text without its closing mark.
     */
    record Token(Kind kind, int start, int end, String text, boolean closed) {
        /** The word in upper case, for comparing with keywords; for anything but a word, its text. */
        String upper() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : text;
        }

        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
        }

        /** The name a word or quoted name stands for: a quoted name without its quotes (doubled quotes undone). */
        String name() {
            if (kind != Kind.QUOTED_NAME) {
                return text;
            }
            char q = text.charAt(0);
            String inner = text.substring(1, closed ? text.length() - 1 : text.length());
            return inner.replace(String.valueOf(q) + q, String.valueOf(q));
        }
    }

    /** The keywords Sluice's SQL uses: highlighted, completed, and never taken for a stream's alias. */
    static final Set<String> KEYWORDS = Set.of(
            "ADD", "ALL", "ALTER", "AND", "AS", "ASC", "BETWEEN", "BIGINT", "BOOLEAN", "BY", "CASE", "CAST", "CREATE",
            "CROSS", "CURRENT", "DECIMAL", "DESC", "DESCRIBE", "DESCRIPTOR", "DISTINCT", "DOUBLE", "DROP", "ELSE", "END", "EXISTS",
            "EXPLAIN", "FALSE", "FETCH", "FILTER", "FIRST", "FOR", "FROM", "FULL", "GROUP", "HAVING", "IF", "IN", "INNER", "INSERT",
            "INT", "INTEGER", "INTERVAL", "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "MATERIALIZED", "NOT",
            "NULL", "OFFSET", "ON", "OPTIONS", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PIPELINE", "PIPELINES",
            "PRIMARY", "RESET", "RIGHT", "ROWS", "SECOND", "MINUTE", "HOUR", "DAY", "SELECT", "SET", "SHOW", "STREAM",
            "STREAMS", "TABLE", "TABLES", "THEN", "TIMESTAMP", "TO", "TRUE", "UNION", "VALUES", "VARCHAR", "VIEW", "VIEWS",
            "WATERMARK", "WHEN", "WHERE", "WITH");

    private SqlLexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && next == '-') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                out.add(new Token(Kind.COMMENT, start, i, text.substring(start, i), true));
            } else if (c == '/' && next == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                out.add(new Token(Kind.COMMENT, start, i, text.substring(start, i), close >= 0));
            } else if (c == '\'' || c == '"' || c == '`') {
                i++;
                boolean closed = false;
                while (i < n) {
                    if (text.charAt(i) == c) {
                        if (i + 1 < n && text.charAt(i + 1) == c) {
                            i += 2; // a doubled quote stands for itself
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    i++;
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_NAME, start, i, text.substring(start, i), closed));
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(next)) {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, start, i, text.substring(start, i), true));
            } else if (isWordChar(c)) {
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.WORD, start, i, text.substring(start, i), true));
            } else {
                i++;
                out.add(new Token(Kind.PUNCT, start, i, text.substring(start, i), true));
            }
        }
        return out;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
