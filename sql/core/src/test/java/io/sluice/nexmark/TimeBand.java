package io.sluice.nexmark;

/**
 * Where a stream's watermark ends up once all its rows have been read: somewhere in
 * {@code [low, high]} (epoch ms). A band, not a point, because a stream's watermark is the minimum
 * over its partitions, and which partition got the last rows is the engine's business.
 * {@link #END} is a bounded input that has ended: the final watermark is +infinity and every
 * window fires.
 */
public record TimeBand(long low, long high) {
    public static final TimeBand END = new TimeBand(Long.MAX_VALUE, Long.MAX_VALUE);

    public TimeBand {
        if (low > high) {
            throw new IllegalArgumentException("low " + low + " > high " + high);
        }
    }

    /**
     * Whether a window ending at {@code end} (exclusive) has certainly fired once the watermark is in
     * this band. Engines differ by a millisecond in when exactly a window fires (watermark ≥ end, or
     * ≥ end - 1), so a window whose end falls within a millisecond of the band is undecidable, and
     * the data set must avoid it.
     *
     * @throws IllegalStateException if the data set makes this window undecidable
     */
    public boolean fired(long end) {
        if (low == Long.MAX_VALUE || end < low) {
            return true;
        }
        if (end > high + 1) {
            return false;
        }
        throw new IllegalStateException("A window ending at " + NexmarkData.timestampText(end)
                + " may or may not have fired with a final watermark in [" + NexmarkData.timestampText(low) + ", "
                + NexmarkData.timestampText(high) + "]; generate a different number of events");
    }
}
