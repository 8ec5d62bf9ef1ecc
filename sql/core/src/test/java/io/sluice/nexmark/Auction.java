package io.sluice.nexmark;

/** A Nexmark auction, open for bids from {@code dateTime} to {@code expires} (epoch ms, UTC). */
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
        long expires, long seller, long category, String extra) implements NexmarkEvent {
    @Override
    public int eventType() {
        return 1;
    }
}
