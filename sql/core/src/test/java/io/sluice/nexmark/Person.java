package io.sluice.nexmark;

/**
 * A Nexmark person: someone who registers to sell or bid. Times are epoch milliseconds of a UTC
 * wall clock (Sluice's TIMESTAMP(3) has no zone; the test reads it as UTC).
 */
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
        long dateTime, String extra) implements NexmarkEvent {
    @Override
    public int eventType() {
        return 0;
    }
}
