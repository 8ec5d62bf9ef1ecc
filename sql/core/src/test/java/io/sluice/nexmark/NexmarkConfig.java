package io.sluice.nexmark;

import java.time.Instant;

/**
 * What to generate. Every value of the data set is a function of these settings only.
 *
 * @param events           total events (persons, auctions and bids together)
 * @param seed             seeds every event's own random stream
 * @param baseTime         event time of event 0, epoch ms (UTC)
 * @param interEventMicros event time between two consecutive events, in microseconds; event
 *                         {@code i} happens at {@code baseTime + floor(i * interEventMicros / 1000)}
 * @param extraChars       average length of each event's {@code extra} padding (±20%)
 */
public record NexmarkConfig(int events, long seed, long baseTime, long interEventMicros, int extraChars) {
    /** Beam's fixed base time, 2015-07-15 00:00:00 UTC: a multiple of every window size used here. */
    public static final long BEAM_BASE_TIME = Instant.parse("2015-07-15T00:00:00Z").toEpochMilli();

    /**
     * The suite's default: 5,000 events 10 ms apart, i.e. 50 s of event time (five 10 s tumbling
     * windows, 29 hopping windows of 10 s every 2 s), enough for hot items, joins and new users to
     * show up, small enough to load in about a second.
     */
    public static NexmarkConfig defaults() {
        return new NexmarkConfig(5_000, 42, BEAM_BASE_TIME, 10_000, 10);
    }

    public NexmarkConfig {
        if (events < 0 || interEventMicros <= 0 || extraChars < 0) {
            throw new IllegalArgumentException("bad Nexmark config: events=" + events + " interEventMicros="
                    + interEventMicros + " extraChars=" + extraChars);
        }
    }

    public NexmarkConfig withEvents(int n) {
        return new NexmarkConfig(n, seed, baseTime, interEventMicros, extraChars);
    }

    public NexmarkConfig withSeed(long s) {
        return new NexmarkConfig(events, s, baseTime, interEventMicros, extraChars);
    }

    /** Event time of event {@code i} (also for i past the end: auction expiry looks ahead). */
    public long timeOf(long i) {
        return baseTime + Math.floorDiv(i * interEventMicros, 1000);
    }
}
