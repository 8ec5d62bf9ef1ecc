package io.sluice.storage;

/**
 * The log of the catalog, pipeline checkpoints and committed offsets: small entries, each an opaque
 * byte array whose meaning belongs to the layer above. Entries are replayed in order at start-up to
 * rebuild that layer's state. Appends are thread-safe and acknowledged like {@link PartitionLog}'s.
 */
public interface MetadataLog {

    /** Appends one entry; returns its offset once it is acknowledged. */
    long append(byte[] entry);

    /**
     * Replaces the whole log with {@code entries}, atomically: after a crash at any moment the log
     * holds either all the old entries or exactly the new ones. Used to compact the log (drop entries
     * that later ones made obsolete). The caller must not append or replay concurrently.
     */
    void rewrite(java.util.List<byte[]> entries);

    /** Hands every entry, oldest first, to the handler on the calling thread. */
    void replay(EntryHandler handler);

    @FunctionalInterface
    interface EntryHandler {
        void onEntry(long offset, byte[] entry);
    }
}
