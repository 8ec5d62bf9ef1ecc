package io.sluice.engine.connector;

import io.sluice.storage.row.RowSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's connector declaration, resolved and checked: which connector, used as source or sink,
 * with which format, and every option validated against what the connector and the format declare.
 * Made by {@link #resolve} when {@code CREATE STREAM} runs (an error there creates nothing) and again
 * from the catalog when the engine starts.
 *
 * <p>The stream's {@code WITH} options fall in three groups: the stream's own ({@link #STREAM_OPTIONS}),
 * the format's (written {@code <format>.<option>}), and the connector's (everything else). An option
 * in none of them is an error that names it and lists the ones that exist.
 */
public final class ConnectorSpec {
    public static final String CONNECTOR = "connector";
    public static final String FORMAT = "format";
    /** {@code 'source'} (the connector fills the stream) or {@code 'sink'} (the stream's rows go to it). */
    public static final String MODE = "mode";
    /** Options that belong to the stream itself, never to its connector. */
    public static final Set<String> STREAM_OPTIONS = Set.of("partitions", "key", CONNECTOR, FORMAT, MODE);

    private final String stream;
    private final RowSchema schema;
    private final int partitions;
    private final ConnectorFactory factory;
    private final boolean sink;
    private final FormatFactory formatFactory;
    private final Options options;
    private final Options formatOptions;

    private ConnectorSpec(String stream, RowSchema schema, int partitions, ConnectorFactory factory, boolean sink,
                          FormatFactory formatFactory, Options options, Options formatOptions) {
        this.stream = stream;
        this.schema = schema;
        this.partitions = partitions;
        this.factory = factory;
        this.sink = sink;
        this.formatFactory = formatFactory;
        this.options = options;
        this.formatOptions = formatOptions;
    }

    /**
     * Resolves and validates a stream's connector declaration.
     *
     * @param with the stream's WITH options, keys lower case
     * @return empty when the options name no connector (a native stream, filled by INSERT)
     * @throws ConnectorException naming the option at fault; nothing has been started
     */
    public static Optional<ConnectorSpec> resolve(String stream, RowSchema schema, int partitions, Map<String, String> with) {
        String name = with.get(CONNECTOR);
        if (name == null) {
            for (String k : List.of(FORMAT, MODE)) {
                if (with.containsKey(k)) {
                    throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, k, "Option '" + k
                            + "' applies to a connector, and stream " + stream + " names none: add 'connector' = '...'");
                }
            }
            return Optional.empty();
        }
        ConnectorFactory factory = Connectors.connector(name).orElseThrow(() -> new ConnectorException(
                ConnectorException.Reason.UNKNOWN_NAME, CONNECTOR, "Unknown connector '" + name + "'; the connectors are "
                + quoted(Connectors.connectorNames())));

        boolean sink = mode(factory, with.get(MODE));
        FormatFactory format = null;
        String formatName = with.get(FORMAT);
        if (formatName != null) {
            if (!factory.needsFormat()) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, FORMAT, "Connector '" + factory.name()
                        + "' makes its own rows and takes no 'format'");
            }
            format = Connectors.format(formatName).orElseThrow(() -> new ConnectorException(
                    ConnectorException.Reason.UNKNOWN_NAME, FORMAT, "Unknown format '" + formatName + "'; the formats are "
                    + quoted(Connectors.formatNames())));
        } else if (factory.needsFormat()) {
            throw new ConnectorException(ConnectorException.Reason.MISSING_OPTION, FORMAT, "Connector '" + factory.name()
                    + "' needs option 'format' (one of " + quoted(Connectors.formatNames()) + ")");
        }

        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> formatOwn = new LinkedHashMap<>();
        String prefix = format == null ? null : format.name() + ".";
        for (Map.Entry<String, String> e : with.entrySet()) {
            String k = e.getKey();
            if (STREAM_OPTIONS.contains(k)) {
                continue;
            }
            if (prefix != null && k.startsWith(prefix)) {
                formatOwn.put(k.substring(prefix.length()), e.getValue());
            } else {
                own.put(k, e.getValue());
            }
        }
        Options options = check(own, factory.options(), schema, "", "connector '" + factory.name() + "'", format);
        Options formatOptions = format == null ? Options.of(Map.of())
                : check(formatOwn, format.options(), schema, prefix, "format '" + format.name() + "'", null);
        ConnectorSpec spec = new ConnectorSpec(stream, schema, partitions, factory, sink, format, options, formatOptions);
        ConnectorContext context = spec.context();
        factory.validate(context, sink);
        // Creating the source or sink checks what only the connector knows; it must not connect yet.
        if (sink) {
            factory.createSink(context);
        } else {
            factory.createSource(context);
        }
        return Optional.of(spec);
    }

    private static boolean mode(ConnectorFactory factory, String mode) {
        if (mode == null) {
            return !factory.isSource();
        }
        String m = mode.trim().toLowerCase(Locale.ROOT);
        if (!m.equals("source") && !m.equals("sink")) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, MODE,
                    "Option 'mode' must be 'source' or 'sink', not '" + mode + "'");
        }
        boolean sink = m.equals("sink");
        if (sink && !factory.isSink() || !sink && !factory.isSource()) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, MODE, "Connector '" + factory.name()
                    + "' cannot be a " + m + "; it is only a " + (sink ? "source" : "sink"));
        }
        return sink;
    }

    /** Checks given options against declared ones: no unknown, none missing, each of its type; fills defaults. */
    private static Options check(Map<String, String> given, List<ConfigOption> declared, RowSchema schema,
                                 String prefix, String owner, FormatFactory format) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            ConfigOption option = match(e.getKey(), declared, schema);
            if (option == null) {
                throw unknown(prefix + e.getKey(), declared, prefix, owner, format);
            }
            String v = option.type().canonical(e.getValue(), option);
            if (v == null) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, prefix + e.getKey(), "Option '"
                        + prefix + e.getKey() + "' must be " + option.type().expected(option) + ", not '" + e.getValue() + "'");
            }
            out.put(e.getKey(), v);
        }
        for (ConfigOption o : declared) {
            if (o.perColumn()) {
                continue;
            }
            if (!out.containsKey(o.name())) {
                if (o.required()) {
                    throw new ConnectorException(ConnectorException.Reason.MISSING_OPTION, prefix + o.name(),
                            Character.toUpperCase(owner.charAt(0)) + owner.substring(1) + " needs option '" + prefix + o.name() + "' (" + o.description() + ")");
                }
                if (o.defaultValue() != null) {
                    out.put(o.name(), o.defaultValue());
                }
            }
        }
        return new Options(out);
    }

    private static ConfigOption match(String key, List<ConfigOption> declared, RowSchema schema) {
        for (ConfigOption o : declared) {
            if (!o.perColumn()) {
                if (o.name().equals(key)) {
                    return o;
                }
                continue;
            }
            int at = o.name().indexOf(ConfigOption.COLUMN);
            Matcher m = Pattern.compile(Pattern.quote(o.name().substring(0, at)) + "(.+)"
                    + Pattern.quote(o.name().substring(at + 1))).matcher(key);
            if (m.matches() && schema.indexOf(m.group(1)) >= 0) {
                return o;
            }
        }
        return null;
    }

    private static ConnectorException unknown(String key, List<ConfigOption> declared, String prefix, String owner,
                                              FormatFactory format) {
        List<String> names = new ArrayList<>();
        declared.forEach(o -> names.add(prefix + o.name()));
        String hint = names.isEmpty() ? owner + " takes no options" : "the options of " + owner + " are " + quoted(names);
        if (format != null && prefix.isEmpty()) {
            hint += "; the format's are written '" + format.name() + ".<option>'";
        }
        if (key.contains(ConfigOption.COLUMN) || declared.stream().anyMatch(ConfigOption::perColumn)) {
            hint += " ('#' stands for a column of the stream)";
        }
        return new ConnectorException(ConnectorException.Reason.UNKNOWN_OPTION, key, "Unknown option '" + key
                + "'; " + hint);
    }

    private static String quoted(List<String> names) {
        return names.isEmpty() ? "(none on the class path)"
                : String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    /** A fresh context: binds the format (which may fail with a ConnectorException naming its option). */
    public ConnectorContext context() {
        Format format = null;
        if (formatFactory != null) {
            try {
                format = formatFactory.create(schema, formatOptions);
            } catch (ConnectorException e) {
                String opt = e.option() == null || e.option().startsWith(formatFactory.name() + ".") ? e.option()
                        : formatFactory.name() + "." + e.option();
                throw new ConnectorException(e.reason(), opt, e.getMessage(), e.getCause());
            }
        }
        return new ConnectorContext(stream, schema, partitions, options, format);
    }

    public ConnectorFactory factory() {
        return factory;
    }

    /** True when the stream's rows go to the connector; false when the connector fills the stream. */
    public boolean isSink() {
        return sink;
    }

    /** The format's factory, or null. */
    public FormatFactory formatFactory() {
        return formatFactory;
    }

    public Options options() {
        return options;
    }

    public Options formatOptions() {
        return formatOptions;
    }

    /** A new source (a stream the connector fills). */
    public Source createSource() {
        if (sink) {
            throw new IllegalStateException("stream " + stream + " is a sink");
        }
        return factory.createSource(context());
    }

    /** A new sink (a stream whose rows go to the connector). */
    public Sink createSink() {
        if (!sink) {
            throw new IllegalStateException("stream " + stream + " is filled by its source");
        }
        return factory.createSink(context());
    }
}
