package io.sluice.storage.row;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RowWriter#putUnscaledDecimal} writes exactly the record {@link RowWriter#putDecimal} writes for
 * {@code BigDecimal.valueOf(unscaled, scale)}, and refuses exactly the values it refuses, for narrow
 * (long) and wide (two's-complement bytes) columns.
 */
class UnscaledDecimalTest {
    private static final RowSchema SCHEMA = RowSchema.of(
            new Column("before", DataType.of(TypeKind.VARCHAR)),
            new Column("wide", DataType.decimal(23, 3)),
            new Column("narrow", DataType.decimal(10, 2)),
            new Column("widest", DataType.decimal(38, 0)),
            new Column("eighteen", DataType.decimal(18, 4)),
            new Column("nineteen", DataType.decimal(19, 19)),
            new Column("one", DataType.decimal(1, 0)));

    private static List<Long> edges() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 127L, 128L, -128L, -129L, 255L, 256L, 32767L, 32768L,
                -32768L, -32769L, 9L, 10L, -9L, -10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
                Long.MIN_VALUE + 1, 908L * 100, 908L * 100_000_000L, -908L * 123_456_789L));
        long p = 1;
        for (int k = 0; k < 19; k++) {
            values.add(p);
            values.add(p - 1);
            values.add(-p);
            values.add(-p + 1);
            if (k < 18) {
                p *= 10;
            }
        }
        for (int shift = 0; shift < 63; shift++) {
            values.add(1L << shift);
            values.add((1L << shift) - 1);
            values.add(-(1L << shift));
            values.add(-(1L << shift) - 1);
        }
        return values;
    }

    @Test
    void sameBytesAndSameRefusalsAsPutDecimalAtTheEdges() {
        for (long v : edges()) {
            for (int column = 1; column < SCHEMA.size(); column++) {
                check(column, v);
            }
        }
    }

    @Test
    void sameBytesAsPutDecimalForRandomValuesOfEveryMagnitude() {
        SplittableRandom random = new SplittableRandom(12345);
        for (int n = 0; n < 200_000; n++) {
            long v = random.nextLong() >> random.nextInt(64); // all bit lengths, both signs
            check(1 + random.nextInt(SCHEMA.size() - 1), v);
        }
    }

    @Test
    void theValueReadsBackWithTheColumnsScale() {
        RowWriter w = new RowWriter(SCHEMA);
        w.begin(RowKind.INSERT);
        w.putUnscaledDecimal(1, -908_123L);
        w.putUnscaledDecimal(2, 12_345L);
        w.putUnscaledDecimal(3, Long.MIN_VALUE);
        RowReader r = new RowReader(SCHEMA).wrap(w.buffer(), 0, w.length());
        assertEquals(new BigDecimal("-908.123"), r.getDecimal(1));
        assertEquals(new BigDecimal("123.45"), r.getDecimal(2));
        assertEquals(new BigDecimal(Long.MIN_VALUE), r.getDecimal(3));
        assertEquals(true, r.isNull(0));
    }

    @Test
    void fitsDigitsCountsDecimalDigits() {
        assertEquals(true, RowWriter.fitsDigits(9, 1));
        assertEquals(false, RowWriter.fitsDigits(10, 1));
        assertEquals(false, RowWriter.fitsDigits(-10, 1));
        assertEquals(true, RowWriter.fitsDigits(999_999_999_999_999_999L, 18));
        assertEquals(false, RowWriter.fitsDigits(1_000_000_000_000_000_000L, 18));
        assertEquals(false, RowWriter.fitsDigits(Long.MIN_VALUE, 18));
        assertEquals(true, RowWriter.fitsDigits(Long.MIN_VALUE, 19));
    }

    /** Writes v both ways into a record that also holds a string before it; compares the records or the errors. */
    private static void check(int column, long v) {
        RowWriter expected = new RowWriter(SCHEMA);
        RowWriter actual = new RowWriter(SCHEMA);
        expected.begin(RowKind.INSERT);
        actual.begin(RowKind.INSERT);
        expected.putString(0, "x");
        actual.putString(0, "x");
        BigDecimal d = BigDecimal.valueOf(v, SCHEMA.type(column).scale());
        ArithmeticException refused = null;
        try {
            expected.putDecimal(column, d);
        } catch (ArithmeticException e) {
            refused = e;
        }
        String what = "column " + column + " value " + d;
        if (refused != null) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> actual.putUnscaledDecimal(column, v), what);
            assertEquals(refused.getMessage(), e.getMessage(), what);
            return;
        }
        actual.putUnscaledDecimal(column, v);
        assertEquals(expected.length(), actual.length(), what);
        byte[] a = new byte[expected.length()];
        byte[] b = new byte[actual.length()];
        expected.buffer().getBytes(0, a);
        actual.buffer().getBytes(0, b);
        assertArrayEquals(a, b, what);
    }
}
