package io.sluice.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A parsed {@code jdbc:sluice:} URL. Accepted forms:
 * <ul>
 *   <li>{@code jdbc:sluice:<path>} — an embedded engine on that data directory (relative paths are
 *       resolved against the working directory);</li>
 *   <li>{@code jdbc:sluice:file:<path>} — the same, spelled explicitly;</li>
 *   <li>{@code jdbc:sluice:remote:...} — recognised, but rejected: remote JDBC is not in this version.</li>
 * </ul>
 * Anything after a {@code ;} or {@code ?} is ignored as connection properties this version does not use.
 *
 * @param dataDir the data directory named by the URL, as written (not yet made real)
 */
public record SluiceUrl(Path dataDir) {
    public static final String PREFIX = "jdbc:sluice:";
    private static final String FILE = "file:";
    private static final String REMOTE = "remote:";

    /** Whether the driver should answer for this URL: any {@code jdbc:sluice:} URL, even one it then rejects. */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Parses a URL that {@link #accepts} returned true for.
     *
     * @throws SQLFeatureNotSupportedException for a remote URL
     * @throws SQLException for a URL without a path
     */
    public static SluiceUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("Not a Sluice URL: " + url + " (expected " + PREFIX + "<data dir>)", "08001");
        }
        String rest = url.substring(PREFIX.length());
        if (rest.regionMatches(true, 0, REMOTE, 0, REMOTE.length())) {
            throw new SQLFeatureNotSupportedException(
                    "Remote JDBC is not available in this version; use an embedded URL " + PREFIX + "<data dir>", "0A000");
        }
        if (rest.regionMatches(true, 0, FILE, 0, FILE.length())) {
            rest = rest.substring(FILE.length());
        }
        int cut = indexOfAny(rest, ';', '?');
        if (cut >= 0) {
            rest = rest.substring(0, cut);
        }
        if (rest.isBlank()) {
            throw new SQLException("The URL names no data directory: " + url + " (expected " + PREFIX + "<data dir>)", "08001");
        }
        try {
            return new SluiceUrl(Path.of(rest));
        } catch (RuntimeException e) {
            throw new SQLException("Bad data directory in URL " + url + ": " + e.getMessage(), "08001", e);
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
