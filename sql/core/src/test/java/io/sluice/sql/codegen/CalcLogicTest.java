package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comparisons, IS [NOT] DISTINCT FROM, three-valued AND/OR/NOT, IS predicates, CASE and filtering. */
class CalcLogicTest {
    private static final String[] COMPARISONS = {Ops.EQUALS, Ops.NOT_EQUALS, Ops.LESS_THAN, Ops.LESS_THAN_OR_EQUAL,
        Ops.GREATER_THAN, Ops.GREATER_THAN_OR_EQUAL};

    /** Expected result of each comparison in COMPARISONS order, given the sign of compare(a, b). */
    private static Boolean[] expected(int sign) {
        return new Boolean[] {sign == 0, sign != 0, sign < 0, sign <= 0, sign > 0, sign >= 0};
    }

    private static void assertCompares(DataType ta, Object a, DataType tb, Object b, int sign) {
        Boolean[] want = expected(sign);
        for (int i = 0; i < COMPARISONS.length; i++) {
            Object got = evalWith(call(COMPARISONS[i], BOOLEAN, ref(0, ta), ref(1, tb)), types(ta, tb), a, b);
            assertEquals(want[i], got, COMPARISONS[i] + "(" + a + ", " + b + ")");
        }
    }

    @Test
    void comparesNumbersOfMixedKinds() {
        assertCompares(INT, 2, BIGINT, 3L, -1);
        assertCompares(INT, 2, DOUBLE, 2.0, 0);
        assertCompares(decimal(5, 2), new BigDecimal("2.50"), INT, 2, 1);
        assertCompares(decimal(5, 2), new BigDecimal("2.50"), decimal(6, 1), new BigDecimal("2.5"), 0);
        assertCompares(BIGINT, 3_000_000_000L, INT, Integer.MAX_VALUE, 1);
        assertCompares(DOUBLE, 0.1, decimal(5, 1), new BigDecimal("0.1"), 0);
    }

    @Test
    void comparesStringsByCodePoint() {
        assertCompares(VARCHAR, "abc", VARCHAR, "abd", -1);
        assertCompares(VARCHAR, "ab", VARCHAR, "abc", -1);
        assertCompares(VARCHAR, "héllo", VARCHAR, "héllo", 0);
        assertCompares(VARCHAR, "B", VARCHAR, "a", -1);
        // U+1F600 is above U+FFFD although its first UTF-16 unit (a surrogate, 0xD83D) is below.
        assertCompares(VARCHAR, "\uD83D\uDE00", VARCHAR, "\uFFFD", 1);
    }

    @Test
    void comparesBooleansTimestampsAndIntervals() {
        assertCompares(BOOLEAN, false, BOOLEAN, true, -1);
        assertCompares(BOOLEAN, true, BOOLEAN, true, 0);
        assertCompares(TIMESTAMP, 1_000L, TIMESTAMP, 2_000L, -1);
        assertCompares(TIMESTAMP, -5L, TIMESTAMP, -5L, 0);
        Expr lt = call(Ops.LESS_THAN, BOOLEAN, lit(3_600_000L, DAY_TIME), lit(86_400_000L, DAY_TIME));
        assertEquals(true, eval(lt));
        assertEquals(false, eval(call(Ops.GREATER_THAN, BOOLEAN, lit(1, YEAR_MONTH), lit(12, YEAR_MONTH))));
    }

    @Test
    void comparisonWithNullIsNull() {
        for (String op : COMPARISONS) {
            assertNull(evalWith(call(op, BOOLEAN, ref(0, INT), ref(1, INT)), types(INT, INT), 1, null), op);
            assertNull(evalWith(call(op, BOOLEAN, ref(0, VARCHAR), ref(1, VARCHAR)), types(VARCHAR, VARCHAR), null, "a"), op);
            assertNull(eval(call(op, BOOLEAN, lit(1), nullLit(NULL))), op);
        }
    }

