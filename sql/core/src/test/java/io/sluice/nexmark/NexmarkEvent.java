package io.sluice.nexmark;

/** One generated event: a {@link Person}, an {@link Auction} or a {@link Bid}. */
public sealed interface NexmarkEvent permits Person, Auction, Bid {
    /** 0 person, 1 auction, 2 bid: the {@code event_type} of the JSON-lines union shape. */
    int eventType();

    /** Event time in epoch milliseconds (UTC). */
    long dateTime();
}
