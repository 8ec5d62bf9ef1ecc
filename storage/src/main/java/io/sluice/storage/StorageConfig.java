package io.sluice.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link LogStore} is opened. Built once and validated in the constructor.
 *
 * @param dataDir           the directory that holds every log (created if missing)
 * @param durability        when an append is acknowledged; default {@link Durability#PROCESS}
 * @param pretouchAheadBytes how far past each active writer the store keeps the log files' pages in
 *                          memory, from a background thread, so that appends and reads do not stall on
 *                          bringing fresh file pages in (the kernel's read-ahead of a disk-backed file
 *                          can take tens of milliseconds at once); 0 turns that thread off. Default
 *                          {@link #DEFAULT_PRETOUCH_AHEAD_BYTES}; should exceed the disk's read-ahead
 *                          window ({@code /sys/block/<dev>/queue/read_ahead_kb})
 */
public record StorageConfig(Path dataDir, Durability durability, long pretouchAheadBytes) {
    /** 32 MB: four times the 8 MB read-ahead window of the project's VM disk. */
    public static final long DEFAULT_PRETOUCH_AHEAD_BYTES = 32L << 20;

    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        if (pretouchAheadBytes < 0) {
            throw new IllegalArgumentException("pretouchAheadBytes must be >= 0 (0 = off), was " + pretouchAheadBytes);
        }
    }

    /** With the default pretouch distance. */
    public StorageConfig(Path dataDir, Durability durability) {
        this(dataDir, durability, DEFAULT_PRETOUCH_AHEAD_BYTES);
    }

    public static StorageConfig of(Path dataDir) {
        return new StorageConfig(dataDir, Durability.PROCESS);
    }

    public StorageConfig withDurability(Durability d) {
        return new StorageConfig(dataDir, d, pretouchAheadBytes);
    }

    /** The same with another pretouch distance; 0 turns the background pretouching off. */
    public StorageConfig withPretouchAheadBytes(long bytes) {
        return new StorageConfig(dataDir, durability, bytes);
    }
}
