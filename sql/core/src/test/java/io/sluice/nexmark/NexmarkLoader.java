package io.sluice.nexmark;

import io.sluice.Sluice;
import java.nio.file.Path;

/**
 * Creates the streams {@code person}, {@code auction} and {@code bid} (see {@link NexmarkSchema})
 * in a Sluice and fills them with a data set. Two ways exist: {@link InsertLoader} (batched
 * INSERT ... VALUES into native streams, which never end) and {@link FileLoader} (a bounded
 * {@code file} source per stream, which ends and flushes every window); the test picks one with
 * {@code -Dnexmark.loader=insert|file}.
 */
public interface NexmarkLoader {
    /**
     * Creates the three streams and starts filling them. Called once, on the test thread, before any
     * query; returns when the rows are written (INSERT) or the sources are created (file).
     *
     * @param workDir a directory the loader may write files into
     */
    void load(Sluice sluice, NexmarkData data, Path workDir);

    /** Where each stream's watermark ends up once everything loaded has been read. */
    FinalWatermarks finalWatermarks(NexmarkData data);

    /** The loader named by a {@code -Dnexmark.loader} value. */
    static NexmarkLoader named(String name) {
        return switch (name) {
            case "insert" -> new InsertLoader(Integer.getInteger("nexmark.partitions", InsertLoader.DEFAULT_PARTITIONS),
                    Integer.getInteger("nexmark.insert.batch", InsertLoader.DEFAULT_BATCH));
            case "file" -> new FileLoader();
            default -> throw new IllegalArgumentException("nexmark.loader must be 'insert' or 'file', not '" + name + "'");
        };
    }
}
