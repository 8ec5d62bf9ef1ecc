package io.sluice.sql.codegen.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiled LIKE patterns for a pattern that is not a constant (e.g. a column), kept by one compiled
 * instance: patterns in a stream tend to repeat, and compiling a regex per row would dominate the
 * cost. Remembers the last pattern without a lookup and up to {@link #CAPACITY} others in LRU order.
 *
 * <p>Not thread-safe: each generated instance owns one, as it owns its row.
 */
public final class LikeCache {
    static final int CAPACITY = 32;

    private final Map<String, Matcher> matchers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Matcher> eldest) {
            return size() > CAPACITY;
        }
    };
    private String lastPattern;
    private String lastEscape;
    private Matcher last;

    /** {@code s LIKE pattern ESCAPE escape}; {@code escape} may be null. */
    public boolean matches(String s, String pattern, String escape) {
        if (last == null || !pattern.equals(lastPattern) || !sameEscape(escape)) {
            // Keys carry the escape so that the same text with two escapes is two entries.
            String key = escape == null ? "N" + pattern : "E" + escape + "\u0000" + pattern;
            Matcher m = matchers.get(key);
            if (m == null) {
                Pattern p = LikePatterns.compile(pattern, escape);
                m = p.matcher("");
                matchers.put(key, m);
            }
            last = m;
            lastPattern = pattern;
            lastEscape = escape;
        }
        return last.reset(s).matches();
    }

    private boolean sameEscape(String escape) {
        return escape == null ? lastEscape == null : escape.equals(lastEscape);
    }
}
