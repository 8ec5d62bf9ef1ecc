package io.sluice.nexmark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the Nexmark events deterministically, following the model of the Nexmark generator
 * (Beam / nexmark-flink): per 50 events one person, three auctions and 46 bids, in that order;
 * persons and auctions numbered from 1000; "hot" sellers, auctions and bidders; log-uniform prices;
 * categories 10..14; evenly spaced, increasing event times.
 *
 * <p>Each event draws only from its own random stream, seeded from (seed, event number), so a
 * shorter data set is an exact prefix of a longer one with the same seed.
 */
public final class NexmarkGenerator {
    static final int PERSON_PROPORTION = 1;
    static final int AUCTION_PROPORTION = 3;
    static final int BID_PROPORTION = 46;
    static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

    static final long FIRST_PERSON_ID = 1000;
    static final long FIRST_AUCTION_ID = 1000;
    static final long FIRST_CATEGORY_ID = 10;
    static final int NUM_CATEGORIES = 5;

    /** Hot sellers/auctions/bidders are the first (second, for bidders) of each batch of this many ids. */
    static final int HOT_BATCH = 100;
    /** P(hot seller) = 1 - 1/4, P(hot auction) = 1 - 1/2, P(hot bidder) = 1 - 1/4. */
    static final int HOT_SELLERS_RATIO = 4;
    static final int HOT_AUCTION_RATIO = 2;
    static final int HOT_BIDDERS_RATIO = 4;
    static final int NUM_ACTIVE_PEOPLE = 1000;
    static final int NUM_IN_FLIGHT_AUCTIONS = 100;
    /** Ids a bid or auction may name beyond the newest person/auction ("future" ids). */
    static final int PERSON_ID_LEAD = 10;
    static final int AUCTION_ID_LEAD = 10;

