package io.sluice.connectors.kafka;

import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.Format;
import io.sluice.engine.connector.Source;
import io.sluice.engine.connector.SourceReader;

/**
 * The kafka source of one stream: unbounded; reader {@code p} reads the topic's partitions
 * {@code i} with {@code i mod n == p}. Thread-safe (immutable).
 */
final class KafkaSource implements Source {
    private final ConnectorContext context;
    private final KafkaSettings settings;
    private final Format format;

    KafkaSource(ConnectorContext context, KafkaSettings settings) {
        this.context = context;
        this.settings = settings;
        this.format = context.requireFormat("kafka");
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public SourceReader openReader(int partition, byte[] position) {
        return new KafkaSourceReader(settings, partition, context.partitions(), format.newDecoder(),
                KafkaSourcePosition.decode(position));
    }
}
