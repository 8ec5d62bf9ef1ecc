package io.sluice.connectors.kafka;

import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Options;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A kafka stream's options, checked and parsed once: the servers, the topic, and the client
 * properties every consumer and producer of the stream starts from. Immutable.
 *
 * @param servers     the bootstrap servers, as given
 * @param topic       the topic
 * @param extra       the {@code 'properties'} option parsed (may override anything but serializers)
 * @param options     all validated options
 */
record KafkaSettings(String stream, String servers, String topic, Map<String, String> extra, Options options) {
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SERVER = Pattern.compile("\\s*(\\[[0-9a-fA-F:.]+\\]|[^\\s:,\\[\\]]+):\\d{1,5}\\s*");

    /** Checks and parses; throws a {@link ConnectorException} naming the option at fault. */
    static KafkaSettings of(ConnectorContext context) {
        Options o = context.options();
        String servers = o.get(KafkaConnectorFactory.BOOTSTRAP);
        for (String s : servers.split(",", -1)) {
            if (!SERVER.matcher(s).matches()) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, KafkaConnectorFactory.BOOTSTRAP,
                        "Option '" + KafkaConnectorFactory.BOOTSTRAP + "' must be host:port[,host:port...], not '"
                                + servers + "'");
            }
        }
        String topic = o.get(KafkaConnectorFactory.TOPIC);
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, KafkaConnectorFactory.TOPIC,
                    "Option 'topic' must be a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), not '"
                            + topic + "'");
        }
        return new KafkaSettings(context.stream(), servers.trim(), topic, parseProperties(o.get(KafkaConnectorFactory.PROPERTIES)), o);
    }

    private static Map<String, String> parseProperties(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? "" : pair.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, KafkaConnectorFactory.PROPERTIES,
                        "Option 'properties' must be 'key=value;key=value', and '" + pair.trim() + "' is not key=value");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".serializer") || lower.endsWith(".deserializer") || lower.equals("transactional.id")
                    || lower.equals("enable.auto.commit") || lower.equals("group.id")) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, KafkaConnectorFactory.PROPERTIES,
                        "Option 'properties' cannot set '" + key + "': the connector owns it");
            }
            out.put(key, pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** Properties every client of this stream starts from: the servers, a client id, the extras. */
    Properties clientProperties(String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers);
        p.put("client.id", clientId);
        p.putAll(extra);
        return p;
    }

    String option(String name) {
        return options.get(name);
    }
}
