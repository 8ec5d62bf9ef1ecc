package io.sluice.sql.codegen.runtime;

import io.sluice.engine.operator.EvaluationException;
import java.util.regex.Pattern;

/**
 * Translates SQL LIKE patterns to {@link Pattern}s. Every character that is not a wildcard is
 * quoted, so regex metacharacters in a pattern ('a.b%', '[x]', '\d') match themselves. The
 * generator translates constant patterns once when it generates the class; other patterns go
 * through a {@link LikeCache}.
 */
public final class LikePatterns {
    private LikePatterns() {
    }

    /**
     * The regex for a LIKE pattern; {@code escape} is null or the one-character escape text.
     *
     * @throws EvaluationException if the escape is not one character or is followed by anything
     *                             but %, _ or itself
     */
    public static String toRegex(String pattern, String escape) {
        int esc = -1;
        if (escape != null) {
            if (escape.codePointCount(0, escape.length()) != 1) {
                throw new EvaluationException("LIKE escape must be a single character, not '" + escape + "'");
            }
            esc = escape.codePointAt(0);
        }
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == esc) {
                if (i >= pattern.length()) {
                    throw new EvaluationException("LIKE pattern '" + pattern + "' ends with its escape character");
                }
                int next = pattern.codePointAt(i);
                if (next != '%' && next != '_' && next != esc) {
                    throw new EvaluationException("invalid escape sequence in LIKE pattern '" + pattern + "'");
                }
                i += Character.charCount(next);
                literal.appendCodePoint(next);
            } else if (cp == '%' || cp == '_') {
                flush(regex, literal);
                regex.append(cp == '%' ? ".*" : ".");
            } else {
                literal.appendCodePoint(cp);
            }
        }
        flush(regex, literal);
        return regex.toString();
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Compiles a LIKE pattern; '%' and '_' match line terminators too. */
    public static Pattern compile(String pattern, String escape) {
        return Pattern.compile(toRegex(pattern, escape), Pattern.DOTALL);
    }
}
