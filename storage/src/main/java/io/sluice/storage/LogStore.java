package io.sluice.storage;

import java.util.Optional;

/**
 * All durable logs under one data directory: the partitioned stream logs and the metadata log.
 * This is the boundary the replicated (Raft) store will implement too; nothing above {@code storage}
 * sees how logs are kept.
 *
 * <p>Thread-safe. Closing it closes every log, reader and appender it handed out.
 */
public interface LogStore extends AutoCloseable {

    /**
     * Creates a partitioned log. Fails with {@link StorageException} if one of this name exists.
     * Names are case-insensitive and may hold letters, digits, {@code _}, {@code -} and {@code $}.
     */
    PartitionedLog create(String name, int partitions);

    /** The log of this name, if it exists. */
    Optional<PartitionedLog> open(String name);

    /** Deletes a log and its files. Readers still open on it see no further records. No-op if absent. */
    void delete(String name);

    /** The log that holds the catalog, checkpoints and committed offsets. */
    MetadataLog metadata();

    /**
     * Readers opened on stream logs and not yet closed: a diagnostic, for finding readers that a
     * finished query failed to release.
     */
    int openReaders();

    /** The settings this store was opened with. */
    StorageConfig config();

    @Override
    void close();
}
