package io.sluice.connectors.nexmark;

/**
 * The Nexmark data model: which kind event {@code i} is, and the id arithmetic that makes persons,
 * auctions and bids refer to each other. Numbers are the Nexmark generator's defaults (Beam's
 * NexmarkConfiguration, nexmark-flink): out of every 50 events 1 is a person, 3 are auctions and 46
 * are bids; ids start at 1000; 5 categories from 10; hot auctions 1/2, hot sellers and bidders 3/4;
 * 100 auctions in flight, 1000 active people.
 */
final class NexmarkModel {
    static final int PERSONS = 1;
    static final int AUCTIONS = 3;
    static final int BIDS = 46;
    static final int PERIOD = PERSONS + AUCTIONS + BIDS;

    static final long FIRST_PERSON = 1000;
    static final long FIRST_AUCTION = 1000;
    static final long FIRST_CATEGORY = 10;
    static final int CATEGORIES = 5;
    static final int HOT_AUCTION_RATIO = 2;
    static final int HOT_SELLER_RATIO = 4;
    static final int HOT_BIDDER_RATIO = 4;
    static final int HOT_BATCH = 100;
    static final int AUCTIONS_IN_FLIGHT = 100;
    static final int ACTIVE_PEOPLE = 1000;
    static final int FUTURE_PERSON_IDS = 10;
    static final int FUTURE_AUCTION_IDS = 10;
    static final int PERSON_BYTES = 200;
    static final int AUCTION_BYTES = 500;
    static final int BID_BYTES = 100;
    static final int SHORTEST_STRING = 3;
    static final int HOT_CHANNEL_RATIO = 2;
    static final int CHANNELS = 10_000;

    static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    static final String[] CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond",
        "Seattle", "Kent", "Cheyenne"};
    static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah",
        "Deiter", "Walter"};
    static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
    static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

    /** The three kinds of event, with their stable numbers (the union files' event_type). */
    enum Kind {
        PERSON(0, PERSONS, 0), AUCTION(1, AUCTIONS, PERSONS), BID(2, BIDS, PERSONS + AUCTIONS);

        final int type;
        final int perPeriod;
        final int firstInPeriod;

        Kind(int type, int perPeriod, int firstInPeriod) {
            this.type = type;
            this.perPeriod = perPeriod;
            this.firstInPeriod = firstInPeriod;
        }

        /**
         * The event id of the {@code n}-th (from 0) event of this kind. Called once per generated event:
         * the divisors are spelled as constants per kind because the JIT turns a division by a
         * constant into a multiply and shift, where dividing by the {@code perPeriod} field (an enum's
         * final field is not a constant to it) cost two 64-bit hardware divisions per event.
         */
        long eventId(long n) {
            return switch (this) {
                case PERSON -> n / PERSONS * PERIOD + n % PERSONS;
                case AUCTION -> n / AUCTIONS * PERIOD + PERSONS + n % AUCTIONS;
                case BID -> n / BIDS * PERIOD + (PERSONS + AUCTIONS) + n % BIDS;
            };
        }

        /** How many events of this kind have ids below {@code events}. */
        long countBelow(long events) {
            long full = events / PERIOD * perPeriod;
            long rest = events % PERIOD - firstInPeriod;
            return full + Math.max(0, Math.min(rest, perPeriod));
        }
    }

    private NexmarkModel() {
    }

    static Kind kindOf(long eventId) {
        long r = eventId % PERIOD;
        return r < PERSONS ? Kind.PERSON : r < PERSONS + AUCTIONS ? Kind.AUCTION : Kind.BID;
    }

    /** 0-based id of the newest person at event {@code eventId}. */
    static long lastPerson(long eventId) {
        return eventId / PERIOD * PERSONS + Math.min(eventId % PERIOD, PERSONS - 1);
    }

    /** 0-based id of the newest auction at event {@code eventId} (-1 before the first). */
    static long lastAuction(long eventId) {
        long period = eventId / PERIOD;
        long inPeriod = eventId % PERIOD;
        if (inPeriod < PERSONS) {
            return (period - 1) * AUCTIONS + AUCTIONS - 1;
        }
        return period * AUCTIONS + Math.min(inPeriod - PERSONS, AUCTIONS - 1);
    }

    /** A 0-based person id among the most recent active people, or a little ahead of them. */
    static long somePerson(long eventId, SplitMix rng) {
        long people = lastPerson(eventId) + 1;
        long active = Math.min(people, ACTIVE_PEOPLE);
        return people - active + rng.below(active + FUTURE_PERSON_IDS);
    }

    /** A 0-based auction id among those probably still open, or a little ahead of them. */
    static long someAuction(long eventId, SplitMix rng) {
        long newest = lastAuction(eventId);
        long oldest = Math.max(newest - AUCTIONS_IN_FLIGHT, 0);
        return oldest + rng.below(newest - oldest + 1 + FUTURE_AUCTION_IDS);
    }

    /** A price in cents, log-uniform between 1.00 and 1,000,000.00. */
    static long price(SplitMix rng) {
        return Math.round(Math.pow(10.0, rng.unit() * 6.0) * 100.0);
    }
}
