package io.sluice;

import io.sluice.storage.Durability;
import io.sluice.storage.StorageConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How an embedded Sluice runs. Built once with {@link #builder}, validated by {@link Builder#build()}.
 * Every setting has its default beside it, and a system property that overrides the default.
 *
 * @param dataDir            where streams, the catalog and checkpoints live
 * @param workers            engine worker threads; default: the number of cores ({@code sluice.workers})
 * @param durability         when an append is acknowledged; default PROCESS ({@code sluice.durability})
 * @param checkpointInterval milliseconds between a pipeline's checkpoints; default 1000
 *                           ({@code sluice.checkpoint.interval.ms})
 * @param sourceThreads      threads, 0 to 64, that run only the connectors' source tasks (reading and
 *                           parsing input and appending it to its stream), beside the workers that run the
 *                           operators; default 0: sources run on the workers like every other task
 *                           ({@code sluice.source.threads}). A source thread lets a stream's source parse and
 *                           append while the workers run the pipelines that read it: use one when sources
 *                           are CPU-heavy (JSON files, say) and the machine has a core to spare. Which
 *                           rows a pipeline sees, and exactly-once, do not depend on it.
 * @param pretouchAheadBytes how far ahead of each log's writer a background thread brings the log
 *                           file's pages into memory, so that appends and reads do not stall on the
 *                           kernel's read-ahead of a disk-backed file; 0 turns it off; default 32 MB
 *                           ({@code sluice.storage.pretouch.bytes}, see {@link StorageConfig#pretouchAheadBytes})
 */
public record SluiceConfig(Path dataDir, int workers, Durability durability, long checkpointInterval,
                           int sourceThreads, long pretouchAheadBytes) {

    /** The JVM options Chronicle Queue needs on Java 17; the runnable jar's manifest carries them. */
    public static final List<String> REQUIRED_JVM_OPTIONS = List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED");

    public SluiceConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be between 1 and 256, was " + workers);
        }
        if (checkpointInterval < 10) {
            throw new IllegalArgumentException("checkpointInterval must be at least 10 ms, was " + checkpointInterval);
        }
        if (sourceThreads < 0 || sourceThreads > 64) {
            throw new IllegalArgumentException("sourceThreads must be between 0 and 64, was " + sourceThreads);
        }
        if (pretouchAheadBytes < 0) {
            throw new IllegalArgumentException("pretouchAheadBytes must be >= 0 (0 = off), was " + pretouchAheadBytes);
        }
    }

    /** A configuration with the default pretouch distance. */
    public SluiceConfig(Path dataDir, int workers, Durability durability, long checkpointInterval, int sourceThreads) {
        this(dataDir, workers, durability, checkpointInterval, sourceThreads, StorageConfig.DEFAULT_PRETOUCH_AHEAD_BYTES);
    }

    /** A configuration without source threads (sources run on the workers). */
    public SluiceConfig(Path dataDir, int workers, Durability durability, long checkpointInterval) {
        this(dataDir, workers, durability, checkpointInterval, 0);
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    @Override
    public String toString() {
        return "dataDir=" + dataDir + ", workers=" + workers + ", durability=" + durability
                + ", checkpointInterval=" + checkpointInterval + "ms, sourceThreads=" + sourceThreads
                + ", pretouchAheadBytes=" + pretouchAheadBytes;
    }

    /** Builds a {@link SluiceConfig}; unset settings take their system property, else the default. */
    public static final class Builder {
        private final Path dataDir;
        private Integer workers;
        private Durability durability;
        private Long checkpointInterval;
        private Integer sourceThreads;
        private Long pretouchAheadBytes;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder durability(Durability d) {
            this.durability = d;
            return this;
        }

        public Builder checkpointIntervalMillis(long ms) {
            this.checkpointInterval = ms;
            return this;
        }

        /**
         * Threads that run only the connectors' source tasks, 0 to 64; 0 (the default) runs them on the
         * workers. See {@link SluiceConfig#sourceThreads()}.
         */
        public Builder sourceThreads(int n) {
            this.sourceThreads = n;
            return this;
        }

        /** Bytes kept warm ahead of each log's writer; 0 turns it off. See {@link SluiceConfig#pretouchAheadBytes()}. */
        public Builder pretouchAheadBytes(long bytes) {
            this.pretouchAheadBytes = bytes;
            return this;
        }

        public SluiceConfig build() {
            int w = workers != null ? workers
                    : Integer.getInteger("sluice.workers", Runtime.getRuntime().availableProcessors());
            Durability d = durability != null ? durability : durabilityProperty();
            long c = checkpointInterval != null ? checkpointInterval : Long.getLong("sluice.checkpoint.interval.ms", 1000L);
            int s = sourceThreads != null ? sourceThreads : Integer.getInteger("sluice.source.threads", 0);
            long p = pretouchAheadBytes != null ? pretouchAheadBytes
                    : Long.getLong("sluice.storage.pretouch.bytes", StorageConfig.DEFAULT_PRETOUCH_AHEAD_BYTES);
            return new SluiceConfig(dataDir, w, d, c, s, p);
        }

        private static Durability durabilityProperty() {
            String v = System.getProperty("sluice.durability", Durability.PROCESS.name()).trim();
            for (Durability d : Durability.values()) {
                if (d.name().equalsIgnoreCase(v)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("sluice.durability must be PROCESS or SYNC, was '" + v + "'");
        }
    }
}
