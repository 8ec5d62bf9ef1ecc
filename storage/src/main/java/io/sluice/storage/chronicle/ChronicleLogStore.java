package io.sluice.storage.chronicle;

import io.sluice.storage.LogStore;
import io.sluice.storage.MetadataLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The local {@link LogStore}: every log of one data directory, kept in Chronicle Queue.
 *
 * <pre>
 * &lt;dataDir&gt;/
 *   store.lock                     held (OS file lock) while a store is open: one process per directory
 *   meta/                          the metadata log's queue
 *   streams/&lt;key&gt;/log.properties  descriptor: name and partition count ({@link LogDescriptor})
 *   streams/&lt;key&gt;/&lt;p&gt;/            partition p's queue, p = 0 .. partitions-1
 * </pre>
 *
 * {@code key} is the lower-cased log name. Logs are opened lazily, on {@code create} or the first
 * {@code open} of a name, and stay open until deleted or until the store closes.
 *
 * <p>Thread-safe: catalog operations ({@code create}, {@code open}, {@code delete}, {@code close})
 * are serialized on the store; appends and reads go straight to the partitions.
 */
public final class ChronicleLogStore implements LogStore {
    static {
        // Runs before this class can touch any Chronicle class: Chronicle reads these properties in its
        // own static initializers. Analytics is forced off (Sluice never phones home). The rest keep
        // Chronicle quiet unless the application set them itself: its announcer prints a banner
        // straight to stdout, where the shell prints query results, and its "perf" messages ("Took 37
        // ms to add mapping ...") are noise at INFO. What remains (the "Chronicle core loaded from"
        // line at INFO, warnings) goes through SLF4J, whose level the embedding application sets.
        System.setProperty("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("disable.perf.info", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static final String LOCK_FILE = "store.lock";

    private final StorageConfig config;
    private final Path streamsDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ChronicleMetadataLog metadata;
    /** Open logs by key; guarded by {@code this}. */
    private final Map<String, ChroniclePartitionedLog> logs = new HashMap<>();
    /** Warms the page cache ahead of every partition's writer; null when the config turns it off. */
    private final QueuePretoucher pretoucher;
    private boolean closed;

    private ChronicleLogStore(StorageConfig config, FileChannel lockChannel, FileLock lock) {
        this.config = config;
        this.streamsDir = config.dataDir().resolve("streams");
        this.lockChannel = lockChannel;
        this.lock = lock;
        Path metaDir = config.dataDir().resolve("meta");
        this.metadata = new ChronicleMetadataLog(metaDir, config.durability());
        this.pretoucher = config.pretouchAheadBytes() > 0
                ? new QueuePretoucher(config.pretouchAheadBytes(), "sluice-pretoucher")
                : null;
    }

    /**
     * Opens (creating if needed) the store in {@code config.dataDir()}. Fails with
     * {@link StorageException} if the JVM lacks the options Chronicle needs (the message lists them),
     * if another store (in this or another process) has the directory open, or on I/O errors.
     */
    public static ChronicleLogStore open(StorageConfig config) {
        JvmAccessCheck.require();
        Path dir = config.dataDir();
        FileChannel channel = null;
        try {
            Files.createDirectories(dir.resolve("streams"));
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StorageException("data directory " + dir + " is already open in another Sluice store"
                        + " (this process or another one); close that one first");
            }
            return new ChronicleLogStore(config, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot open data directory " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public synchronized PartitionedLog create(String name, int partitions) {
        String key = LogName.key(name);
        if (partitions < 1) {
            throw new StorageException("log '" + name + "' needs at least one partition, not " + partitions);
        }
        ensureOpen();
        Path logDir = streamsDir.resolve(key);
        if (logs.containsKey(key) || LogDescriptor.read(logDir) != null) {
            throw new StorageException("a log named '" + name + "' already exists");
        }
        // A directory without a descriptor is the leftover of an interrupted create or delete.
        deleteTree(logDir);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new StorageException("cannot create the directory of log '" + name + "'", e);
        }
        ChroniclePartitionedLog log = openLog(key, logDir, new LogDescriptor(name, partitions));
        try {
            new LogDescriptor(name, partitions).write(logDir);
        } catch (RuntimeException e) {
            closeLog(key, log);
            deleteTree(logDir);
            throw e;
        }
        logs.put(key, log);
        return log;
    }

    @Override
    public synchronized Optional<PartitionedLog> open(String name) {
        String key = LogName.key(name);
        ensureOpen();
        ChroniclePartitionedLog log = logs.get(key);
        if (log == null) {
            Path logDir = streamsDir.resolve(key);
            LogDescriptor descriptor = LogDescriptor.read(logDir);
            if (descriptor == null) {
                return Optional.empty();
            }
            log = openLog(key, logDir, descriptor);
            logs.put(key, log);
        }
        return Optional.of(log);
    }

    /** Opens every partition's queue and registers them with the pretoucher under {@code key}. */
    private ChroniclePartitionedLog openLog(String key, Path logDir, LogDescriptor descriptor) {
        ChroniclePartitionLog[] parts = new ChroniclePartitionLog[descriptor.partitions()];
        try {
            for (int p = 0; p < parts.length; p++) {
                SingleChronicleQueue queue = QueueFactory.open(logDir.resolve(Integer.toString(p)), config.durability());
                ChroniclePartitionLog part = new ChroniclePartitionLog(descriptor.name(), p, queue, config.durability());
                parts[p] = part;
                if (pretoucher != null) {
                    pretoucher.register(key, queue, part::acknowledged);
                }
            }
        } catch (RuntimeException e) {
            if (pretoucher != null) {
                pretoucher.unregister(key);
            }
            for (ChroniclePartitionLog opened : parts) {
                if (opened != null) {
                    opened.close();
                }
            }
            throw e;
        }
        return new ChroniclePartitionedLog(descriptor.name(), parts);
    }

    /** The pretoucher lets go of a log's queues before they close (it holds their current cycle's store). */
    private void closeLog(String key, ChroniclePartitionedLog log) {
        if (pretoucher != null) {
            pretoucher.unregister(key);
        }
        log.close();
    }

    @Override
    public synchronized void delete(String name) {
        String key = LogName.key(name);
        ensureOpen();
        ChroniclePartitionedLog log = logs.remove(key);
        if (log != null) {
            closeLog(key, log);
        }
        Path logDir = streamsDir.resolve(key);
        if (!Files.exists(logDir)) {
            return;
        }
        try {
            // The descriptor goes first: from then on the directory is not a log, whatever happens next.
            Files.deleteIfExists(LogDescriptor.file(logDir));
        } catch (IOException e) {
            throw new StorageException("cannot delete log '" + name + "'", e);
        }
        deleteTree(logDir);
    }

    @Override
    public synchronized int openReaders() {
        int n = 0;
        for (ChroniclePartitionedLog log : logs.values()) {
            for (int p = 0; p < log.partitionCount(); p++) {
                n += ((ChroniclePartitionLog) log.partition(p)).openReaders();
            }
        }
        return n;
    }

    @Override
    public MetadataLog metadata() {
        return metadata;
    }

    @Override
    public StorageConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (pretoucher != null) {
                pretoucher.close(); // stops and joins its thread, releasing what it held, before the queues close
            }
            for (ChroniclePartitionedLog log : logs.values()) {
                log.close();
            }
            logs.clear();
            metadata.close();
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases it too
            }
            closeQuietly(lockChannel);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("the store in " + config.dataDir() + " is closed");
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StorageException("cannot delete " + dir, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing useful to do: the channel is being abandoned
            }
        }
    }

    /** The store's pretoucher, or null when the config turns it off (tests). */
    QueuePretoucher pretoucher() {
        return pretoucher;
    }

    @Override
    public String toString() {
        return "ChronicleLogStore(" + config + ")";
    }
}
