package io.sluice.sql.codegen.runtime;

import io.sluice.engine.operator.EvaluationException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Text parsing and formatting for CAST. Parsing trims the text first (SQL compares and converts
 * text with surrounding spaces as the value inside) and reports text that does not parse as
 * "cannot CAST 'text' to TYPE".
 */
public final class CastOps {
    private CastOps() {
    }

    public static EvaluationException cannotCast(String text, String type) {
        return new EvaluationException("cannot CAST '" + text + "' to " + type);
    }

    public static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw cannotCast(s, "INT");
        }
    }

    public static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw cannotCast(s, "BIGINT");
        }
    }

    public static double parseDouble(String s) {
        String t = s.trim();
        // Double.parseDouble also takes Java's type suffixes ("1d", "2f") and hex floats, which are not SQL.
        boolean plain = !t.isEmpty();
        for (int i = 0; plain && i < t.length(); i++) {
            char c = t.charAt(i);
            plain = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
        }
        if (!plain && !t.equals("NaN") && !t.equals("Infinity") && !t.equals("-Infinity")) {
            throw cannotCast(s, "DOUBLE");
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw cannotCast(s, "DOUBLE");
        }
    }

    public static BigDecimal parseDecimal(String s, int precision, int scale) {
        BigDecimal v;
        try {
            v = new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw cannotCast(s, "DECIMAL(" + precision + ", " + scale + ")");
        }
        return NumberOps.toDecimal(v, precision, scale);
    }

    /** 'TRUE' or 'FALSE' in any case, ignoring surrounding spaces. */
    public static boolean parseBoolean(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("TRUE")) {
            return true;
        }
        if (t.equalsIgnoreCase("FALSE")) {
            return false;
        }
        throw cannotCast(s, "BOOLEAN");
    }

    /**
     * {@code yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]]} to epoch milliseconds; fraction digits beyond
     * milliseconds are dropped.
     */
    public static long parseTimestamp(String s) {
        String t = s.trim();
        int n = t.length();
        try {
            int year = digits(t, 0, 4);
            expect(t, 4, '-');
            int month = digits(t, 5, 2);
            expect(t, 7, '-');
            int day = digits(t, 8, 2);
            int hour = 0;
            int minute = 0;
            int second = 0;
            int millis = 0;
            if (n > 10) {
                char sep = t.charAt(10);
                if (sep != ' ' && sep != 'T') {
                    throw cannotCast(s, "TIMESTAMP");
                }
                hour = digits(t, 11, 2);
                expect(t, 13, ':');
                minute = digits(t, 14, 2);
                if (n > 16) {
                    expect(t, 16, ':');
                    second = digits(t, 17, 2);
                    if (n > 19) {
                        expect(t, 19, '.');
                        if (n == 20) {
                            throw cannotCast(s, "TIMESTAMP");
                        }
                        int scaleUp = 100;
                        for (int i = 20; i < n; i++) {
                            int d = t.charAt(i) - '0';
                            if (d < 0 || d > 9) {
                                throw cannotCast(s, "TIMESTAMP");
                            }
                            millis += d * scaleUp;
                            scaleUp /= 10;
                        }
                    }
                } else if (n != 16) {
                    throw cannotCast(s, "TIMESTAMP");
                }
            } else if (n != 10) {
                throw cannotCast(s, "TIMESTAMP");
            }
            if (hour > 23 || minute > 59 || second > 59) {
                throw cannotCast(s, "TIMESTAMP");
            }
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return epochDay * TimeOps.MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw cannotCast(s, "TIMESTAMP");
        }
    }

    private static int digits(String t, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IndexOutOfBoundsException();
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static void expect(String t, int at, char c) {
        if (t.charAt(at) != c) {
            throw new IndexOutOfBoundsException();
        }
    }

    // ---- formatting ----

    public static String toText(boolean v) {
        return v ? "TRUE" : "FALSE";
    }

    /**
     * The shortest text that reads back as the same double, in Java's (and Calcite's) layout: plain
     * digits with at least one decimal from 10^-3 up to 10^7 (1.5, 100.0, 0.001), otherwise
     * scientific notation (1.0E10, 1.0E-5); NaN, Infinity, -Infinity. Java 17's Double.toString
     * sometimes gives a longer text than needed (2.0E23 as 1.9999999999999998E23), so when it has
     * many digits a shorter one is looked for.
     */
    public static String toText(double v) {
        String java = Double.toString(v);
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return java;
        }
        int digits = significantDigits(java);
        if (digits < 16) {
            // Java's own text is shortest for these (its known excess digits occur at 16-17 digits).
            return java;
        }
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p < digits; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == v) {
                return javaLayout(candidate.stripTrailingZeros(), Math.abs(v));
            }
        }
        return java;
    }

    private static int significantDigits(String javaText) {
        int n = 0;
        boolean leading = true;
        for (int i = 0; i < javaText.length(); i++) {
            char c = javaText.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c >= '1' && c <= '9' || (c == '0' && !leading)) {
                leading = false;
                n++;
            }
        }
        // Trailing zeros after the point ("100.0") are not significant.
        int end = javaText.indexOf('E') < 0 ? javaText.length() : javaText.indexOf('E');
        for (int i = end - 1; i >= 0 && (javaText.charAt(i) == '0' || javaText.charAt(i) == '.'); i--) {
            if (javaText.charAt(i) == '0') {
                n--;
            }
        }
        return Math.max(n, 1);
    }

    private static String javaLayout(BigDecimal d, double magnitude) {
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            String plain = d.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String unscaled = d.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - d.scale();
        StringBuilder sb = new StringBuilder(unscaled.length() + 8);
        if (d.signum() < 0) {
            sb.append('-');
        }
        sb.append(unscaled.charAt(0)).append('.');
        sb.append(unscaled.length() > 1 ? unscaled.substring(1) : "0");
        return sb.append('E').append(exponent).toString();
    }

    /** Plain digits with the value's scale, never exponent notation: 1.50, 12000. */
    public static String toText(BigDecimal v) {
        return v.toPlainString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS}, UTC wall clock. */
    public static String formatTimestamp(long ts) {
        long day = Math.floorDiv(ts, TimeOps.MILLIS_PER_DAY);
        int msOfDay = (int) Math.floorMod(ts, TimeOps.MILLIS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        StringBuilder sb = new StringBuilder(23);
        int year = date.getYear();
        if (year < 0) {
            sb.append('-');
            year = -year;
        }
        pad(sb, year, 4);
        sb.append('-');
        pad(sb, date.getMonthValue(), 2);
        sb.append('-');
        pad(sb, date.getDayOfMonth(), 2);
        sb.append(' ');
        pad(sb, msOfDay / 3_600_000, 2);
        sb.append(':');
        pad(sb, msOfDay / 60_000 % 60, 2);
        sb.append(':');
        pad(sb, msOfDay / 1000 % 60, 2);
        sb.append('.');
        pad(sb, msOfDay % 1000, 3);
        return sb.toString();
    }

    /** A day-time interval as SQL prints one: {@code [-]D HH:mm:ss.SSS}. */
    public static String formatDayTime(long ms) {
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
        }
        long a = Math.abs(ms);
        sb.append(a / TimeOps.MILLIS_PER_DAY).append(' ');
        long rest = a % TimeOps.MILLIS_PER_DAY;
        pad(sb, (int) (rest / 3_600_000), 2);
        sb.append(':');
        pad(sb, (int) (rest / 60_000 % 60), 2);
        sb.append(':');
        pad(sb, (int) (rest / 1000 % 60), 2);
        sb.append('.');
        pad(sb, (int) (rest % 1000), 3);
        return sb.toString();
    }

    /** A year-month interval as SQL prints one: {@code [-]Y-M}. */
    public static String formatYearMonth(int months) {
        long a = Math.abs((long) months);
        return (months < 0 ? "-" : "") + a / 12 + "-" + a % 12;
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String digits = Integer.toString(v);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }

    /** The first {@code n} characters (code points) of {@code s}: CAST to VARCHAR(n). */
    public static String truncate(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }
}
