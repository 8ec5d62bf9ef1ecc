package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE and ABS over every numeric kind, mixed kinds and NULLs. */
class CalcArithmeticTest {

    private static Object binary(String op, DataType result, DataType ta, Object a, DataType tb, Object b) {
        return evalWith(call(op, result, ref(0, ta), ref(1, tb)), types(ta, tb), a, b);
    }

    @Test
    void intArithmetic() {
        assertEquals(5, binary(Ops.PLUS, INT, INT, 2, INT, 3));
        assertEquals(-1, binary(Ops.MINUS, INT, INT, 2, INT, 3));
        assertEquals(6, binary(Ops.TIMES, INT, INT, 2, INT, 3));
        assertEquals(Integer.MIN_VALUE, binary(Ops.PLUS, INT, INT, Integer.MAX_VALUE, INT, 1), "INT wraps like Java");
        assertEquals(Long.MIN_VALUE, binary(Ops.PLUS, BIGINT, BIGINT, Long.MAX_VALUE, BIGINT, 1L));
    }

    @Test
    void mixedKindsAreWidenedFirst() {
        assertEquals(3_000_000_002L, binary(Ops.PLUS, BIGINT, INT, 2, BIGINT, 3_000_000_000L));
        assertEquals(new BigDecimal("3.75"), binary(Ops.TIMES, decimal(20, 2), BIGINT, 3L, decimal(10, 2), new BigDecimal("1.25")));
        assertEquals(3.5, binary(Ops.DIVIDE, DOUBLE, INT, 7, DOUBLE, 2.0));
        assertEquals(new BigDecimal("4.50"), binary(Ops.PLUS, decimal(12, 2), INT, 3, decimal(10, 2), new BigDecimal("1.50")));
        assertEquals(2.75, binary(Ops.PLUS, DOUBLE, decimal(10, 2), new BigDecimal("1.25"), DOUBLE, 1.5));
        // The call's type counts too: INT * INT typed BIGINT does not wrap at 2^31.
        assertEquals(4_000_000_000L, binary(Ops.TIMES, BIGINT, INT, 2, INT, 2_000_000_000));
    }

    @Test
    void integerDivisionTruncatesTowardZero() {
        assertEquals(3, binary(Ops.DIVIDE, INT, INT, 7, INT, 2));
        assertEquals(-3, binary(Ops.DIVIDE, INT, INT, -7, INT, 2));
        assertEquals(-3L, binary(Ops.DIVIDE, BIGINT, BIGINT, 7L, BIGINT, -2L));
        assertEquals(2L, binary(Ops.DIVIDE, BIGINT, INT, 5, BIGINT, 2L));
    }

    @Test
    void divisionByZeroIsAnErrorForEveryKind() {
        for (DataType t : new DataType[] {INT, BIGINT, DOUBLE, decimal(10, 2)}) {
            Object one = t == INT ? (Object) 1 : t == BIGINT ? (Object) 1L : t == DOUBLE ? (Object) 1.0 : new BigDecimal("1.00");
            Object zero = t == INT ? (Object) 0 : t == BIGINT ? (Object) 0L : t == DOUBLE ? (Object) 0.0 : new BigDecimal("0.00");
            EvaluationException e = assertThrows(EvaluationException.class, () -> binary(Ops.DIVIDE, t, t, one, t, zero));
            assertEquals("division by zero", e.getMessage());
            assertThrows(EvaluationException.class, () -> binary(Ops.MOD, t, t, one, t, zero));
        }
    }

    @Test
    void modHasTheSignOfTheDividend() {
        assertEquals(1, binary(Ops.MOD, INT, INT, 7, INT, 3));
        assertEquals(-1, binary(Ops.MOD, INT, INT, -7, INT, 3));
        assertEquals(1, binary(Ops.MOD, INT, INT, 7, INT, -3));
        assertEquals(-1, binary(Ops.MOD, INT, INT, -7, INT, -3));
        assertEquals(-1L, binary(Ops.MOD, BIGINT, BIGINT, -7L, INT, 3));
        assertEquals(new BigDecimal("-1.5"), binary(Ops.MOD, decimal(5, 1), decimal(5, 1), new BigDecimal("-7.5"), INT, 2));
        assertEquals(-1.5, binary(Ops.MOD, DOUBLE, DOUBLE, -7.5, DOUBLE, 2.0));
    }

    @Test
    void decimalResultsRoundHalfUpToTheCallScale() {
        DataType d = decimal(10, 2);
        assertEquals(new BigDecimal("0.63"), binary(Ops.DIVIDE, d, d, new BigDecimal("1.25"), INT, 2));
        assertEquals(new BigDecimal("-0.63"), binary(Ops.DIVIDE, d, d, new BigDecimal("-1.25"), INT, 2));
        assertEquals(new BigDecimal("1.56"), binary(Ops.TIMES, d, d, new BigDecimal("1.25"), d, new BigDecimal("1.25")));
        assertEquals(new BigDecimal("0.33"), binary(Ops.DIVIDE, d, INT, 1, INT, 3), "DECIMAL call type: decimal division");
        DataType d3 = decimal(10, 3);
        assertEquals(new BigDecimal("1.3"), binary(Ops.PLUS, decimal(10, 1), d3, new BigDecimal("1.250"), INT, 0));
    }