    @Test
    void isDistinctFromTreatsNullsAsEqualAndIsNeverNull() {
        Object[][] cases = {{1, 1, false}, {1, 2, true}, {null, 1, true}, {1, null, true}, {null, null, false}};
        for (Object[] c : cases) {
            Expr distinct = call(Ops.IS_DISTINCT_FROM, BOOLEAN, ref(0, INT), ref(1, INT));
            Expr notDistinct = call(Ops.IS_NOT_DISTINCT_FROM, BOOLEAN, ref(0, INT), ref(1, INT));
            assertEquals(c[2], evalWith(distinct, types(INT, INT), c[0], c[1]), "distinct " + c[0] + ", " + c[1]);
            assertEquals(!(Boolean) c[2], evalWith(notDistinct, types(INT, INT), c[0], c[1]));
        }
        assertEquals(false, evalWith(call(Ops.IS_DISTINCT_FROM, BOOLEAN, ref(0, VARCHAR), ref(1, VARCHAR)),
                types(VARCHAR, VARCHAR), "x", "x"));
        assertEquals(false, evalWith(call(Ops.IS_DISTINCT_FROM, BOOLEAN, ref(0, INT), ref(1, BIGINT)),
                types(INT, BIGINT), 7, 7L));
        assertEquals(true, eval(call(Ops.IS_DISTINCT_FROM, BOOLEAN, lit(1), nullLit(NULL))));
        assertEquals(true, eval(call(Ops.IS_NOT_DISTINCT_FROM, BOOLEAN, nullLit(NULL), nullLit(INT))));
    }

    private static final Boolean[] TRUTH = {true, false, null};

    @Test
    void andFollowsThreeValuedLogic() {
        for (Boolean a : TRUTH) {
            for (Boolean b : TRUTH) {
                Boolean want = (a == Boolean.FALSE || b == Boolean.FALSE) ? Boolean.FALSE
                        : (a == null || b == null) ? null : Boolean.TRUE;
                assertEquals(want, evalWith(call(Ops.AND, BOOLEAN, ref(0, BOOLEAN), ref(1, BOOLEAN)),
                        types(BOOLEAN, BOOLEAN), a, b), a + " AND " + b);
            }
        }
    }

    @Test
    void orFollowsThreeValuedLogic() {
        for (Boolean a : TRUTH) {
            for (Boolean b : TRUTH) {
                Boolean want = (a == Boolean.TRUE || b == Boolean.TRUE) ? Boolean.TRUE
                        : (a == null || b == null) ? null : Boolean.FALSE;
                assertEquals(want, evalWith(call(Ops.OR, BOOLEAN, ref(0, BOOLEAN), ref(1, BOOLEAN)),
                        types(BOOLEAN, BOOLEAN), a, b), a + " OR " + b);
            }
        }
    }

    @Test
    void andOrOfThreeOperands() {
        Expr and = call(Ops.AND, BOOLEAN, ref(0, BOOLEAN), ref(1, BOOLEAN), ref(2, BOOLEAN));
        Expr or = call(Ops.OR, BOOLEAN, ref(0, BOOLEAN), ref(1, BOOLEAN), ref(2, BOOLEAN));
        DataType[] t = types(BOOLEAN, BOOLEAN, BOOLEAN);
        assertEquals(true, evalWith(and, t, true, true, true));
        assertNull(evalWith(and, t, true, null, true));
        assertEquals(false, evalWith(and, t, null, true, false));
        assertEquals(false, evalWith(or, t, false, false, false));
        assertNull(evalWith(or, t, false, null, false));
        assertEquals(true, evalWith(or, t, null, false, true));
    }

    /** 10 / $0 = 1: an error when $0 is 0, so it shows whether an operand was evaluated. */
    private static Expr failsOnZero() {
        return call(Ops.EQUALS, BOOLEAN, call(Ops.DIVIDE, INT, lit(10), ref(0, INT)), lit(1));
    }

    @Test
    void andAndOrStopAtTheDecidingOperand() {
        DataType[] t = types(INT, BOOLEAN);
        assertEquals(false, evalWith(call(Ops.AND, BOOLEAN, ref(1, BOOLEAN), failsOnZero()), t, 0, false));
        assertEquals(true, evalWith(call(Ops.OR, BOOLEAN, ref(1, BOOLEAN), failsOnZero()), t, 0, true));
        assertEquals(false, evalWith(call(Ops.AND, BOOLEAN, ref(1, BOOLEAN), failsOnZero()), t, 5, true));
    }

