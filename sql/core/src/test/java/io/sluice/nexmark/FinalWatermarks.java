package io.sluice.nexmark;

/** The final watermark of each Nexmark stream after loading: what decides which windows fired. */
public record FinalWatermarks(TimeBand person, TimeBand auction, TimeBand bid) {
    /** Bounded inputs that ended: every window of every stream fired. */
    public static final FinalWatermarks END = new FinalWatermarks(TimeBand.END, TimeBand.END, TimeBand.END);

    public boolean bounded() {
        return person.equals(TimeBand.END) && auction.equals(TimeBand.END) && bid.equals(TimeBand.END);
    }
}
