package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every CAST pair Ops lists, with its errors. */
class CalcCastTest {

    private static Object cast(DataType from, Object value, DataType to) {
        return evalWith(call(Ops.CAST, to, ref(0, from)), types(from), value);
    }

    private static String castError(DataType from, Object value, DataType to) {
        return assertThrows(EvaluationException.class, () -> cast(from, value, to)).getMessage();
    }

    static long ts(String isoLocal) {
        return LocalDateTime.parse(isoLocal).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void numbersToNumbers() {
        assertEquals(5L, cast(INT, 5, BIGINT));
        assertEquals(-7, cast(BIGINT, -7L, INT));
        assertEquals(2.0, cast(INT, 2, DOUBLE));
        assertEquals(9.007199254740992E15, cast(BIGINT, 9_007_199_254_740_992L, DOUBLE));
        assertEquals(new BigDecimal("123.00"), cast(INT, 123, decimal(5, 2)));
        assertEquals(new BigDecimal("-42.0"), cast(BIGINT, -42L, decimal(3, 1)));
        assertEquals(1.25, cast(decimal(5, 2), new BigDecimal("1.25"), DOUBLE));
        assertEquals(new BigDecimal("0.10"), cast(DOUBLE, 0.1, decimal(5, 2)), "from the shortest decimal text");
        assertEquals(new BigDecimal("0.13"), cast(DOUBLE, 0.125, decimal(5, 2)), "half-up");
        assertEquals(new BigDecimal("1.3"), cast(decimal(10, 3), new BigDecimal("1.250"), decimal(10, 1)));
        assertEquals(new BigDecimal("-1.3"), cast(decimal(10, 3), new BigDecimal("-1.250"), decimal(10, 1)));
    }

    @Test
    void toIntegerKindsTruncatesTowardZero() {
        assertEquals(2, cast(DOUBLE, 2.9, INT));
        assertEquals(-2, cast(DOUBLE, -2.9, INT));
        assertEquals(-2L, cast(DOUBLE, -2.9, BIGINT));
        assertEquals(-3, cast(decimal(5, 2), new BigDecimal("-3.99"), INT));
        assertEquals(3L, cast(decimal(5, 2), new BigDecimal("3.99"), BIGINT));
        assertEquals(Integer.MAX_VALUE, cast(DOUBLE, 2147483647.9, INT));
    }

    @Test
    void outOfRangeNumbersAreErrors() {
        assertEquals("value 3000000000 is out of range for INT", castError(BIGINT, 3_000_000_000L, INT));
        assertEquals("value 2.147483648E9 is out of range for INT", castError(DOUBLE, 2147483648.0, INT));
        assertEquals("value NaN is out of range for BIGINT", castError(DOUBLE, Double.NaN, BIGINT));
        assertEquals("value 1.0E19 is out of range for BIGINT", castError(DOUBLE, 1e19, BIGINT));
        assertEquals("value 99999999999999999999 is out of range for BIGINT",
                castError(decimal(20, 0), new BigDecimal("99999999999999999999"), BIGINT));
        assertEquals("value 1234 is out of range for DECIMAL(3, 1)", castError(INT, 1234, decimal(3, 1)));
        assertEquals("value Infinity is out of range for DECIMAL(10, 2)",
                castError(DOUBLE, Double.POSITIVE_INFINITY, decimal(10, 2)));
    }

    @Test
    void everythingToVarchar() {
        assertEquals("TRUE", cast(BOOLEAN, true, VARCHAR));
        assertEquals("FALSE", cast(BOOLEAN, false, VARCHAR));
        assertEquals("-42", cast(INT, -42, VARCHAR));
        assertEquals("9000000000", cast(BIGINT, 9_000_000_000L, VARCHAR));
        assertEquals("1.50", cast(decimal(5, 2), new BigDecimal("1.50"), VARCHAR), "keeps the scale");
        assertEquals("2024-01-31 12:34:56.789", cast(TIMESTAMP, ts("2024-01-31T12:34:56.789"), VARCHAR));
        assertEquals("1969-12-31 23:59:59.999", cast(TIMESTAMP, -1L, VARCHAR));
        assertEquals("héllo", cast(VARCHAR, "héllo", VARCHAR));
    }

    /** DOUBLE text: shortest round-trip digits in Java's (and Calcite's) layout, exponent below 1E-3 and from 1E7. */
    @Test
    void doubleToVarchar() {
        assertEquals("1.5", cast(DOUBLE, 1.5, VARCHAR));
        assertEquals("100.0", cast(DOUBLE, 100.0, VARCHAR));
        assertEquals("1.0E10", cast(DOUBLE, 1e10, VARCHAR));
        assertEquals("1.0E-5", cast(DOUBLE, 0.00001, VARCHAR));
        assertEquals("0.1", cast(DOUBLE, 0.1, VARCHAR));
        assertEquals("-0.0", cast(DOUBLE, -0.0, VARCHAR));
        assertEquals("NaN", cast(DOUBLE, Double.NaN, VARCHAR));
        assertEquals("-Infinity", cast(DOUBLE, Double.NEGATIVE_INFINITY, VARCHAR));
        assertEquals("123456.789", cast(DOUBLE, 123456.789, VARCHAR));
        assertEquals("1.2345678E7", cast(DOUBLE, 12345678.0, VARCHAR));
        assertEquals("0.001", cast(DOUBLE, 0.001, VARCHAR));
        assertEquals("0.30000000000000004", cast(DOUBLE, 0.1 + 0.2, VARCHAR), "all 17 digits when they are needed");
        // Java 17's Double.toString prints these two with excess digits.
        assertEquals("2.0E23", cast(DOUBLE, 2e23, VARCHAR));
        assertEquals("-1.0E23", cast(DOUBLE, -1e23, VARCHAR));
        assertEquals("4.9E-324", cast(DOUBLE, Double.MIN_VALUE, VARCHAR));
        for (double d : new double[] {2e23, 1e23, 0.1 + 0.2, Math.PI, -Math.E * 1e-200, 1.7976931348623157E308}) {
            assertEquals(d, Double.parseDouble((String) cast(DOUBLE, d, VARCHAR)), "round trip of " + d);
        }
    }

    @Test
    void boundedVarcharTruncatesByCharacter() {
        assertEquals("abc", cast(VARCHAR, "abcdef", DataType.varchar(3)));
        assertEquals("ab", cast(VARCHAR, "ab", DataType.varchar(3)));
        assertEquals("\uD83D\uDE00\uD83D\uDE00", cast(VARCHAR, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", DataType.varchar(2)));
        assertEquals("12", cast(INT, 12345, DataType.varchar(2)));
        assertEquals("2024-01-31", cast(TIMESTAMP, ts("2024-01-31T12:00"), DataType.varchar(10)));
    }

    @Test
    void varcharToNumbers() {
        assertEquals(42, cast(VARCHAR, " 42 ", INT));
        assertEquals(-42, cast(VARCHAR, "-42", INT));
        assertEquals(9_000_000_000L, cast(VARCHAR, "9000000000", BIGINT));
        assertEquals(1500.0, cast(VARCHAR, "1.5e3", DOUBLE));
        assertEquals(-0.25, cast(VARCHAR, " -.25 ", DOUBLE));
        assertEquals(new BigDecimal("3.14"), cast(VARCHAR, "3.14159", decimal(5, 2)));
        assertEquals(new BigDecimal("3.15"), cast(VARCHAR, "3.145", decimal(5, 2)));
    }

    @Test
    void unparsableTextIsAnErrorNamingTextAndType() {
        assertEquals("cannot CAST 'abc' to INT", castError(VARCHAR, "abc", INT));
        assertEquals("cannot CAST '1.5' to INT", castError(VARCHAR, "1.5", INT));
        assertEquals("cannot CAST '3000000000' to INT", castError(VARCHAR, "3000000000", INT));
        assertEquals("cannot CAST '' to BIGINT", castError(VARCHAR, "", BIGINT));
        assertEquals("cannot CAST '1d' to DOUBLE", castError(VARCHAR, "1d", DOUBLE));
        assertEquals("cannot CAST 'x' to DOUBLE", castError(VARCHAR, "x", DOUBLE));
        assertEquals("cannot CAST '1,5' to DECIMAL(5, 2)", castError(VARCHAR, "1,5", decimal(5, 2)));
        assertEquals("value 99999 is out of range for DECIMAL(5, 2)", castError(VARCHAR, "99999", decimal(5, 2)));
        assertEquals("cannot CAST 'yes' to BOOLEAN", castError(VARCHAR, "yes", BOOLEAN));
    }

    @Test
    void varcharToBoolean() {
        assertEquals(true, cast(VARCHAR, " true ", BOOLEAN));
        assertEquals(true, cast(VARCHAR, "TRUE", BOOLEAN));
        assertEquals(false, cast(VARCHAR, "False", BOOLEAN));
    }

    @Test
    void varcharToTimestamp() {
        assertEquals(ts("2024-01-31T00:00"), cast(VARCHAR, "2024-01-31", TIMESTAMP));
        assertEquals(ts("2024-01-31T12:34"), cast(VARCHAR, "2024-01-31 12:34", TIMESTAMP));
        assertEquals(ts("2024-01-31T12:34:56"), cast(VARCHAR, "2024-01-31 12:34:56", TIMESTAMP));
        assertEquals(ts("2024-01-31T12:34:56.700"), cast(VARCHAR, "2024-01-31T12:34:56.7", TIMESTAMP));
        assertEquals(ts("2024-01-31T12:34:56.123"), cast(VARCHAR, " 2024-01-31 12:34:56.123456 ", TIMESTAMP));
        assertEquals(ts("1960-02-29T23:59:59.999"), cast(VARCHAR, "1960-02-29 23:59:59.999", TIMESTAMP));
        for (String bad : new String[] {"2024-02-30", "2024-01-31 25:00", "2024-01-31 12", "2024-01-31 12:34:56.",
            "yesterday", "2024/01/31", "2024-01-31X12:00", "2024-01-31 12:34:5x"}) {
            assertEquals("cannot CAST '" + bad + "' to TIMESTAMP", castError(VARCHAR, bad, TIMESTAMP), bad);
        }
    }

    @Test
    void timestampRoundTripsThroughText() {
        long t = ts("2023-07-04T01:02:03.004");
        String text = (String) cast(TIMESTAMP, t, VARCHAR);
        assertEquals(t, cast(VARCHAR, text, TIMESTAMP));
    }

    @Test
    void timestampAndBigintAreEpochMillis() {
        assertEquals(1_700_000_000_123L, cast(TIMESTAMP, 1_700_000_000_123L, BIGINT));
        assertEquals(ts("1970-01-01T00:00:01"), cast(BIGINT, 1000L, TIMESTAMP));
    }

    @Test
    void castOfNullIsNull() {
        assertNull(cast(VARCHAR, null, INT));
        assertNull(cast(INT, null, VARCHAR));
        assertNull(eval(call(Ops.CAST, TIMESTAMP, nullLit(NULL))));
    }

    @Test
    void castsSqlDoesNotDefineAreRejectedAtCompileTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> COMPILER.compile(schema(BOOLEAN),
                null, List.of(call(Ops.CAST, INT, ref(0, BOOLEAN))), schema(INT)));
        assertTrue(e.getMessage().contains("BOOLEAN") && e.getMessage().contains("INT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> COMPILER.compile(schema(TIMESTAMP),
                null, List.of(call(Ops.CAST, DOUBLE, ref(0, TIMESTAMP))), schema(DOUBLE)));
    }

    @Test
    void intervalsToVarchar() {
        assertEquals("1 02:03:04.005", eval(call(Ops.CAST, VARCHAR, lit(93_784_005L, DAY_TIME))));
        assertEquals("-0 00:00:01.500", eval(call(Ops.CAST, VARCHAR, lit(-1_500L, DAY_TIME))));
        assertEquals("1-2", eval(call(Ops.CAST, VARCHAR, lit(14, YEAR_MONTH))));
        assertEquals("-0-3", eval(call(Ops.CAST, VARCHAR, lit(-3, YEAR_MONTH))));
    }
}
