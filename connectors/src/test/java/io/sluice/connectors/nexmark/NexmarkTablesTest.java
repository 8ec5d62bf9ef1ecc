package io.sluice.connectors.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pieces the compact channel table rebuilds names and URLs with. */
class NexmarkTablesTest {
    @Test
    void decimalsAreWrittenAsIntegerToStringWritesThem() {
        int[] edges = {0, 1, 9, 10, 99, 100, -1, -9, -10, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
            Math.abs(Integer.reverse(1)), Math.abs(Integer.reverse(9999))};
        for (int v : edges) {
            check(v);
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 100_000; n++) {
            check(random.nextInt() >> random.nextInt(32));
        }
    }

    @Test
    void everyChannelRebuildsToANameAndAUrlOfTheExpectedShape() {
        NexmarkTables t = NexmarkTables.forSeed(11);
        byte[] out = new byte[128];
        for (int e = 0; e < NexmarkModel.HOT_CHANNELS.length + NexmarkModel.CHANNELS; e++) {
            String name = new String(out, 0, t.channelName(e, out), StandardCharsets.US_ASCII);
            String url = new String(out, 0, t.channelUrl(e, out), StandardCharsets.US_ASCII);
            String expectedName = e < 4 ? NexmarkModel.HOT_CHANNELS[e] : "channel-" + (e - 4);
            assertEquals(expectedName, name);
            String id = e < 4 ? "" : "(&channel_id=" + Math.abs(Integer.reverse(e - 4)) + ")?";
            assertEquals(true, url.matches("https://www\\.nexmark\\.com/([a-z_]{3,4}/){3}item\\.htm\\?query=1"
                    + id.replace("-", "\\-")), url);
        }
    }

    private static void check(int v) {
        byte[] out = new byte[16];
        int end = NexmarkTables.writeDecimal(v, out, 2);
        assertEquals(Integer.toString(v), new String(out, 2, end - 2, StandardCharsets.US_ASCII));
        assertEquals(Integer.toString(v).length(), NexmarkTables.decimalLength(v));
    }
}
