package io.sluice.connectors.sinks;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.DeliveryGuarantee;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.engine.connector.Source;
import io.sluice.storage.row.RowReader;
import java.util.List;

/**
 * {@code 'connector' = 'blackhole'}: a sink that discards every row (counted in SHOW STREAMS), for
 * benchmarks and for draining a stream. Nothing is delivered, so nothing is delivered twice: it
 * reports exactly-once.
 */
public final class BlackholeConnectorFactory implements ConnectorFactory {
    @Override
    public String name() {
        return "blackhole";
    }

    @Override
    public String description() {
        return "discards every row (a sink)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of();
    }

    @Override
    public boolean isSource() {
        return false;
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public boolean needsFormat() {
        return false;
    }

    @Override
    public Source createSource(ConnectorContext context) {
        throw new UnsupportedOperationException("blackhole is a sink");
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        return new Sink() {
            @Override
            public DeliveryGuarantee guarantee() {
                return DeliveryGuarantee.EXACTLY_ONCE;
            }

            @Override
            public SinkWriter openWriter(int partition, byte[] state) {
                return new SinkWriter() {
                    @Override
                    public void write(RowReader row) {
                    }

                    @Override
                    public byte[] prepareCheckpoint() {
                        return null;
                    }

                    @Override
                    public void commit(byte[] state) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
