package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A DECIMAL product projected into a column of its type takes the long fast path
 * ({@link LongDecimalProduct}) when its operands are longs; its results, NULLs and errors are those
 * of exact BigDecimal arithmetic, across long overflow, negative values, narrow precisions and
 * operand scales.
 */
class CalcDecimalProductTest {
    private static final DataType Q1 = decimal(23, 3);
    private static final Expr Q1_PRICE = call(Ops.TIMES, Q1, lit(new BigDecimal("0.908"), decimal(3, 3)), ref(0, BIGINT));

    private static List<Long> longEdges() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 100L, -100L, 123_456_789L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MAX_VALUE / 908, Long.MAX_VALUE / 908 + 1, Long.MIN_VALUE / 908, Long.MIN_VALUE / 908 - 1,
                (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE));
        long p = 1;
        for (int k = 0; k < 19; k++) {
            values.add(p);
            values.add(-p);
            values.add(p - 1);
            values.add(-p + 1);
            if (k < 18) {
                p *= 10;
            }
        }
        return values;
    }

    /** The exact product rescaled half-up to the call's scale, or null when it has too many digits. */
    private static BigDecimal model(BigDecimal a, BigDecimal b, DataType type) {
        BigDecimal r = a.multiply(b).setScale(type.scale(), RoundingMode.HALF_UP);
        return r.precision() - r.scale() > type.precision() - type.scale() && r.signum() != 0 ? null : r;
    }

    private static void check(Expr expr, DataType[] types, Object[] values, BigDecimal a, BigDecimal b) {
        BigDecimal expected = model(a, b, (DataType) expr.type());
        String what = expr + " with " + a + " * " + b;
        if (expected == null) {
            assertThrows(EvaluationException.class, () -> evalWith(expr, types, values), what);
        } else {
            assertEquals(expected, evalWith(expr, types, values), what);
        }
    }

    @Test
    void q1PriceTakesTheFastPath() {
        RowSchema in = schema(BIGINT);
        String source = JaninoCalcCompiler.generateSource(in, null, List.of(Q1_PRICE), schema(Q1));
        assertTrue(source.contains("putUnscaledDecimal"), source);
        // the general code stays behind it, for overflow and NULL
        assertTrue(source.contains("putDecimal(0"), source);
    }

    @Test
    void q1PriceIsExactAtTheEdgesOfALong() {
        BigDecimal factor = new BigDecimal("0.908");
        for (long v : longEdges()) {
            check(Q1_PRICE, types(BIGINT), new Object[] {v}, factor, BigDecimal.valueOf(v));
        }
        assertNull(evalWith(Q1_PRICE, types(BIGINT), (Object) null));
    }

    @Test
    void q1PriceIsExactForRandomValues() {
        BigDecimal factor = new BigDecimal("0.908");
        SplittableRandom random = new SplittableRandom(99);
        var calc = COMPILER.compile(schema(BIGINT), null, List.of(Q1_PRICE), schema(Q1)).get();
        var out = new io.sluice.storage.row.RowWriter(schema(Q1));
        var reader = new io.sluice.storage.row.RowReader(schema(Q1));
        for (int n = 0; n < 100_000; n++) {
            long v = random.nextLong() >> random.nextInt(64);
            out.begin(io.sluice.storage.row.RowKind.INSERT);
            assertTrue(calc.apply(row(schema(BIGINT), v), out));
            assertEquals(model(factor, BigDecimal.valueOf(v), Q1), reader.wrap(out.buffer(), 0, out.length()).getDecimal(0),
                    "0.908 * " + v);
        }
    }

    @Test
    void narrowPrecisionOverflowIsTheSameError() {
        // DECIMAL(6, 3): 0.908 * 1101 = 999.708 fits, 0.908 * 1102 = 1000.616 does not
        DataType narrow = decimal(6, 3);
        Expr e = call(Ops.TIMES, narrow, lit(new BigDecimal("0.908"), decimal(3, 3)), ref(0, BIGINT));
        assertTrue(JaninoCalcCompiler.generateSource(schema(BIGINT), null, List.of(e), schema(narrow)).contains("fitsDigits"));
        assertEquals(new BigDecimal("999.708"), evalWith(e, types(BIGINT), 1101L));
        assertEquals(new BigDecimal("-999.708"), evalWith(e, types(BIGINT), -1101L));
        EvaluationException err = assertThrows(EvaluationException.class, () -> evalWith(e, types(BIGINT), 1102L));
        assertTrue(err.getMessage().contains("DECIMAL(6, 3)"), err.getMessage());
        assertThrows(EvaluationException.class, () -> evalWith(e, types(BIGINT), -1102L));
        for (long v : longEdges()) {
            check(e, types(BIGINT), new Object[] {v}, new BigDecimal("0.908"), BigDecimal.valueOf(v));
        }
    }

    @Test
    void narrowDecimalAndIntColumnsWithOperandScales() {
        // DECIMAL(10, 2) column times an INT column: scale 2; DECIMAL(12, 4) times DECIMAL(10, 2) literal: scale 6
        DataType d = decimal(10, 2);
        DataType r = decimal(21, 2);
        Expr e = call(Ops.TIMES, r, ref(0, d), ref(1, INT));
        assertTrue(JaninoCalcCompiler.generateSource(schema(d, INT), null, List.of(e), schema(r)).contains("putUnscaledDecimal"));
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 2_000; n++) {
            BigDecimal a = BigDecimal.valueOf(random.nextLong(-9_999_999_999L, 9_999_999_999L), 2);
            int b = random.nextInt();
            check(e, types(d, INT), new Object[] {a, b}, a, BigDecimal.valueOf(b));
        }
        assertNull(evalWith(e, types(d, INT), null, 3));
        assertNull(evalWith(e, types(d, INT), new BigDecimal("1.00"), null));

        DataType d4 = decimal(12, 4);
        DataType r6 = decimal(18, 6);
        Expr f = call(Ops.TIMES, r6, lit(new BigDecimal("-12.50"), decimal(4, 2)), ref(0, d4));
        assertTrue(JaninoCalcCompiler.generateSource(schema(d4), null, List.of(f), schema(r6)).contains("putUnscaledDecimal"));
        for (long v : longEdges()) {
            if (v > -1_000_000_000_000L && v < 1_000_000_000_000L) {
                BigDecimal a = BigDecimal.valueOf(v, 4);
                check(f, types(d4), new Object[] {a}, new BigDecimal("-12.50"), a);
            }
        }
    }

    @Test
    void aProductThatNeedsRoundingOrAnotherColumnTypeKeepsTheGeneralCode() {
        // DECIMAL(10, 1) result of a scale-3 product rounds half-up: not the fast path, still right
        Expr rounded = call(Ops.TIMES, decimal(10, 1), lit(new BigDecimal("0.908"), decimal(3, 3)), ref(0, BIGINT));
        assertFalse(JaninoCalcCompiler.generateSource(schema(BIGINT), null, List.of(rounded), schema(decimal(10, 1)))
                .contains("putUnscaledDecimal"));
        assertEquals(new BigDecimal("4.5"), evalWith(rounded, types(BIGINT), 5L)); // 4.540
        assertEquals(new BigDecimal("-6.4"), evalWith(rounded, types(BIGINT), -7L)); // -6.356, half-up away from zero
        // the call's type differs from the column's: the general code converts
        assertFalse(JaninoCalcCompiler.generateSource(schema(BIGINT), null, List.of(Q1_PRICE), schema(decimal(30, 3)))
                .contains("putUnscaledDecimal"));
    }
}
