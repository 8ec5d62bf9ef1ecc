package io.sluice.connectors.kafka;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import java.util.List;

/**
 * {@code 'connector' = 'kafka'}: reads a topic into a stream (source, the default), or writes a
 * stream's rows to a topic ({@code 'mode' = 'sink'}). Needs a {@code 'format'} (json or csv): one
 * record value is one row. See the package documentation for partitions and delivery.
 *
 * <p>Options are checked when {@code CREATE STREAM} runs; nothing connects to Kafka until the
 * stream's tasks start.
 */
public final class KafkaConnectorFactory implements ConnectorFactory {
    static final String BOOTSTRAP = "bootstrap.servers";
    static final String TOPIC = "topic";
    static final String STARTUP_MODE = "startup.mode";
    static final String ISOLATION = "isolation.level";
    static final String DELIVERY = "sink.delivery";
    static final String PARTITIONER = "sink.partitioner";
    static final String KEY_COLUMN = "sink.key.column";
    static final String TXN_PREFIX = "transactional.id.prefix";
    static final String PROPERTIES = "properties";

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String description() {
        return "a Kafka topic read into a stream (exactly-once), or a stream written to a topic (transactions)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.required(BOOTSTRAP, OptionType.STRING, "the brokers to connect to: host:port[,host:port...]"),
                ConfigOption.required(TOPIC, OptionType.STRING, "the topic to read or write"),
                ConfigOption.oneOf(STARTUP_MODE, List.of("earliest", "latest"), "earliest",
                        "source: where a new stream starts reading each partition (later starts resume from the checkpoint)"),
                ConfigOption.oneOf(ISOLATION, List.of("read_committed", "read_uncommitted"), "read_committed",
                        "source: whether records of open or aborted transactions are read"),
                ConfigOption.oneOf(DELIVERY, List.of("exactly-once", "at-least-once"), "exactly-once",
                        "sink: transactions tied to Sluice's checkpoints, or plain idempotent producers"),
                ConfigOption.oneOf(PARTITIONER, List.of("fixed", "kafka"), "fixed",
                        "sink: stream partition p writes Kafka partition p mod k (fixed), or Kafka's partitioner picks by key"),
                ConfigOption.optional(KEY_COLUMN, OptionType.STRING, null,
                        "sink: the column whose text is the record key (default: no key)"),
                ConfigOption.optional(TXN_PREFIX, OptionType.STRING, null,
                        "sink: transactional ids are <prefix>-<partition>; default sluice-<stream>; must be unique per sink"),
                ConfigOption.optional(PROPERTIES, OptionType.STRING, null,
                        "more client properties, 'key=value;key=value' (security, timeouts...)"));
    }

    @Override
    public boolean isSource() {
        return true;
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public boolean needsFormat() {
        return true;
    }

    @Override
    public void validate(ConnectorContext context, boolean sink) {
        KafkaSettings.of(context); // checks servers, topic and properties
        String key = context.options().get(KEY_COLUMN);
        if (key != null) {
            if (!sink) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, KEY_COLUMN,
                        "Option '" + KEY_COLUMN + "' applies to a kafka sink ('mode' = 'sink'), not a source");
            }
            if (context.schema().indexOf(key) < 0) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, KEY_COLUMN, "Option '" + KEY_COLUMN
                        + "' names column '" + key + "', which stream " + context.stream() + " does not have");
            }
        }
        if (!sink && context.options().has(TXN_PREFIX)) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, TXN_PREFIX,
                    "Option '" + TXN_PREFIX + "' applies to a kafka sink ('mode' = 'sink'), not a source");
        }
    }

    @Override
    public Source createSource(ConnectorContext context) {
        return new KafkaSource(context, KafkaSettings.of(context));
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        return new KafkaSink(context, KafkaSettings.of(context));
    }
}
