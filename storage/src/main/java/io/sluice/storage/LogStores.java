package io.sluice.storage;

import io.sluice.storage.chronicle.ChronicleLogStore;

/**
 * Opens the {@link LogStore} for a configuration. The layers above ask here rather than naming an
 * implementation, so that choosing the replicated store later is a change in this module only.
 */
public final class LogStores {
    private LogStores() {
    }

    /**
     * Opens (creating if needed) the store in {@code config.dataDir()}.
     *
     * @throws StorageException if the directory is in use, the JVM lacks the options it needs, or on I/O
     */
    public static LogStore open(StorageConfig config) {
        return ChronicleLogStore.open(config);
    }
}
