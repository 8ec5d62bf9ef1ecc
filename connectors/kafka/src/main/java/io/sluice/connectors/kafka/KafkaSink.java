package io.sluice.connectors.kafka;

import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.DeliveryGuarantee;
import io.sluice.engine.connector.Format;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;

/**
 * The kafka sink of one stream: one {@link KafkaSinkWriter} (one producer) per stream partition.
 * Exactly-once by default (transactions), at-least-once with {@code 'sink.delivery' = 'at-least-once'}.
 * Thread-safe (immutable).
 */
final class KafkaSink implements Sink {
    private final ConnectorContext context;
    private final KafkaSettings settings;
    private final Format format;
    private final boolean exactlyOnce;

    KafkaSink(ConnectorContext context, KafkaSettings settings) {
        this.context = context;
        this.settings = settings;
        this.format = context.requireFormat("kafka");
        this.exactlyOnce = settings.option(KafkaConnectorFactory.DELIVERY).equals("exactly-once");
    }

    @Override
    public DeliveryGuarantee guarantee() {
        return exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /** The transactional id of partition {@code p}'s producer: stable across restarts, one per writer. */
    String transactionalId(int partition) {
        String prefix = settings.option(KafkaConnectorFactory.TXN_PREFIX);
        return (prefix == null ? "sluice-" + context.stream() : prefix) + "-" + partition;
    }

    @Override
    public SinkWriter openWriter(int partition, byte[] state) {
        String key = settings.option(KafkaConnectorFactory.KEY_COLUMN);
        return new KafkaSinkWriter(settings, partition, exactlyOnce ? transactionalId(partition) : null,
                format.newEncoder(), key == null ? -1 : context.schema().indexOf(key),
                settings.option(KafkaConnectorFactory.PARTITIONER).equals("fixed"), state);
    }
}
