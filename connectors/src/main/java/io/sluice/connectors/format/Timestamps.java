package io.sluice.connectors.format;

import io.sluice.engine.connector.BadRecordException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * TIMESTAMP(3) text in the formats files carry, parsed and printed without allocating:
 * {@code yyyy-MM-dd HH:mm:ss[.fff]} (Flink's SQL format, which the Nexmark peer writes), the same
 * with {@code T} between date and time and an optional {@code Z}, and a bare date. Values are UTC
 * wall-clock milliseconds, as Sluice stores them. Fractions beyond milliseconds are truncated.
 */
public final class Timestamps {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    // "HH:mm:ss" as a little-endian long: bytes 2 and 5 are the colons, the other six digits
    private static final long TIME_SEPARATORS_MASK = 0x0000FF0000FF0000L;
    private static final long TIME_SEPARATORS = 0x00003A00003A0000L;
    private static final long TIME_DIGITS_MASK = 0xFFFF00FFFF00FFFFL;
    private static final long TIME_HIGH_NIBBLES = 0xF0F000F0F000F0F0L;
    private static final long TIME_ZEROS = 0x3030003030003030L;
    private static final long TIME_SIXES = 0x0606000606000606L;

    private Timestamps() {
    }

    /**
     * Parses ASCII text at {@code bytes[offset..offset+length)}.
     *
     * @throws BadRecordException if the text is not a timestamp
     */
    public static long parse(byte[] b, int offset, int length) {
        if (length == 23) {
            long ms = parseMillis(b, offset);
            if (ms != Long.MIN_VALUE) {
                return ms;
            }
        }
        int end = offset + length;
        int i = offset;
        // year-month-day
        if (length < 10 || b[i + 4] != '-' || b[i + 7] != '-') {
            throw bad(b, offset, length);
        }
        int year = digits(b, i, 4, offset, length);
        int month = digits(b, i + 5, 2, offset, length);
        int day = digits(b, i + 8, 2, offset, length);
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw bad(b, offset, length);
        }
        long ms = daysFromCivil(year, month, day) * 86_400_000L;
        i += 10;
        if (i == end) {
            return ms;
        }
        if ((b[i] != ' ' && b[i] != 'T') || end - i < 9 || b[i + 3] != ':' || b[i + 6] != ':') {
            throw bad(b, offset, length);
        }
        int hour = digits(b, i + 1, 2, offset, length);
        int minute = digits(b, i + 4, 2, offset, length);
        int second = digits(b, i + 7, 2, offset, length);
        if (hour > 23 || minute > 59 || second > 60) {
            throw bad(b, offset, length);
        }
        ms += hour * 3_600_000L + minute * 60_000L + second * 1000L;
        i += 9;
        if (i < end && b[i] == '.') {
            i++;
            int scale = 100;
            int frac = 0;
            int start = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                frac += (b[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) {
                throw bad(b, offset, length);
            }
            ms += frac;
        }
        if (i < end && b[i] == 'Z') {
            i++;
        }
        if (i != end) {
            throw bad(b, offset, length);
        }
        return ms;
    }

    /**
     * The common shape, {@code yyyy-MM-dd HH:mm:ss.SSS} (or with {@code T}), read at fixed positions
     * with no loops or divisions: every Nexmark event carries one or two. Long.MIN_VALUE if the text
     * is not exactly that shape with valid fields (the general parser then decides, and explains).
     */
    private static long parseMillis(byte[] b, int i) {
        if (b[i + 4] != '-' || b[i + 7] != '-' || (b[i + 10] != ' ' && b[i + 10] != 'T') || b[i + 13] != ':'
                || b[i + 16] != ':' || b[i + 19] != '.') {
            return Long.MIN_VALUE;
        }
        int y0 = b[i] - '0';
        int y1 = b[i + 1] - '0';
        int y2 = b[i + 2] - '0';
        int y3 = b[i + 3] - '0';
        int mo0 = b[i + 5] - '0';
        int mo1 = b[i + 6] - '0';
        int d0 = b[i + 8] - '0';
        int d1 = b[i + 9] - '0';
        int h0 = b[i + 11] - '0';
        int h1 = b[i + 12] - '0';
        int mi0 = b[i + 14] - '0';
        int mi1 = b[i + 15] - '0';
        int s0 = b[i + 17] - '0';
        int s1 = b[i + 18] - '0';
        int f0 = b[i + 20] - '0';
        int f1 = b[i + 21] - '0';
        int f2 = b[i + 22] - '0';
        // a byte outside '0'..'9' makes its value negative or above 9: one OR of them all catches it
        if ((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1 | f0 | f1 | f2) < 0
                || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9
                || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9 || f0 > 9 || f1 > 9 || f2 > 9) {
            return Long.MIN_VALUE;
        }
        int month = mo0 * 10 + mo1;
        int day = d0 * 10 + d1;
        int hour = h0 * 10 + h1;
        int minute = mi0 * 10 + mi1;
        int second = s0 * 10 + s1;
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return Long.MIN_VALUE;
        }
        int year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
        return daysFromCivil(year, month, day) * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1000L
                + f0 * 100 + f1 * 10 + f2;
    }

    /**
     * {@code HH:mm:ss.SSS} (12 ASCII bytes at {@code i}) as milliseconds of the day, with the checks of
     * the full parse's fast path; -1 if the bytes are not exactly that with valid fields. Lets a caller
     * that has seen the date part before (consecutive events share a day) skip reparsing it.
     */
    static long timeOfDayMillis(byte[] b, int i) {
        // one long load for "HH:mm:ss" and one int load for ".SSS", checked and converted with a few
        // masks (SWAR) instead of twelve byte loads and eighteen compares: every event has a timestamp
        long w = (long) LONGS.get(b, i);
        int f = (int) INTS.get(b, i + 8);
        if ((w & TIME_SEPARATORS_MASK) != TIME_SEPARATORS || (f & 0xFF) != '.') {
            return -1;
        }
        long d = w & TIME_DIGITS_MASK;
        int fd = f & 0xFFFFFF00;
        // a byte is a digit if its high nibble is 3 and adding 6 keeps it so (0x3A..0x3F become 0x40..)
        if ((d & TIME_HIGH_NIBBLES) != TIME_ZEROS || ((d + TIME_SIXES) & TIME_HIGH_NIBBLES) != TIME_ZEROS
                || (fd & 0xF0F0F000) != 0x30303000 || ((fd + 0x06060600) & 0xF0F0F000) != 0x30303000) {
            return -1;
        }
        long v = d - TIME_ZEROS; // each byte its digit's value; no borrows, every byte was at least '0'
        int fv = fd - 0x30303000;
        int hour = (int) (v & 0xFF) * 10 + (int) (v >>> 8 & 0xFF);
        int minute = (int) (v >>> 24 & 0xFF) * 10 + (int) (v >>> 32 & 0xFF);
        int second = (int) (v >>> 48 & 0xFF) * 10 + (int) (v >>> 56 & 0xFF);
        if (hour > 23 || minute > 59 || second > 60) {
            return -1;
        }
        int millis = (fv >>> 8 & 0xFF) * 100 + (fv >>> 16 & 0xFF) * 10 + (fv >>> 24 & 0xFF);
        return hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    }

    private static int digits(byte[] b, int at, int n, int offset, int length) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = b[at + k] - '0';
            if (d < 0 || d > 9) {
                throw bad(b, offset, length);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static BadRecordException bad(byte[] b, int offset, int length) {
        return new BadRecordException("'" + new String(b, offset, Math.min(length, 40), java.nio.charset.StandardCharsets.ISO_8859_1)
                + "' is not a timestamp (yyyy-MM-dd HH:mm:ss.SSS)");
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /**
     * Writes {@code yyyy-MM-dd HH:mm:ss.SSS} (23 ASCII bytes) for epoch milliseconds into {@code out} at
     * {@code at}; years outside 0..9999 are clamped to four digits.
     */
    public static void format(long epochMs, byte[] out, int at) {
        long days = Math.floorDiv(epochMs, 86_400_000L);
        long msOfDay = epochMs - days * 86_400_000L;
        // civil_from_days
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp + (mp < 10 ? 3 : -9);
        y += m <= 2 ? 1 : 0;
        put(out, at, Math.max(0, Math.min(9999, y)), 4);
        out[at + 4] = '-';
        put(out, at + 5, m, 2);
        out[at + 7] = '-';
        put(out, at + 8, d, 2);
        out[at + 10] = ' ';
        put(out, at + 11, msOfDay / 3_600_000L, 2);
        out[at + 13] = ':';
        put(out, at + 14, msOfDay / 60_000L % 60, 2);
        out[at + 16] = ':';
        put(out, at + 17, msOfDay / 1000L % 60, 2);
        out[at + 19] = '.';
        put(out, at + 20, msOfDay % 1000, 3);
    }

    /** The text form of {@link #format(long, byte[], int)}. */
    public static String toString(long epochMs) {
        byte[] b = new byte[23];
        format(epochMs, b, 0);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void put(byte[] out, int at, long v, int n) {
        for (int k = n - 1; k >= 0; k--) {
            out[at + k] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
