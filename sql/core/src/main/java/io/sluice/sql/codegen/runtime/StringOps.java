package io.sluice.sql.codegen.runtime;

import io.sluice.engine.operator.EvaluationException;
import java.util.Locale;

/**
 * SQL string functions. Positions and lengths count characters as SQL means them (Unicode code
 * points), not Java's UTF-16 units, so text with characters outside the BMP behaves as a user
 * expects. Case mapping is locale-independent.
 */
public final class StringOps {
    private StringOps() {
    }

    public static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    public static int charLength(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Orders by Unicode code point (String.compareTo orders by UTF-16 unit, which differs for surrogates). */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // A surrogate (U+D800..U+DFFF) stands for a code point above U+FFFF, so it sorts
                // after every BMP character even though U+E000..U+FFFF are numerically larger.
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    /** SUBSTRING(s FROM start): from character {@code start} (1-based) to the end. */
    public static String substring(String s, long start) {
        int count = s.codePointCount(0, s.length());
        if (start > count) {
            return "";
        }
        if (start <= 1) {
            return s;
        }
        return s.substring(s.offsetByCodePoints(0, (int) start - 1));
    }

    /**
     * SUBSTRING(s FROM start FOR length): the characters at positions {@code start .. start+length-1}
     * that exist; a start before 1 takes fewer characters, as SQL says.
     */
    public static String substring(String s, long start, long length) {
        if (length < 0) {
            throw new EvaluationException("negative substring length " + length + " is not allowed");
        }
        int count = s.codePointCount(0, s.length());
        long end = start + length; // exclusive, 1-based; no overflow for int-range inputs, saturate otherwise
        if (length > Long.MAX_VALUE - Math.max(start, 0)) {
            end = Long.MAX_VALUE;
        }
        long from = Math.max(start, 1);
        long to = Math.min(end, (long) count + 1);
        if (from >= to) {
            return "";
        }
        int begin = s.offsetByCodePoints(0, (int) from - 1);
        int stop = s.offsetByCodePoints(begin, (int) (to - from));
        return s.substring(begin, stop);
    }

    /** TRIM with a flag known only at run time ('BOTH', 'LEADING' or 'TRAILING'). */
    public static String trim(String flag, String chars, String s) {
        switch (flag.trim().toUpperCase(Locale.ROOT)) {
            case "BOTH":
                return trim(s, chars, true, true);
            case "LEADING":
                return trim(s, chars, true, false);
            case "TRAILING":
                return trim(s, chars, false, true);
            default:
                throw new EvaluationException("TRIM needs BOTH, LEADING or TRAILING, not '" + flag + "'");
        }
    }

    /** Removes every leading and/or trailing character that occurs in {@code chars}. */
    public static String trim(String s, String chars, boolean leading, boolean trailing) {
        int begin = 0;
        int end = s.length();
        if (leading) {
            while (begin < end) {
                int cp = s.codePointAt(begin);
                if (chars.indexOf(cp) < 0) {
                    break;
                }
                begin += Character.charCount(cp);
            }
        }
        if (trailing) {
            while (end > begin) {
                int cp = s.codePointBefore(end);
                if (chars.indexOf(cp) < 0) {
                    break;
                }
                end -= Character.charCount(cp);
            }
        }
        return begin == 0 && end == s.length() ? s : s.substring(begin, end);
    }

    /**
     * POSITION(sub IN s FROM from): the first occurrence at or after character {@code from}
     * (1-based), 0 when absent or when {@code from} is outside the string.
     */
    public static int position(String sub, String s, long from) {
        int count = s.codePointCount(0, s.length());
        if (from < 1 || from > (long) count + 1) {
            return 0;
        }
        int at = s.indexOf(sub, s.offsetByCodePoints(0, (int) from - 1));
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    /** POSITION(sub IN s): 1-based character position of the first occurrence, 0 when absent. */
    public static int position(String sub, String s) {
        int at = s.indexOf(sub);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }
}
