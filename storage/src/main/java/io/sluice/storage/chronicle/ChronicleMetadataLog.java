package io.sluice.storage.chronicle;

import io.sluice.storage.Durability;
import io.sluice.storage.LogReader;
import io.sluice.storage.MetadataLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The metadata log: a single-partition log in {@code <dataDir>/meta/} whose records are the entries'
 * bytes as given. Appends share {@link ChroniclePartitionLog}'s lock and acknowledgement; a replay is
 * a fresh reader on the calling thread that reads up to the acknowledged end.
 *
 * <p>{@link #rewrite} writes the new entries into {@code meta.new/}, then swaps directories with two
 * renames ({@code meta -> meta.old}, {@code meta.new -> meta}) and deletes {@code meta.old}.
 * {@link #recoverSwap} runs before the log is opened and finishes or undoes a swap a crash interrupted:
 * <pre>
 * meta + meta.new          crashed before the swap   -> delete meta.new (it may be incomplete)
 * meta.old + meta.new      crashed between renames   -> meta.new is complete: rename it to meta
 * meta + meta.old          crashed after the swap    -> delete meta.old
 * </pre>
 */
final class ChronicleMetadataLog implements MetadataLog {
    private static final int REPLAY_BATCH = 256;
    private final Path dir;
    private final Durability durability;
    private volatile ChroniclePartitionLog log;

    ChronicleMetadataLog(Path dir, Durability durability) {
        this.dir = dir;
        this.durability = durability;
        recoverSwap(dir);
        this.log = openAt(dir, durability);
    }

    private static ChroniclePartitionLog openAt(Path dir, Durability durability) {
        return new ChroniclePartitionLog("$meta", 0, QueueFactory.open(dir, durability), durability);
    }

    private static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    static void recoverSwap(Path dir) {
        Path fresh = sibling(dir, ".new");
        Path old = sibling(dir, ".old");
        try {
            if (Files.exists(fresh)) {
                if (Files.exists(dir)) {
                    ChronicleLogStore.deleteTree(fresh);
                } else {
                    Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            ChronicleLogStore.deleteTree(old);
        } catch (IOException e) {
            throw new StorageException("cannot recover the metadata log in " + dir, e);
        }
    }

    @Override
    public synchronized void rewrite(List<byte[]> entries) {
        Path fresh = sibling(dir, ".new");
        Path old = sibling(dir, ".old");
        ChronicleLogStore.deleteTree(fresh);
        ChroniclePartitionLog next = openAt(fresh, durability);
        try {
            RecordBatch batch = new RecordBatch();
            for (byte[] e : entries) {
                batch.add(new UnsafeBuffer(e), 0, e.length);
            }
            if (!batch.isEmpty()) {
                next.append(batch);
            }
        } finally {
            next.close();
        }
        log.close();
        try {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException("cannot swap in the rewritten metadata log in " + dir, e);
        }
        ChronicleLogStore.deleteTree(old);
        log = openAt(dir, durability);
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
