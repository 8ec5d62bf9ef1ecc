package io.sluice.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The engines that JDBC connections of this JVM have open, one per data directory, shared and
 * reference-counted. Only one engine may have a directory open at a time, so two connections to the
 * same directory must share it: {@link #acquire} opens the engine for the first connection and hands
 * the same one to the next; the last {@link Lease#close()} closes it.
 *
 * <p>Thread-safe: acquire and release are serialised on this object. Opening an engine happens under
 * that lock, so a second connection to a directory that is still opening waits for it rather than
 * opening it twice.
 *
 * @param <E> what is shared: the driver shares {@link io.sluice.Sluice}; tests use stand-ins
 */
final class SharedEngines<E extends AutoCloseable> {
    private final Map<Path, Entry<E>> open = new HashMap<>();

    /** One connection's hold on a shared engine. Closing it twice releases it once. */
    final class Lease implements AutoCloseable {
        private final Path key;
        private final Entry<E> entry;
        private boolean released;

        private Lease(Path key, Entry<E> entry) {
            this.key = key;
            this.entry = entry;
        }

        E engine() {
            return entry.engine;
        }

        /**
         * Releases this hold; closes the engine if it was the last one.
         *
         * @throws Exception what closing the engine threw
         */
        @Override
        public void close() throws Exception {
            E toClose = null;
            synchronized (SharedEngines.this) {
                if (released) {
                    return;
                }
                released = true;
                if (--entry.references == 0) {
                    open.remove(key);
                    toClose = entry.engine;
                }
            }
            if (toClose != null) {
                toClose.close();
            }
        }
    }

    private static final class Entry<E> {
        final E engine;
        int references;

        Entry(E engine) {
            this.engine = engine;
        }
    }

    /**
     * Returns a lease on the engine for {@code dataDir}, opening it with {@code opener} if no connection
     * holds it. The directory is created if missing, then keyed by its real path, so {@code data},
     * {@code ./data} and a symbolic link to it share one engine.
     *
     * @throws IOException if the directory cannot be created or resolved
     * @throws RuntimeException what {@code opener} threw; nothing is registered then
     */
    synchronized Lease acquire(Path dataDir, Function<Path, E> opener) throws IOException {
        // Normalise first: createDirectories cannot walk through ".." of a directory that does not exist.
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        Entry<E> entry = open.get(key);
        if (entry == null) {
            entry = new Entry<>(opener.apply(key));
            open.put(key, entry);
        }
        entry.references++;
        return new Lease(key, entry);
    }

    /** How many connections hold the engine of this directory (0 when it is not open). */
    synchronized int references(Path dataDir) throws IOException {
        Entry<E> entry = open.get(dataDir.toAbsolutePath().normalize().toRealPath());
        return entry == null ? 0 : entry.references;
    }
}
