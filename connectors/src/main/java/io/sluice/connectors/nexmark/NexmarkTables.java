package io.sluice.connectors.nexmark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the generator draws from that depends on the seed but not on the event: a 1 MiB pool of
 * random letters that {@code extra} fields are slices of, and the bid channels with their URLs (4
 * hot ones, 10,000 others, nine in ten of whose URLs carry a {@code channel_id}). Built once per
 * seed and shared, read-only, by every reader.
 */
final class NexmarkTables {
    private static final Map<Long, NexmarkTables> CACHE = new ConcurrentHashMap<>();
    private static final long SALT = 0x6E65786D61726BL; // "nexmark"
    /** Bytes per channel in {@link #urlParts}: up to 15 of URL parts, then their length and the id flag. */
    private static final int PART_SLOT = 16;
    private static final int WITH_ID = 0x80;
    private static final byte[] URL_PREFIX = "https://www.nexmark.com/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] URL_SUFFIX = "item.htm?query=1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL_ID = "&channel_id=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "channel-".getBytes(StandardCharsets.US_ASCII);

    final byte[] pool = new byte[1 << 20];
    /**
     * The bid channels, compactly: a bid picks one of 10,004 at random, so what it reads per channel
     * is a cache miss unless the table is small. A channel's name is a hot channel's name or
     * {@code channel-<i>}, and its URL is {@link #URL_PREFIX}, three random parts, {@link #URL_SUFFIX}
     * and for most {@code &channel_id=<|reverse(i)|>}: only the parts are stored, 16 bytes per
     * channel ({@link #channelUrl}, 160 KiB instead of the 840 KiB of whole names and URLs, which
     * cost a bid about 100 ns in misses), and the rest is written from constants and digits. The
     * constructor checks that every name and URL rebuilt this way is the one it drew.
     */
    private final byte[] urlParts;
    private final byte[][] hotChannels;
    final byte[][] firstNames = ascii(NexmarkModel.FIRST_NAMES);
    final byte[][] lastNames = ascii(NexmarkModel.LAST_NAMES);
    final byte[][] cities = ascii(NexmarkModel.CITIES);
    final byte[][] states = ascii(NexmarkModel.STATES);

    static NexmarkTables forSeed(long seed) {
        return CACHE.computeIfAbsent(seed, NexmarkTables::new);
    }

