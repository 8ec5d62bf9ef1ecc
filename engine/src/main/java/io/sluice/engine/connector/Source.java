package io.sluice.engine.connector;

/**
 * What fills one stream: one {@link SourceReader} per partition of the stream. Made by
 * {@link ConnectorFactory#createSource}; thread-safe (readers are opened on worker threads).
 */
public interface Source {
    /**
     * Whether the input ends (a file read once, a generator with a count). A bounded source's readers
     * finish; each source task then appends an END control record to every partition of the stream.
     */
    boolean bounded();

    /**
     * Opens the reader of source partition {@code partition} (0 &le; partition &lt; the stream's
     * partition count). A source spreads its input over the readers so that every record is read by
     * exactly one of them, the same one at every start (a file by a stable hash of its path, event
     * number {@code i} of a generator by {@code i % partitions}...).
     *
     * @param position what {@link SourceReader#position()} returned at the last checkpoint, or null
     *                 to start from the beginning of the input
     */
    SourceReader openReader(int partition, byte[] position);
}
