package io.sluice.connectors.nexmark;

import java.nio.charset.StandardCharsets;
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

    final byte[] pool = new byte[1 << 20];
    /**
     * Every channel's name followed by its URL, back to back: entry {@code e} (the hot channels first,
     * then the others) starts at {@code channelIndex[3e]}, its name is {@code channelIndex[3e+1]} bytes
     * and its URL the next {@code channelIndex[3e+2]}. One array instead of 20,000 small ones: a bid
     * picks a channel at random, and this layout costs it one or two cache misses instead of four to six.
     */
    final byte[] channelText;
    final int[] channelIndex;
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
        byte[][] names = new byte[hot + NexmarkModel.CHANNELS][];
        byte[][] urls = new byte[names.length][];
        for (int i = 0; i < hot; i++) {
            names[i] = NexmarkModel.HOT_CHANNELS[i].getBytes(StandardCharsets.US_ASCII);
            urls[i] = url(rng).getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < NexmarkModel.CHANNELS; i++) {
            String url = url(rng);
            if (rng.below(10) > 0) {
                url += "&channel_id=" + Math.abs(Integer.reverse(i));
            }
            names[hot + i] = ("channel-" + i).getBytes(StandardCharsets.US_ASCII);
            urls[hot + i] = url.getBytes(StandardCharsets.US_ASCII);
        }
        int size = 0;
        for (int e = 0; e < names.length; e++) {
            size += names[e].length + urls[e].length;
        }
        channelText = new byte[size];
        channelIndex = new int[3 * names.length];
        int at = 0;
        for (int e = 0; e < names.length; e++) {
            channelIndex[3 * e] = at;
            channelIndex[3 * e + 1] = names[e].length;
            channelIndex[3 * e + 2] = urls[e].length;
            System.arraycopy(names[e], 0, channelText, at, names[e].length);
            at += names[e].length;
            System.arraycopy(urls[e], 0, channelText, at, urls[e].length);
            at += urls[e].length;
        }
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