    static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah",
        "Deiter", "Walter"};
    static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones",
        "Noris"};
    static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    static final String[] US_CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
        "Redmond", "Seattle", "Kent", "Cheyenne"};
    static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    static final int NUM_CHANNELS = 10_000;

    private final NexmarkConfig config;

    public NexmarkGenerator(NexmarkConfig config) {
        this.config = config;
    }

    /** Generates every event of the config, in event-time order. */
    public NexmarkData generate() {
        List<NexmarkEvent> events = new ArrayList<>(config.events());
        for (long i = 0; i < config.events(); i++) {
            events.add(event(i));
        }
        return new NexmarkData(config, events);
    }

    /** Event number {@code i}; its kind is fixed by {@code i % 50}. */
    public NexmarkEvent event(long i) {
        SplittableRandom random = new SplittableRandom(mix(config.seed(), i));
        long offset = i % TOTAL_PROPORTION;
        if (offset < PERSON_PROPORTION) {
            return person(i, random);
        }
        if (offset < PERSON_PROPORTION + AUCTION_PROPORTION) {
            return auction(i, random);
        }
        return bid(i, random);
    }

    private Person person(long i, SplittableRandom r) {
        long id = lastBase0PersonId(i) + FIRST_PERSON_ID;
        String name = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
        String email = letters(r, 7) + "@" + letters(r, 5) + ".com";
        String card = digits(r, 4) + " " + digits(r, 4) + " " + digits(r, 4) + " " + digits(r, 4);
        String city = US_CITIES[r.nextInt(US_CITIES.length)];
        String state = US_STATES[r.nextInt(US_STATES.length)];
        return new Person(id, name, email, card, city, state, config.timeOf(i), extra(r));
    }

    private Auction auction(long i, SplittableRandom r) {
        long id = lastBase0AuctionId(i) + FIRST_AUCTION_ID;
        long seller;
        if (r.nextInt(HOT_SELLERS_RATIO) > 0) {
            seller = (lastBase0PersonId(i) / HOT_BATCH) * HOT_BATCH;
        } else {
            seller = nextBase0PersonId(i, r);
        }
        seller += FIRST_PERSON_ID;
        long category = FIRST_CATEGORY_ID + r.nextInt(NUM_CATEGORIES);
        long initialBid = price(r);
        long reserve = initialBid + price(r);
        long time = config.timeOf(i);
        // open for about twice the time it takes to generate the in-flight auctions
        long eventsForInFlight = (long) NUM_IN_FLIGHT_AUCTIONS * TOTAL_PROPORTION / AUCTION_PROPORTION;
        long horizon = config.timeOf(i + eventsForInFlight) - time;
        long expires = time + 1 + r.nextLong(Math.max(2 * horizon, 1));
        String itemName = words(r, 20);
        String description = words(r, 100);
        return new Auction(id, itemName, description, initialBid, reserve, time, expires, seller, category, extra(r));
    }

    private Bid bid(long i, SplittableRandom r) {
        long auction;
        if (r.nextInt(HOT_AUCTION_RATIO) > 0) {
            auction = (lastBase0AuctionId(i) / HOT_BATCH) * HOT_BATCH;
        } else {
            auction = nextBase0AuctionId(i, r);
        }
        auction += FIRST_AUCTION_ID;
        long bidder;
        if (r.nextInt(HOT_BIDDERS_RATIO) > 0) {
            bidder = (lastBase0PersonId(i) / HOT_BATCH) * HOT_BATCH + 1;
        } else {
            bidder = nextBase0PersonId(i, r);
        }
        bidder += FIRST_PERSON_ID;
        long price = price(r);
        String channel;
        String url;
        if (r.nextBoolean()) {
            int hot = r.nextInt(HOT_CHANNELS.length);
            channel = HOT_CHANNELS[hot];
            url = "https://www.nexmark.com/" + HOT_CHANNELS[hot].toLowerCase() + "/item.htm?query=1";
        } else {
            int n = r.nextInt(NUM_CHANNELS);
            channel = "channel-" + n;
            url = "https://www.nexmark.com/" + letters(r, 3) + "/" + letters(r, 4) + "/item.htm?query=1";
            if (r.nextInt(10) > 0) {
                url += "&channel_id=" + n;
            }
        }
        return new Bid(auction, bidder, price, channel, url, config.timeOf(i), extra(r));
    }

    /** The newest person (0-based) at event {@code i}, counting a person generated at {@code i} itself. */
    static long lastBase0PersonId(long i) {
        long epoch = i / TOTAL_PROPORTION;
        long offset = Math.min(i % TOTAL_PROPORTION, PERSON_PROPORTION - 1);
        return epoch * PERSON_PROPORTION + offset;
    }

    /** The newest auction (0-based) at event {@code i}, counting an auction generated at {@code i} itself. */
    static long lastBase0AuctionId(long i) {
        long epoch = i / TOTAL_PROPORTION;
        long offset = i % TOTAL_PROPORTION;
        if (offset < PERSON_PROPORTION) {
            // a person: the last auction is the last of the previous epoch (-1 before the first)
            epoch--;
            offset = AUCTION_PROPORTION - 1;
        } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
            offset = AUCTION_PROPORTION - 1;
        } else {
            offset -= PERSON_PROPORTION;
        }
        return epoch * AUCTION_PROPORTION + offset;
    }

    /** A random recently active person, or one of the next few not yet registered. */
    private static long nextBase0PersonId(long i, SplittableRandom r) {
        long numPeople = lastBase0PersonId(i) + 1;
        long active = Math.min(numPeople, NUM_ACTIVE_PEOPLE);
        return numPeople - active + r.nextLong(active + PERSON_ID_LEAD);
    }

    /** A random in-flight auction, or one of the next few not yet opened. */
    private static long nextBase0AuctionId(long i, SplittableRandom r) {
        long max = lastBase0AuctionId(i);
        long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
        return min + r.nextLong(Math.max(max - min + 1, 1) + AUCTION_ID_LEAD);
    }

    /** Log-uniform from 1.00 to 1,000,000.00 dollars, in cents. */
    private static long price(SplittableRandom r) {
        return Math.round(Math.pow(10.0, r.nextDouble() * 6.0) * 100.0);
    }

    private String extra(SplittableRandom r) {
        int avg = config.extraChars();
        if (avg == 0) {
            return "";
        }
        int spread = avg / 5;
        return letters(r, avg - spread + r.nextInt(2 * spread + 1));
    }

    /** Lowercase letters, exactly {@code n} of them. */
    private static String letters(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** 1 to {@code max} characters of lowercase letters with a space now and then. */
    private static String words(SplittableRandom r, int max) {
        int n = 1 + r.nextInt(max);
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append(k > 0 && k < n - 1 && r.nextInt(6) == 0 ? ' ' : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** A well-spread seed from (seed, event): the SplitMix64 finalizer over their combination. */
    static long mix(long seed, long event) {
        long z = seed * 0x9E3779B97F4A7C15L + event;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
