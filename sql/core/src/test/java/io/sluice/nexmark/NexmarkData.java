package io.sluice.nexmark;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A generated data set: the events in event-time order, and each kind on its own. Immutable. */
public final class NexmarkData {
    private final NexmarkConfig config;
    private final List<NexmarkEvent> events;
    private final List<Person> persons;
    private final List<Auction> auctions;
    private final List<Bid> bids;

    public NexmarkData(NexmarkConfig config, List<? extends NexmarkEvent> events) {
        this.config = config;
        this.events = List.copyOf(events);
        this.persons = this.events.stream().filter(Person.class::isInstance).map(Person.class::cast).toList();
        this.auctions = this.events.stream().filter(Auction.class::isInstance).map(Auction.class::cast).toList();
        this.bids = this.events.stream().filter(Bid.class::isInstance).map(Bid.class::cast).toList();
    }

    /** Generates the data set of a config. */
    public static NexmarkData generate(NexmarkConfig config) {
        return new NexmarkGenerator(config).generate();
    }

    /** Hand-built events (oracle unit tests); the config only documents where they came from. */
    public static NexmarkData of(NexmarkEvent... events) {
        return new NexmarkData(NexmarkConfig.defaults().withEvents(events.length), List.of(events));
    }

    public NexmarkConfig config() {
        return config;
    }

    public List<NexmarkEvent> events() {
        return events;
    }

    public List<Person> persons() {
        return persons;
    }

    public List<Auction> auctions() {
        return auctions;
    }

    public List<Bid> bids() {
        return bids;
    }

    /** An epoch-ms UTC time as the TIMESTAMP(3) value Sluice returns for it. */
    public static LocalDateTime timestamp(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), (int) Math.floorMod(epochMillis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS}: the text form of a TIMESTAMP(3) in SQL literals and JSON. */
    public static String timestampText(long epochMillis) {
        LocalDateTime t = timestamp(epochMillis);
        return String.format("%04d-%02d-%02d %02d:%02d:%02d.%03d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
    }

    @Override
    public String toString() {
        return "NexmarkData[" + persons.size() + " persons, " + auctions.size() + " auctions, " + bids.size() + " bids, "
                + (events.isEmpty() ? "no events" : timestampText(events.get(0).dateTime()) + " .. "
                + timestampText(events.get(events.size() - 1).dateTime())) + "]";
    }
}
