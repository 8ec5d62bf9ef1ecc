package io.sluice.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A parsed {@code jdbc:sluice:} URL. Accepted forms:
 * <ul>
 *   <li>{@code jdbc:sluice:<path>} — an embedded engine on that data directory (relative paths are
 *       resolved against the working directory);</li>
 *   <li>{@code jdbc:sluice:file:<path>} — the same, spelled explicitly;</li>
 *   <li>{@code jdbc:sluice:remote:http://host:port} (or {@code https://}) — a {@code sluice server};
 *       {@code ;key=value} pairs after the address are connection properties
 *       ({@link io.sluice.jdbc.remote.RemoteClient}).</li>
 * </ul>
 * For an embedded URL, anything after a {@code ;} or {@code ?} is ignored.
 *
 * @param dataDir       the data directory named by the URL, as written (not yet made real); null for a remote URL
 * @param remoteAddress the server's http(s) address; null for an embedded URL
 * @param remoteParams  what followed the address after the first {@code ;} (null if nothing)
 */
public record SluiceUrl(Path dataDir, String remoteAddress, String remoteParams) {
    /** An embedded URL. */
    public SluiceUrl(Path dataDir) {
        this(dataDir, null, null);
    }

    /** Whether the URL names a server rather than a data directory. */
    public boolean isRemote() {
        return remoteAddress != null;
    }

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
     * @throws SQLException for a URL without a path, or a remote URL without an address
     */
    public static SluiceUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("Not a Sluice URL: " + url + " (expected " + PREFIX + "<data dir>)", "08001");
        }
        String rest = url.substring(PREFIX.length());
        if (rest.regionMatches(true, 0, REMOTE, 0, REMOTE.length())) {
            String remote = rest.substring(REMOTE.length());
            int semi = remote.indexOf(';');
            String address = (semi >= 0 ? remote.substring(0, semi) : remote).trim();
            if (address.isEmpty()) {
                throw new SQLException("The URL names no server: " + url + " (expected " + PREFIX + REMOTE + "http://host:port)", "08001");
            }
            return new SluiceUrl(null, address, semi >= 0 ? remote.substring(semi + 1) : null);
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
