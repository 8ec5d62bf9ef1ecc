package io.sluice.connectors.jdbc;

import io.sluice.engine.connector.DeliveryGuarantee;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;

/** The jdbc sink of one stream: one {@link JdbcSinkWriter} (one connection) per partition. Immutable. */
final class JdbcSink implements Sink {
    private final JdbcSinkSettings settings;

    JdbcSink(JdbcSinkSettings settings) {
        this.settings = settings;
    }

    /** Upserts by key are idempotent (exactly-once in effect); plain inserts are at-least-once. */
    @Override
    public DeliveryGuarantee guarantee() {
        return settings.upsert() ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public SinkWriter openWriter(int partition, byte[] state) {
        return new JdbcSinkWriter(settings, partition);
    }
}
