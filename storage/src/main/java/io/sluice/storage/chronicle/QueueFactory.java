package io.sluice.storage.chronicle;

import io.sluice.storage.Durability;
import io.sluice.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/** Opens every Chronicle queue of a store with the same, explicit settings. */
final class QueueFactory {
    /**
     * Fixed rather than Chronicle's default, because an index encodes the cycle: changing it would
     * change the offsets of existing logs. FAST_DAILY allows about four billion documents per day (of
     * up to 255 records each, see RecordDocument).
     */
    private static final RollCycles ROLL_CYCLE = RollCycles.FAST_DAILY;
    /**
     * How long an appender waits for the queue's cross-process write lock before forcing it. The
     * store's directory lock guarantees that only this process writes, so a held lock at start-up can
     * only be a crashed writer's; Chronicle's default (10 s) would stall the first append after a crash.
     */
    private static final long WRITE_LOCK_TIMEOUT_MS = 1_000;

    private QueueFactory() {
    }

    static SingleChronicleQueue open(Path dir, Durability durability) {
        removeEmptyCycleFiles(dir);
        try {
            SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir)
                    .rollCycle(ROLL_CYCLE)
                    .timeoutMS(WRITE_LOCK_TIMEOUT_MS);
            if (durability == Durability.SYNC) {
                // syncMode makes the mapped store msync synchronously when the appender is asked to
                // sync (PartitionLog appends call ExcerptAppender.sync() before acknowledging).
                builder.syncMode(SyncMode.SYNC);
            }
            return builder.build();
        } catch (RuntimeException e) {
            throw new StorageException("cannot open the queue in " + dir + ": " + e, e);
        }
    }

    /**
     * A cycle file with no bytes at all is what a process killed while creating it leaves behind: it
     * holds no record. Chronicle waits several seconds on such a file for a header that will never
     * come, then fails to find the queue's end. The store's directory lock guarantees no other
     * process is creating it now, so it is removed before the queue opens.
     */
    private static void removeEmptyCycleFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX) && Files.size(f) == 0) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot inspect the queue in " + dir, e);
        }
    }
}
