package io.sluice.sql.codegen.runtime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Calendar arithmetic on TIMESTAMP values, which are epoch milliseconds of a UTC wall clock (a
 * TIMESTAMP without time zone). Day-time intervals are plain millisecond additions and are inlined
 * by the generator; months need the calendar because they differ in length.
 */
public final class TimeOps {
    static final long MILLIS_PER_DAY = 86_400_000L;

    private TimeOps() {
    }

    /** {@code ts} plus {@code months} on the calendar: Jan 31 + 1 month is Feb 28 (or 29). */
    public static long addMonths(long ts, long months) {
        long day = Math.floorDiv(ts, MILLIS_PER_DAY);
        long msOfDay = Math.floorMod(ts, MILLIS_PER_DAY);
        return LocalDate.ofEpochDay(day).plusMonths(months).toEpochDay() * MILLIS_PER_DAY + msOfDay;
    }

    /** Whole months from {@code t2} to {@code t1} (negative when t1 is earlier), partial months dropped. */
    public static int monthsBetween(long t1, long t2) {
        return (int) ChronoUnit.MONTHS.between(toLocal(t2), toLocal(t1));
    }

    static LocalDateTime toLocal(long ts) {
        long seconds = Math.floorDiv(ts, 1000L);
        int nanos = (int) Math.floorMod(ts, 1000L) * 1_000_000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }
}
