package io.sluice.shell;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The catalog's names for completion, read over JDBC when first needed and again after a statement
 * that may have changed the catalog ({@link #invalidate}). Reading is lazy, at the next Tab, so DDL in
 * a script costs nothing extra. When reading fails (a closed connection, a server that cannot list
 * its streams) the names already known are kept. Used on the shell's thread.
 */
final class NameCache implements Supplier<CatalogNames> {
    private final Connection connection;
    private CatalogNames names = CatalogNames.EMPTY;
    private boolean stale = true;

    NameCache(Connection connection) {
        this.connection = connection;
    }

    @Override
    public synchronized CatalogNames get() {
        if (stale) {
            stale = false;
            try {
                names = CatalogNames.load(connection);
            } catch (SQLException | RuntimeException e) {
                // Completion of keywords still works; the names come back after the next change.
            }
        }
        return names;
    }

    /** The catalog may have changed (after CREATE, DROP, ALTER, INSERT ... SELECT): read it again when next needed. */
    synchronized void invalidate() {
        stale = true;
    }

    /** Whether {@code sql} may change the names a completion offers. */
    static boolean changesCatalog(String sql) {
        for (String word : new String[] {"CREATE", "DROP", "ALTER", "INSERT"}) {
            if (StatementRunner.startsWithWord(sql, word)) {
                return true;
            }
        }
        return false;
    }
}