    @Test
    void decimalIntermediateIsRoundedBeforeItIsUsedAgain() {
        // (1.25 + 1.25) typed DECIMAL(38, 0) is 3, so comparing it with 3 is TRUE.
        DataType d = decimal(10, 2);
        Expr sum = call(Ops.PLUS, decimal(38, 0), ref(0, d), ref(1, d));
        Expr eq = call(Ops.EQUALS, BOOLEAN, sum, lit(3));
        assertEquals(true, evalWith(eq, types(d, d), new BigDecimal("1.25"), new BigDecimal("1.25")));
        Expr neg = call(Ops.NEGATE, decimal(10, 1), ref(0, d));
        assertEquals(true, evalWith(call(Ops.EQUALS, BOOLEAN, neg, lit(new BigDecimal("-1.3"), decimal(2, 1))),
                types(d), new BigDecimal("1.25")));
    }

    @Test
    void decimalTooLargeForItsTypeIsAnError() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> binary(Ops.TIMES, decimal(4, 2), decimal(4, 2), new BigDecimal("99.00"), INT, 10));
        assertTrue(e.getMessage().contains("990") && e.getMessage().contains("DECIMAL(4, 2)"), e.getMessage());
    }

    @Test
    void resultNarrowedToTheCallTypeIsChecked() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> binary(Ops.PLUS, INT, BIGINT, 3_000_000_000L, BIGINT, 1L));
        assertEquals("value 3000000001 is out of range for INT", e.getMessage());
    }

    @Test
    void wideDecimalsBeyondALong() {
        DataType wide = decimal(30, 2);
        BigDecimal big = new BigDecimal("1234567890123456789012.34");
        assertEquals(new BigDecimal("2469135780246913578024.68"), binary(Ops.PLUS, wide, wide, big, wide, big));
    }

    @Test
    void nullOperandGivesNull() {
        for (String op : new String[] {Ops.PLUS, Ops.MINUS, Ops.TIMES, Ops.DIVIDE, Ops.MOD}) {
            assertNull(binary(op, INT, INT, null, INT, 0), op);
            assertNull(binary(op, INT, INT, 5, INT, null), op);
            assertNull(eval(call(op, INT, lit(1), nullLit(NULL))), op + " with an untyped NULL");
            assertNull(eval(call(op, DOUBLE, nullLit(DOUBLE), lit(1.0))), op + " with a typed NULL");
        }
        assertNull(evalWith(call(Ops.NEGATE, INT, ref(0, INT)), types(INT), (Object) null));
        assertNull(evalWith(call(Ops.ABS, decimal(5, 1), ref(0, decimal(5, 1))), types(decimal(5, 1)), (Object) null));
    }

    @Test
    void negateAndAbs() {
        Expr negInt = call(Ops.NEGATE, INT, ref(0, INT));
        assertEquals(-5, evalWith(negInt, types(INT), 5));
        assertEquals(5, evalWith(call(Ops.ABS, INT, ref(0, INT)), types(INT), -5));
        assertEquals(5L, evalWith(call(Ops.ABS, BIGINT, ref(0, BIGINT)), types(BIGINT), -5L));
        assertEquals(2.5, evalWith(call(Ops.ABS, DOUBLE, ref(0, DOUBLE)), types(DOUBLE), -2.5));
        assertEquals(new BigDecimal("-1.50"), evalWith(call(Ops.NEGATE, decimal(5, 2), ref(0, decimal(5, 2))),
                types(decimal(5, 2)), new BigDecimal("1.50")));
        assertEquals(new BigDecimal("1.50"), evalWith(call(Ops.ABS, decimal(5, 2), ref(0, decimal(5, 2))),
                types(decimal(5, 2)), new BigDecimal("-1.50")));
        assertEquals(Integer.MIN_VALUE, evalWith(negInt, types(INT), Integer.MIN_VALUE), "wraps like Java");
    }

    @Test
    void literalsOfEveryNumericKind() {
        assertEquals(-3, eval(call(Ops.PLUS, INT, lit(-1), lit(-2))));
        assertEquals(Long.MIN_VALUE, eval(call(Ops.PLUS, BIGINT, lit(Long.MIN_VALUE), lit(0L))));
        assertEquals(-0.5, eval(call(Ops.TIMES, DOUBLE, lit(-1.0), lit(0.5))));
        assertEquals(new BigDecimal("-2.50"), eval(call(Ops.TIMES, decimal(10, 2),
                lit(new BigDecimal("-1.25"), decimal(3, 2)), lit(2))));
    }
}
