package io.sluice.engine.connector;

/**
 * Where one stream's rows go: one {@link SinkWriter} per partition of the stream, each fed by a sink
 * task that reads that partition's log from its checkpoint. Made by {@link ConnectorFactory#createSink};
 * thread-safe.
 */
public interface Sink {
    /** What this sink promises after a crash; shown by DESCRIBE STREAM. */
    DeliveryGuarantee guarantee();

    /**
     * Opens the writer of partition {@code partition}. Before returning, a writer given a state must
     * bring the external system in line with it: an exactly-once sink makes what it wrote after that
     * checkpoint disappear or become idempotent (truncate a file to the stored length, commit or
     * abort the transaction the state names); an at-least-once sink may ignore it.
     *
     * @param state what {@link SinkWriter#prepareCheckpoint()} returned for the last checkpoint that
     *              became durable, or null at the first start
     */
    SinkWriter openWriter(int partition, byte[] state);
}
