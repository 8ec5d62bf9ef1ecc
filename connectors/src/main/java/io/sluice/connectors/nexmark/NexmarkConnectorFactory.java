package io.sluice.connectors.nexmark;

import io.sluice.connectors.nexmark.NexmarkModel.Kind;
import io.sluice.connectors.sequence.SequenceReader;
import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import io.sluice.engine.connector.SourceReader;
import io.sluice.storage.row.RowWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code 'connector' = 'nexmark'}: the Nexmark benchmark's generator as a source. One stream per kind
 * of event ({@code 'kind'} = person, auction or bid) over the one event sequence of the Nexmark
 * model (1 person, 3 auctions, 46 bids in every 50 events); streams with the same seed, event count
 * and event rate agree on ids, so persons, auctions and bids join as the benchmark expects.
 *
 * <p>{@code 'events'} bounds the sequence (all kinds together; the stream then ends), {@code 'rate'}
 * paces it in events per wall-clock second (without it, as fast as it can be made), and
 * {@code 'event-rate'} spaces event time ({@code dateTime}) from {@code 'base-time'} (default 10,000
 * events per second of event time from 2015-07-15 00:00:00, the Nexmark defaults). Event {@code i}
 * goes to reader {@code n % partitions}, where n is its number within its kind.
 */
public final class NexmarkConnectorFactory implements ConnectorFactory {
    @Override
    public String name() {
        return "nexmark";
    }

    @Override
    public String description() {
        return "the Nexmark generator: person, auction or bid events";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.oneOf("kind", List.of("person", "auction", "bid"), null, "which events the stream holds"),
                ConfigOption.optional("events", OptionType.LONG, null,
                        "number of events of all kinds in the sequence; the stream ends after its share (unbounded without it)"),
                ConfigOption.optional("rate", OptionType.DOUBLE, null,
                        "events of all kinds per wall-clock second (as fast as possible without it)"),
                ConfigOption.optional("event-rate", OptionType.DOUBLE, "10000", "events per second of event time"),
                ConfigOption.optional("seed", OptionType.LONG, "42", "seed of the generator: the same seed gives the same events"),
                ConfigOption.optional("base-time", OptionType.STRING, "2015-07-15T00:00:00Z", "event time of the first event (ISO instant)"));
    }

    @Override
    public boolean isSource() {
        return true;
    }

    @Override
    public boolean isSink() {
        return false;
    }

    @Override
    public boolean needsFormat() {
        return false;
    }

    @Override
    public Source createSource(ConnectorContext context) {
        Kind kind = Kind.valueOf(context.options().get("kind").toUpperCase(Locale.ROOT));
        NexmarkGenerator.check(kind, context.schema());
        long events = context.options().getLong("events", -1);
        if (context.options().has("events") && events < 0) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "events", "Option 'events' must not be negative");
        }
        double rate = context.options().getDouble("rate", 0);
        if (context.options().has("rate") && rate <= 0) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "rate", "Option 'rate' must be positive");
        }
        double eventRate = context.options().getDouble("event-rate", 10_000);
        if (eventRate <= 0) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "event-rate", "Option 'event-rate' must be positive");
        }
        long base;
        try {
            base = Instant.parse(context.options().get("base-time")).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "base-time", "Option 'base-time' must be an ISO "
                    + "instant such as 2015-07-15T00:00:00Z, not '" + context.options().get("base-time") + "'");
        }
        long seed = context.options().getLong("seed", 42);
        long total = events < 0 ? Long.MAX_VALUE : kind.countBelow(events);
        int partitions = context.partitions();
        return new Source() {
            @Override
            public boolean bounded() {
                return events >= 0;
            }

            @Override
            public SourceReader openReader(int partition, byte[] position) {
                return new Reader(new NexmarkGenerator(kind, context.schema(), seed, base, eventRate), kind,
                        SequenceReader.startOf(partition, position), partitions, total, rate);
            }
        };
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        throw new UnsupportedOperationException("nexmark is a source");
    }

    /** Makes the events of one reader: numbers next, next + partitions, ... within the kind. */
    private static final class Reader extends SequenceReader {
        private final NexmarkGenerator generator;
        private final Kind kind;

        Reader(NexmarkGenerator generator, Kind kind, long next, int step, long total, double rate) {
            super(next, step, total, rate);
            this.generator = generator;
            this.kind = kind;
        }

        /** Paced by the event id across all kinds, so every stream moves at the sequence's rate. */
        @Override
        protected long paceKey(long n) {
            return kind.eventId(n);
        }

        @Override
        protected void fill(long n, RowWriter row) {
            generator.generate(kind.eventId(n), row);
        }

        @Override
        protected String describe(long current) {
            return "nexmark " + kind.name().toLowerCase(Locale.ROOT) + " event " + current;
        }
    }
}
