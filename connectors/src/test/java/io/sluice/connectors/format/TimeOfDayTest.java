package io.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Timestamps#timeOfDayMillis}, which checks and converts "HH:mm:ss.SSS" with word-wide masks:
 * it must agree with a byte-by-byte reading on every valid time and on every one-byte corruption.
 */
class TimeOfDayTest {
    /** The plain reading: -1 unless the 12 bytes are HH:mm:ss.SSS with hour <= 23, minute <= 59, second <= 60. */
    private static long reference(byte[] b, int i) {
        int[] digitAt = {0, 1, 3, 4, 6, 7, 9, 10, 11};
        if (b[i + 2] != ':' || b[i + 5] != ':' || b[i + 8] != '.') {
            return -1;
        }
        int[] d = new int[digitAt.length];
        for (int k = 0; k < digitAt.length; k++) {
            int c = b[i + digitAt[k]];
            if (c < '0' || c > '9') {
                return -1;
            }
            d[k] = c - '0';
        }
        int hour = d[0] * 10 + d[1];
        int minute = d[2] * 10 + d[3];
        int second = d[4] * 10 + d[5];
        if (hour > 23 || minute > 59 || second > 60) {
            return -1;
        }
        return hour * 3_600_000L + minute * 60_000L + second * 1000L + d[6] * 100 + d[7] * 10 + d[8];
    }

    private static byte[] bytes(String s) {
        return ("2015-07-15 " + s).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsTheDaysEdges() {
        assertEquals(0, Timestamps.timeOfDayMillis(bytes("00:00:00.000"), 11));
        assertEquals(86_399_999, Timestamps.timeOfDayMillis(bytes("23:59:59.999"), 11));
        assertEquals(86_400_999, Timestamps.timeOfDayMillis(bytes("23:59:60.999"), 11), "a leap second, as the full parse");
        assertEquals(45_296_789, Timestamps.timeOfDayMillis(bytes("12:34:56.789"), 11));
        assertEquals(-1, Timestamps.timeOfDayMillis(bytes("24:00:00.000"), 11));
        assertEquals(-1, Timestamps.timeOfDayMillis(bytes("23:60:00.000"), 11));
        assertEquals(-1, Timestamps.timeOfDayMillis(bytes("23:59:61.000"), 11));
        assertEquals(-1, Timestamps.timeOfDayMillis(bytes("23:59:59,000"), 11));
        assertEquals(-1, Timestamps.timeOfDayMillis(bytes("23-59:59.000"), 11));
    }

    @Test
    void agreesWithTheByteByByteReadingOnEveryOneByteChange() {
        Random rnd = new Random(3);
        byte[] interesting = {'0', '9', '/', ':', ';', '.', ' ', 'a', 0x3F, 0x40, 0x2F, 0x00, (byte) 0x80, (byte) 0xB0,
            (byte) 0xFF, (byte) 0xF9, (byte) 0x39, (byte) 0x30 - 6, (byte) 0x3A, (byte) 0x36};
        for (int round = 0; round < 2000; round++) {
            String time = String.format("%02d:%02d:%02d.%03d", rnd.nextInt(25), rnd.nextInt(61), rnd.nextInt(62), rnd.nextInt(1000));
            byte[] b = bytes(time);
            assertEquals(reference(b, 11), Timestamps.timeOfDayMillis(b, 11), time);
            for (int at = 11; at < 23; at++) {
                byte keep = b[at];
                for (byte c : interesting) {
                    b[at] = c;
                    assertEquals(reference(b, 11), Timestamps.timeOfDayMillis(b, 11), time + " with byte " + (at - 11) + " = " + c);
                }
                b[at] = keep;
            }
        }
    }
}
