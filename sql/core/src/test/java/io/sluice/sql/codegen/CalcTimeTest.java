package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcCastTest.ts;
import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Ops;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TIMESTAMP and INTERVAL arithmetic and TIMESTAMP_DIFF. */
class CalcTimeTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static Object plus(long t, Expr interval) {
        return evalWith(call(Ops.PLUS, TIMESTAMP, ref(0, TIMESTAMP), interval), types(TIMESTAMP), t);
    }

    private static Object minus(long t, Expr interval) {
        return evalWith(call(Ops.MINUS, TIMESTAMP, ref(0, TIMESTAMP), interval), types(TIMESTAMP), t);
    }

    @Test
    void dayTimeIntervalsAddMilliseconds() {
        Expr dayAndTwoHours = lit(DAY + 2 * HOUR, DAY_TIME);
        assertEquals(ts("2024-02-01T12:00"), plus(ts("2024-01-31T10:00"), dayAndTwoHours));
        assertEquals(ts("2024-01-30T08:00"), minus(ts("2024-01-31T10:00"), dayAndTwoHours));
        // INTERVAL + TIMESTAMP, the other order
        assertEquals(ts("2024-02-01T12:00"), evalWith(call(Ops.PLUS, TIMESTAMP, dayAndTwoHours, ref(0, TIMESTAMP)),
                types(TIMESTAMP), ts("2024-01-31T10:00")));
        assertEquals(ts("1969-12-31T23:00"), plus(0L, lit(-HOUR, DAY_TIME)));
    }

    @Test
    void yearMonthIntervalsUseTheCalendar() {
        Expr oneMonth = lit(1, YEAR_MONTH);
        assertEquals(ts("2024-02-29T10:15:30.5"), plus(ts("2024-01-31T10:15:30.5"), oneMonth), "leap year clamps to Feb 29");
        assertEquals(ts("2023-02-28T00:00"), plus(ts("2023-01-31T00:00"), oneMonth));
        assertEquals(ts("2024-02-29T23:59"), minus(ts("2024-03-31T23:59"), oneMonth));
        assertEquals(ts("2025-03-15T00:00"), plus(ts("2024-01-15T00:00"), lit(14, YEAR_MONTH)));
        assertEquals(ts("1969-11-30T22:00"), plus(ts("1969-12-31T22:00"), lit(-1, YEAR_MONTH)), "before the epoch");
        assertEquals(ts("2024-03-31T00:00"), evalWith(call(Ops.PLUS, TIMESTAMP, lit(2, YEAR_MONTH), ref(0, TIMESTAMP)),
                types(TIMESTAMP), ts("2024-01-31T00:00")));
    }

    @Test
    void intervalArithmetic() {
        // (2h + 30min) * 3 added to a timestamp
        Expr sum = call(Ops.PLUS, DAY_TIME, lit(2 * HOUR, DAY_TIME), lit(HOUR / 2, DAY_TIME));
        Expr times = call(Ops.TIMES, DAY_TIME, sum, lit(3));
        assertEquals(ts("2024-01-01T07:30"), plus(ts("2024-01-01T00:00"), times));
        Expr reversed = call(Ops.TIMES, DAY_TIME, lit(2L), lit(HOUR, DAY_TIME));
        assertEquals(ts("2024-01-01T02:00"), plus(ts("2024-01-01T00:00"), reversed));
        Expr half = call(Ops.TIMES, DAY_TIME, lit(HOUR, DAY_TIME), lit(0.5));
        assertEquals(ts("2024-01-01T00:30"), plus(ts("2024-01-01T00:00"), half));
        Expr months = call(Ops.MINUS, YEAR_MONTH, lit(12, YEAR_MONTH), lit(1, YEAR_MONTH));
        assertEquals(ts("2024-12-01T00:00"), plus(ts("2024-01-01T00:00"), months));
        Expr negated = call(Ops.NEGATE, DAY_TIME, lit(HOUR, DAY_TIME));
        assertEquals(ts("2023-12-31T23:00"), plus(ts("2024-01-01T00:00"), negated));
        Expr divided = call(Ops.DIVIDE, DAY_TIME, lit(DAY, DAY_TIME), lit(4));
        assertEquals(ts("2024-01-01T06:00"), plus(ts("2024-01-01T00:00"), divided));
        assertEquals("0 06:00:00.000", eval(call(Ops.CAST, VARCHAR, divided)));
        Expr monthsTimesDecimal = call(Ops.TIMES, YEAR_MONTH, lit(2, YEAR_MONTH), lit(new BigDecimal("1.5"), decimal(2, 1)));
        assertEquals("0-3", eval(call(Ops.CAST, VARCHAR, monthsTimesDecimal)));
    }

    @Test
    void nullTimestampOrIntervalGivesNull() {
        assertNull(plus(0L, nullLit(DAY_TIME)));
        assertNull(evalWith(call(Ops.PLUS, TIMESTAMP, ref(0, TIMESTAMP), lit(1, YEAR_MONTH)), types(TIMESTAMP), (Object) null));
    }

    private static Object diff(long t1, long t2, io.sluice.storage.row.DataType type) {
        Expr d = call(Ops.TIMESTAMP_DIFF, type, ref(0, TIMESTAMP), ref(1, TIMESTAMP));
        return evalWith(call(Ops.CAST, VARCHAR, d), types(TIMESTAMP, TIMESTAMP), t1, t2);
    }

    @Test
    void timestampDiff() {
        assertEquals("1 02:00:00.000", diff(ts("2024-02-01T12:00"), ts("2024-01-31T10:00"), DAY_TIME));
        assertEquals("-1 02:00:00.000", diff(ts("2024-01-31T10:00"), ts("2024-02-01T12:00"), DAY_TIME));
        assertEquals("0-2", diff(ts("2024-03-15T00:00"), ts("2024-01-15T00:00"), YEAR_MONTH));
        assertEquals("0-1", diff(ts("2024-03-14T23:59"), ts("2024-01-15T00:00"), YEAR_MONTH), "partial months drop");
        assertEquals("-0-2", diff(ts("2024-01-15T00:00"), ts("2024-03-15T00:00"), YEAR_MONTH));
        assertEquals("1-1", diff(ts("2025-02-01T00:00"), ts("2024-01-01T00:00"), YEAR_MONTH));
        Expr d = call(Ops.TIMESTAMP_DIFF, DAY_TIME, ref(0, TIMESTAMP), ref(1, TIMESTAMP));
        assertNull(evalWith(call(Ops.CAST, VARCHAR, d), types(TIMESTAMP, TIMESTAMP), 5L, null));
        // t2 + (t1 - t2) = t1
        long t1 = ts("2024-05-06T07:08:09.010");
        long t2 = ts("2023-01-02T03:04:05.006");
        assertEquals(t1, evalWith(call(Ops.PLUS, TIMESTAMP, ref(1, TIMESTAMP), d), types(TIMESTAMP, TIMESTAMP), t1, t2));
    }

    @Test
    void minusOfTwoTimestampsTypedAsAnIntervalIsTheirDifference() {
        Expr d = call(Ops.MINUS, DAY_TIME, ref(0, TIMESTAMP), ref(1, TIMESTAMP));
        assertEquals("0 01:30:00.000", evalWith(call(Ops.CAST, VARCHAR, d), types(TIMESTAMP, TIMESTAMP),
                ts("2024-01-01T01:30"), ts("2024-01-01T00:00")));
        Expr m = call(Ops.MINUS, YEAR_MONTH, ref(0, TIMESTAMP), ref(1, TIMESTAMP));
        assertEquals("1-0", evalWith(call(Ops.CAST, VARCHAR, m), types(TIMESTAMP, TIMESTAMP),
                ts("2025-01-01T00:00"), ts("2024-01-01T00:00")));
    }

    @Test
    void mismatchedTemporalOperandsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> COMPILER.compile(schema(TIMESTAMP, TIMESTAMP), null,
                List.of(call(Ops.PLUS, TIMESTAMP, ref(0, TIMESTAMP), ref(1, TIMESTAMP))), schema(TIMESTAMP)));
        assertThrows(IllegalArgumentException.class, () -> COMPILER.compile(schema(TIMESTAMP), null,
                List.of(call(Ops.MINUS, TIMESTAMP, lit(HOUR, DAY_TIME), ref(0, TIMESTAMP))), schema(TIMESTAMP)));
        assertThrows(IllegalArgumentException.class, () -> COMPILER.compile(schema(TIMESTAMP), null,
                List.of(call(Ops.PLUS, TIMESTAMP, ref(0, TIMESTAMP), lit(1))), schema(TIMESTAMP)));
    }
}
