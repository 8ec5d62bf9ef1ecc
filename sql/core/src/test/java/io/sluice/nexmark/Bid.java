package io.sluice.nexmark;

/** A Nexmark bid on an auction by a person (the bidder); {@code dateTime} in epoch ms, UTC. */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra)
        implements NexmarkEvent {
    @Override
    public int eventType() {
        return 2;
    }
}
