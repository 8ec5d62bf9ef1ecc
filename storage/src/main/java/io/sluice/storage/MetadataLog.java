package io.sluice.storage;

/**
 * The log of the catalog, pipeline checkpoints and committed offsets: small entries, each an opaque
 * byte array whose meaning belongs to the layer above. Entries are replayed in order at start-up to
 * rebuild that layer's state. Appends are thread-safe and acknowledged like {@link PartitionLog}'s.
 */
public interface MetadataLog {

    /** Appends one entry; returns its offset once it is acknowledged. */
    long append(byte[] entry);

    /** Hands every entry, oldest first, to the handler on the calling thread. */
    void replay(EntryHandler handler);

    @FunctionalInterface
    interface EntryHandler {
        void onEntry(long offset, byte[] entry);
    }
}
