package io.sluice.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link LogStore} is opened. Built once and validated in the constructor.
 *
 * @param dataDir    the directory that holds every log (created if missing)
 * @param durability when an append is acknowledged; default {@link Durability#PROCESS}
 */
public record StorageConfig(Path dataDir, Durability durability) {
    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
    }

    public static StorageConfig of(Path dataDir) {
        return new StorageConfig(dataDir, Durability.PROCESS);
    }

    public StorageConfig withDurability(Durability d) {
        return new StorageConfig(dataDir, d);
    }
}