    @Test
    void notAndIsPredicates() {
        Expr x = ref(0, BOOLEAN);
        DataType[] t = types(BOOLEAN);
        assertEquals(false, evalWith(call(Ops.NOT, BOOLEAN, x), t, true));
        assertEquals(true, evalWith(call(Ops.NOT, BOOLEAN, x), t, false));
        assertNull(evalWith(call(Ops.NOT, BOOLEAN, x), t, (Object) null));
        String[] ops = {Ops.IS_NULL, Ops.IS_NOT_NULL, Ops.IS_TRUE, Ops.IS_NOT_TRUE, Ops.IS_FALSE, Ops.IS_NOT_FALSE};
        // rows: value TRUE, FALSE, NULL; columns: the ops above
        boolean[][] want = {
            {false, true, true, false, false, true},
            {false, true, false, true, true, false},
            {true, false, false, true, false, true},
        };
        for (int r = 0; r < TRUTH.length; r++) {
            for (int o = 0; o < ops.length; o++) {
                assertEquals(want[r][o], evalWith(call(ops[o], BOOLEAN, x), t, TRUTH[r]), ops[o] + "(" + TRUTH[r] + ")");
            }
        }
        assertEquals(true, evalWith(call(Ops.IS_NULL, BOOLEAN, ref(0, VARCHAR)), types(VARCHAR), (Object) null));
        assertEquals(true, evalWith(call(Ops.IS_NOT_NULL, BOOLEAN, ref(0, DOUBLE)), types(DOUBLE), 1.0));
        assertEquals(true, eval(call(Ops.IS_NULL, BOOLEAN, nullLit(NULL))));
    }

    @Test
    void caseEvaluatesOnlyTheChosenBranch() {
        // CASE WHEN x <> 0 THEN 10 / x END
        Expr e = call(Ops.CASE, INT, call(Ops.NOT_EQUALS, BOOLEAN, ref(0, INT), lit(0)),
                call(Ops.DIVIDE, INT, lit(10), ref(0, INT)), nullLit(INT));
        assertNull(evalWith(e, types(INT), 0));
        assertEquals(2, evalWith(e, types(INT), 5));
        assertNull(evalWith(e, types(INT), (Object) null), "a NULL WHEN is not TRUE");
        // CASE WHEN x = 0 THEN -1 ELSE 10 / x END: the ELSE is skipped too
        Expr withElse = call(Ops.CASE, INT, call(Ops.EQUALS, BOOLEAN, ref(0, INT), lit(0)), lit(-1),
                call(Ops.DIVIDE, INT, lit(10), ref(0, INT)));
        assertEquals(-1, evalWith(withElse, types(INT), 0));
        assertEquals(5, evalWith(withElse, types(INT), 2));
    }

    @Test
    void caseTakesTheFirstTrueWhenAndConvertsBranches() {
        // CASE WHEN x > 10 THEN 'big' WHEN x > 0 THEN 'small' ELSE 'none' END
        Expr e = call(Ops.CASE, VARCHAR,
                call(Ops.GREATER_THAN, BOOLEAN, ref(0, INT), lit(10)), lit("big"),
                call(Ops.GREATER_THAN, BOOLEAN, ref(0, INT), lit(0)), lit("small"),
                lit("none"));
        assertEquals("big", evalWith(e, types(INT), 11));
        assertEquals("small", evalWith(e, types(INT), 10));
        assertEquals("none", evalWith(e, types(INT), -1));
        assertEquals("none", evalWith(e, types(INT), (Object) null));
        // Branches of kinds INT and DECIMAL(5, 1) in a DECIMAL(11, 1) CASE.
        Expr mixed = call(Ops.CASE, decimal(11, 1), ref(0, BOOLEAN), ref(1, INT), ref(2, decimal(5, 1)));
        DataType[] t = types(BOOLEAN, INT, decimal(5, 1));
        assertEquals(new BigDecimal("7.0"), evalWith(mixed, t, true, 7, new BigDecimal("2.5")));
        assertEquals(new BigDecimal("2.5"), evalWith(mixed, t, false, 7, new BigDecimal("2.5")));
        assertNull(evalWith(mixed, t, true, null, new BigDecimal("2.5")));
    }

    @Test
    void filterKeepsOnlyTrueRows() {
        var in = schema(INT, VARCHAR);
        var out = schema(VARCHAR);
        Expr cond = call(Ops.GREATER_THAN, BOOLEAN, ref(0, INT), lit(5));
        List<Expr> projects = List.of(ref(1, VARCHAR));
        assertArrayEquals(new Object[] {"keep"}, run(in, new Object[] {6, "keep"}, cond, projects, out));
        assertNull(run(in, new Object[] {5, "drop"}, cond, projects, out), "FALSE drops");
        assertNull(run(in, new Object[] {null, "drop"}, cond, projects, out), "NULL drops");
        assertNull(run(in, new Object[] {1, "drop"}, nullLit(BOOLEAN), projects, out), "a NULL literal drops");
        assertArrayEquals(new Object[] {"all"}, run(in, new Object[] {1, "all"}, null, projects, out), "no condition");
    }
}