    private NexmarkTables(long seed) {
        SplitMix rng = new SplitMix();
        rng.seed(SplitMix.mix(seed ^ SALT));
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (byte) ('a' + rng.below(26));
        }
        int hot = NexmarkModel.HOT_CHANNELS.length;
        hotChannels = ascii(NexmarkModel.HOT_CHANNELS);
        byte[][] names = new byte[hot + NexmarkModel.CHANNELS][];
        byte[][] urls = new byte[names.length][];
        boolean[] withIds = new boolean[names.length];
        for (int i = 0; i < hot; i++) {
            names[i] = hotChannels[i];
            urls[i] = url(rng).getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < NexmarkModel.CHANNELS; i++) {
            String url = url(rng);
            if (rng.below(10) > 0) {
                url += "&channel_id=" + Math.abs(Integer.reverse(i));
                withIds[hot + i] = true;
            }
            names[hot + i] = ("channel-" + i).getBytes(StandardCharsets.US_ASCII);
            urls[hot + i] = url.getBytes(StandardCharsets.US_ASCII);
        }
        urlParts = new byte[PART_SLOT * names.length];
        byte[] scratch = new byte[128];
        for (int e = 0; e < names.length; e++) {
            byte[] url = urls[e];
            int parts = url.length - URL_PREFIX.length - URL_SUFFIX.length;
            boolean withId = withIds[e];
            if (withId) {
                parts -= CHANNEL_ID.length + decimalLength(Math.abs(Integer.reverse(e - hot)));
            }
            if (parts < 0 || parts > PART_SLOT - 1) {
                throw new IllegalStateException("channel " + e + " URL does not have the expected shape: "
                        + new String(url, StandardCharsets.US_ASCII));
            }
            System.arraycopy(url, URL_PREFIX.length, urlParts, PART_SLOT * e, parts);
            urlParts[PART_SLOT * e + PART_SLOT - 1] = (byte) (parts | (withId ? WITH_ID : 0));
            // the compact form must give back exactly what was drawn
            int n = channelName(e, scratch);
            boolean same = Arrays.equals(scratch, 0, n, names[e], 0, names[e].length);
            n = channelUrl(e, scratch);
            if (!same || !Arrays.equals(scratch, 0, n, url, 0, url.length)) {
                throw new IllegalStateException("channel " + e + " does not rebuild from its compact form");
            }
        }
    }

    /** Writes the name of channel entry {@code e} (hot channels first) into {@code out}; returns its length. */
    int channelName(int e, byte[] out) {
        int hot = hotChannels.length;
        if (e < hot) {
            byte[] name = hotChannels[e];
            System.arraycopy(name, 0, out, 0, name.length);
            return name.length;
        }
        System.arraycopy(CHANNEL, 0, out, 0, CHANNEL.length);
        return writeDecimal(e - hot, out, CHANNEL.length);
    }

    /** Writes the URL of channel entry {@code e} into {@code out} (at least 96 bytes); returns its length. */
    int channelUrl(int e, byte[] out) {
        int slot = PART_SLOT * e;
        int meta = urlParts[slot + PART_SLOT - 1];
        int parts = meta & (WITH_ID - 1);
        int n = URL_PREFIX.length;
        System.arraycopy(URL_PREFIX, 0, out, 0, n);
        System.arraycopy(urlParts, slot, out, n, parts);
        n += parts;
        System.arraycopy(URL_SUFFIX, 0, out, n, URL_SUFFIX.length);
        n += URL_SUFFIX.length;
        if ((meta & WITH_ID) != 0) {
            System.arraycopy(CHANNEL_ID, 0, out, n, CHANNEL_ID.length);
            n = writeDecimal(Math.abs(Integer.reverse(e - hotChannels.length)), out, n + CHANNEL_ID.length);
        }
        return n;
    }

    /** Length of {@code v} in decimal as {@link Integer#toString(int)} writes it (a minus sign included). */
    static int decimalLength(int v) {
        long x = Math.abs((long) v);
        int n = v < 0 ? 2 : 1;
        while (x >= 10) {
            x /= 10;
            n++;
        }
        return n;
    }

    /** Writes {@code v} as {@link Integer#toString(int)} would, at {@code at}; returns the end. */
    static int writeDecimal(int v, byte[] out, int at) {
        int end = at + decimalLength(v);
        long x = Math.abs((long) v); // a long: |Integer.MIN_VALUE| (which abs of a reverse can be) fits
        int i = end;
        do {
            out[--i] = (byte) ('0' + x % 10);
            x /= 10;
        } while (x != 0);
        if (v < 0) {
            out[at] = '-';
        }
        return end;
    }

    private static String url(SplitMix rng) {
        byte[] part = new byte[5];
        StringBuilder sb = new StringBuilder("https://www.nexmark.com/");
        for (int k = 0; k < 3; k++) {
            int n = randomLetters(rng, 5, (byte) '_', part);
            sb.append(new String(part, 0, n, StandardCharsets.US_ASCII)).append('/');
        }
        return sb.append("item.htm?query=1").toString();
    }

    /**
     * Fills {@code out} with between 3 and {@code maxLength - 1} characters: lower-case letters, each
     * position {@code special} with probability 1/13. Returns the length.
     */
    static int randomLetters(SplitMix rng, int maxLength, byte special, byte[] out) {
        int n = NexmarkModel.SHORTEST_STRING + rng.below(maxLength - NexmarkModel.SHORTEST_STRING);
        for (int i = 0; i < n; i++) {
            out[i] = rng.below(13) == 0 ? special : (byte) ('a' + rng.below(26));
        }
        return n;
    }

    private static byte[][] ascii(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
