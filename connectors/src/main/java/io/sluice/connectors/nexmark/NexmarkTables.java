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
    /**
     * Bytes per channel in {@link #channelSlots}, half a cache line: the URL's random parts (up to
     * 15 bytes) and their length with the id flag in byte 15; the channel_id's digits (up to 11, a
     * minus sign included) from byte 16, their count with the name digits' count in byte 27; the
     * name's digits (up to 4) from byte 28.
     */
    private static final int SLOT = 32;
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
     * and for most {@code &channel_id=<|reverse(i)|>}: only the parts and the digits are stored, 32
     * bytes per channel ({@link #SLOT}; 320 KiB instead of the 840 KiB of whole names and URLs, which
     * cost a bid about 100 ns in misses), and the rest is copied from constants in fixed-size
     * pieces. The constructor checks that every name and URL rebuilt this way is the one it drew.
     */
    private final byte[] channelSlots;
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
        channelSlots = new byte[SLOT * names.length];
        byte[] scratch = new byte[URL_BUFFER];
        for (int e = 0; e < names.length; e++) {
            byte[] url = urls[e];
            int slot = SLOT * e;
            int parts = url.length - URL_PREFIX.length - URL_SUFFIX.length;
            int id = Math.abs(Integer.reverse(e - hot));
            int idDigits = withIds[e] ? decimalLength(id) : 0;
            if (withIds[e]) {
                parts -= CHANNEL_ID.length + idDigits;
            }
            int nameDigits = e < hot ? 0 : decimalLength(e - hot);
            if (parts < 0 || parts > 15 || idDigits > 11 || nameDigits > 4) {
                throw new IllegalStateException("channel " + e + " does not have the expected shape: "
                        + new String(names[e], StandardCharsets.US_ASCII) + " " + new String(url, StandardCharsets.US_ASCII));
            }
            if (withIds[e]) {
                writeDecimal(id, channelSlots, slot + 16);
            }
            if (e >= hot) {
                writeDecimal(e - hot, channelSlots, slot + 28);
            }
            System.arraycopy(url, URL_PREFIX.length, channelSlots, slot, parts);
            channelSlots[slot + 15] = (byte) (parts | (withIds[e] ? WITH_ID : 0));
            channelSlots[slot + 27] = (byte) (idDigits | nameDigits << 4);
            // the compact form must give back exactly what was drawn
            int n = channelName(e, scratch);
            boolean same = Arrays.equals(scratch, 0, n, names[e], 0, names[e].length);
            n = channelUrl(e, scratch);
            if (!same || !Arrays.equals(scratch, 0, n, url, 0, url.length)) {
                throw new IllegalStateException("channel " + e + " does not rebuild from its compact form");
            }
        }
    }

    /** Size of a buffer for {@link #channelUrl}: the longest URL plus the slack of its fixed-size copies. */
    static final int URL_BUFFER = 128;

    /**
     * Writes the name of channel entry {@code e} (hot channels first) into {@code out} (at least 16
     * bytes); returns its length. Called per bid, by one reader's thread; the table is read-only.
     */
    int channelName(int e, byte[] out) {
        int hot = hotChannels.length;
        if (e < hot) {
            byte[] name = hotChannels[e];
            System.arraycopy(name, 0, out, 0, name.length);
            return name.length;
        }
        int slot = SLOT * e;
        System.arraycopy(CHANNEL, 0, out, 0, CHANNEL.length);
        System.arraycopy(channelSlots, slot + 28, out, CHANNEL.length, 4); // fixed size: whole moves, no length logic
        return CHANNEL.length + (channelSlots[slot + 27] >> 4);
    }

    /**
     * Writes the URL of channel entry {@code e} into {@code out} (at least {@link #URL_BUFFER} bytes);
     * returns its length. Called per bid, by one reader's thread; the table is read-only.
     */
    int channelUrl(int e, byte[] out) {
        int slot = SLOT * e;
        int meta = channelSlots[slot + 15];
        int n = URL_PREFIX.length;
        // fixed-size copies (the JIT makes them a few wide moves) whose slack the next copy overwrites
        System.arraycopy(URL_PREFIX, 0, out, 0, n);
        System.arraycopy(channelSlots, slot, out, n, 16);
        n += meta & 0x0f;
        System.arraycopy(URL_SUFFIX, 0, out, n, URL_SUFFIX.length);
        n += URL_SUFFIX.length;
        if ((meta & WITH_ID) != 0) {
            System.arraycopy(CHANNEL_ID, 0, out, n, CHANNEL_ID.length);
            n += CHANNEL_ID.length;
            System.arraycopy(channelSlots, slot + 16, out, n, 12);
            n += channelSlots[slot + 27] & 0x0f;
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
