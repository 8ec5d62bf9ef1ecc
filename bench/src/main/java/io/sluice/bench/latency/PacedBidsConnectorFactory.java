package io.sluice.bench.latency;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.engine.connector.SourceReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code 'connector' = 'bench-paced-bids'}: the latency benchmark's producer, a source of Nexmark-shaped
 * bids released at a fixed rate, every event at a due time the consumer can compute. Event {@code i} is
 * due at {@code start + i / rate} (wall clock, {@link System#nanoTime}); the reader hands it over at the
 * first poll at or after that time. Latency is then measured from the <i>due</i> time, not from when the
 * reader got round to it, so a worker that falls behind shows up as latency (no coordinated omission).
 *
 * <p>Columns (by name): {@code auction} (a multiple of 123 for every {@code match-every}-th event, so q2
 * selects exactly those), {@code bidder}, {@code price} = i (unique and increasing, so the consumer knows
 * each result's event, and each window's highest bid is its last), {@code channel}, {@code url},
 * {@code date_time} = base + i / event-rate seconds, {@code extra}.
 *
 * <p>The start is a process-wide gate ({@link #release}), not an option: the benchmark declares the
 * stream, starts the pipeline and the consumer, and only then opens the gate, so that no event waits
 * behind planning. Same JVM only; one latency run at a time.
 */
public final class PacedBidsConnectorFactory implements ConnectorFactory {
    /** Base event time: 2015-07-15 00:00:00 UTC (a multiple of every window size), as the Nexmark generators. */
    public static final long BASE_TIME_MS = 1_436_918_400_000L;
    private static final AtomicLong START_NANOS = new AtomicLong(Long.MAX_VALUE);

    /** Opens the gate: event 0 is due at {@code startNanos}. Called by the benchmark's driver thread. */
    public static void release(long startNanos) {
        START_NANOS.set(startNanos);
    }

    /** Closes the gate again (before the next run declares its stream). */
    public static void reset() {
        START_NANOS.set(Long.MAX_VALUE);
    }

    /** Event time of event {@code i}, epoch ms, at {@code eventRate} events per second of event time. */
    public static long eventTime(long i, double eventRate) {
        return BASE_TIME_MS + (long) Math.floor(i * 1000.0 / eventRate);
    }

    @Override
    public String name() {
        return "bench-paced-bids";
    }

    @Override
    public String description() {
        return "latency benchmark: bids released at a fixed rate after the gate opens (bench only)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.required("rate", OptionType.DOUBLE, "events per wall-clock second"),
                ConfigOption.required("events", OptionType.LONG, "events in all; the stream then ends"),
                ConfigOption.optional("event-rate", OptionType.DOUBLE, "10000", "events per second of event time"),
                ConfigOption.optional("match-every", OptionType.LONG, "10", "every n-th event has an auction id that is a multiple of 123"));
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
        double rate = context.options().getDouble("rate", 0);
        long events = context.options().getLong("events", 0);
        double eventRate = context.options().getDouble("event-rate", 10_000);
        long matchEvery = context.options().getLong("match-every", 10);
        if (rate <= 0 || events < 0 || eventRate <= 0 || matchEvery < 1) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "rate",
                    "bench-paced-bids needs rate > 0, events >= 0, event-rate > 0 and match-every >= 1");
        }
        if (context.partitions() != 1) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "partitions",
                    "bench-paced-bids makes one partition's events (one due time per event)");
        }
        RowSchema schema = context.schema();
        return new Source() {
            @Override
            public boolean bounded() {
                return true;
            }

            @Override
            public SourceReader openReader(int partition, byte[] position) {
                long next = position == null ? 0 : ByteBuffer.wrap(position).getLong();
                return new Reader(schema, next, events, rate, eventRate, matchEvery);
            }
        };
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        throw new UnsupportedOperationException("bench-paced-bids is a source");
    }

    /** Hands over the events that are due; allocates nothing per event. One task's thread. */
    private static final class Reader implements SourceReader {
        private final long total;
        private final double nanosPerEvent;
        private final double eventRate;
        private final long matchEvery;
        private final int auction;
        private final int bidder;
        private final int price;
        private final int channel;
        private final int url;
        private final int dateTime;
        private final int extra;
        private final UnsafeBuffer channelBytes = bytes("Google");
        private final UnsafeBuffer urlBytes = bytes("https://www.nexmark.com/bench/item.htm?query=1");
        private final UnsafeBuffer extraBytes = bytes("");
        private long next;

        Reader(RowSchema schema, long next, long total, double rate, double eventRate, long matchEvery) {
            this.next = next;
            this.total = total;
            this.nanosPerEvent = 1e9 / rate;
            this.eventRate = eventRate;
            this.matchEvery = matchEvery;
            this.auction = schema.indexOf("auction");
            this.bidder = schema.indexOf("bidder");
            this.price = schema.indexOf("price");
            this.channel = schema.indexOf("channel");
            this.url = schema.indexOf("url");
            this.dateTime = schema.indexOf("date_time");
            this.extra = schema.indexOf("extra");
            if (price < 0 || dateTime < 0 || auction < 0) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "connector",
                        "bench-paced-bids needs columns auction, price and date_time");
            }
        }

        private static UnsafeBuffer bytes(String s) {
            return new UnsafeBuffer(s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int poll(SourceOutput out, int maxRecords) {
            long start = START_NANOS.get();
            long now = System.nanoTime();
            StallProbe.onPoll(now);
            if (now < start) {
                return 0;
            }
            // every event due by now: i with start + i * nanosPerEvent <= now
            long due = Math.min(total, (long) ((now - start) / nanosPerEvent) + 1);
            int n = 0;
            while (n < maxRecords && next < due) {
                long i = next;
                RowWriter row = out.row();
                long auctionId = 123L * (1000 + i % 1000) + (i % matchEvery == 0 ? 0 : 1);
                row.putLong(auction, auctionId);
                if (bidder >= 0) {
                    row.putLong(bidder, 1000 + i % 5000);
                }
                row.putLong(price, i);
                if (channel >= 0) {
                    row.putStringBytes(channel, channelBytes, 0, channelBytes.capacity());
                }
                if (url >= 0) {
                    row.putStringBytes(url, urlBytes, 0, urlBytes.capacity());
                }
                row.putLong(dateTime, eventTime(i, eventRate));
                if (extra >= 0) {
                    row.putStringBytes(extra, extraBytes, 0, 0);
                }
                out.emit();
                next++;
                n++;
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return next >= total;
        }

        @Override
        public byte[] position() {
            return ByteBuffer.allocate(8).putLong(next).array();
        }

        @Override
        public String describePosition() {
            return "bench-paced-bids event " + next;
        }

        @Override
        public void close() {
        }
    }
}
