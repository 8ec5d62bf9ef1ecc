package io.sluice.connectors.nexmark;

/**
 * SplitMix64 (Steele, Lea and Flood), re-seedable. The Nexmark generator seeds one per event from
 * (seed, event id), so an event's values depend on nothing else: not on the partition that makes
 * it, not on what was made before it. The bounded draws use the same reductions as the Nexmark
 * peer's generator, so the same seed gives the same events in both.
 */
final class SplitMix {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    void seed(long s) {
        state = s;
    }

    /** The SplitMix64 / MurmurHash3 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long next() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound) for 0 < bound &le; 2^31-1, by multiply-and-shift of the high 32 bits. */
    int below(int bound) {
        return (int) (((next() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, bound) for bound &gt; 0. */
    long below(long bound) {
        return bound <= Integer.MAX_VALUE ? below((int) bound) : Math.floorMod(next(), bound);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double unit() {
        return (next() >>> 11) * 0x1.0p-53;
    }
}
