package io.sluice.storage;

/** When an append counts as acknowledged. */
public enum Durability {
    /**
     * Once the record is in the memory-mapped file: it survives the process dying (even
     * {@code kill -9}), because the operating system keeps and writes back the mapped pages; it may
     * be lost if the machine itself loses power before they are written back. The default.
     */
    PROCESS,
    /** Once the record has been synced to disk (fsync): it survives a machine crash too. Slower. */
    SYNC
}
