package io.sluice.storage.chronicle;

import io.sluice.storage.LogReader;
import io.sluice.storage.MetadataLog;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The metadata log: a single-partition log in {@code <dataDir>/meta/} whose records are the entries'
 * bytes as given. Appends share {@link ChroniclePartitionLog}'s lock and acknowledgement; a replay is
 * a fresh reader on the calling thread that reads up to the acknowledged end.
 */
final class ChronicleMetadataLog implements MetadataLog {
    private static final int REPLAY_BATCH = 256;
    private final ChroniclePartitionLog log;

    ChronicleMetadataLog(ChroniclePartitionLog log) {
        this.log = log;
    }

    @Override
    public long append(byte[] entry) {
        // Metadata appends are rare (DDL, checkpoints): a wrapper per call is cheaper than sharing one.
        return log.append(new UnsafeBuffer(entry), 0, entry.length);
    }

    @Override
    public void replay(EntryHandler handler) {
        try (LogReader reader = log.openReader()) {
            while (reader.poll((offset, buffer, index, length) -> {
                byte[] entry = new byte[length];
                buffer.getBytes(index, entry);
                handler.onEntry(offset, entry);
            }, REPLAY_BATCH) > 0) {
                // keep going until the acknowledged end
            }
        }
    }

    void close() {
        log.close();
    }
}
