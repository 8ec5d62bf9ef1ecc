package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The compiler's contract: caching, instances, error reporting, and the shape of generated code. */
class JaninoCalcCompilerTest {
    private static final RowSchema IN = schema(INT, VARCHAR, decimal(10, 2));

    /** A fresh but equal copy of the same Calc each time. */
    private static List<Expr> projects() {
        return List.of(call(Ops.PLUS, BIGINT, ref(0, INT), lit(1L)), ref(1, VARCHAR),
                call(Ops.TIMES, decimal(12, 2), ref(2, decimal(10, 2)), lit(new BigDecimal("1.10"), decimal(3, 2))));
    }

    private static final RowSchema OUT = schema(BIGINT, VARCHAR, decimal(12, 2));

    @Test
    void sameCalcCompiledTwiceReusesTheClass() {
        JaninoCalcCompiler compiler = new JaninoCalcCompiler();
        Expr cond = call(Ops.LIKE, BOOLEAN, ref(1, VARCHAR), lit("a%"));
        Class<?> first = compiler.compileClass(IN, cond, projects(), OUT);
        Class<?> second = compiler.compileClass(schema(INT, VARCHAR, decimal(10, 2)),
                call(Ops.LIKE, BOOLEAN, ref(1, VARCHAR), lit("a%")), projects(), schema(BIGINT, VARCHAR, decimal(12, 2)));
        assertSame(first, second);
        assertEquals(1, compiler.cachedClasses());
        assertSame(first, compiler.compile(IN, cond, projects(), OUT).get().getClass());
        RowSchema renamed = new RowSchema(List.of(new Column("id", INT), new Column("name", VARCHAR),
                new Column("price", decimal(10, 2))));
        assertSame(first, compiler.compileClass(renamed, cond, projects(), OUT), "column names do not matter");
    }

    @Test
    void concurrentCompilationsOfOneCalcAgreeOnOneClass() throws Exception {
        JaninoCalcCompiler compiler = new JaninoCalcCompiler();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Class<?>> task = () -> {
                start.await();
                return compiler.compileClass(IN, null, projects(), OUT);
            };
            Future<Class<?>> a = pool.submit(task);
            Future<Class<?>> b = pool.submit(task);
            start.countDown();
            assertSame(a.get(), b.get());
            assertEquals(1, compiler.cachedClasses());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void typesArePartOfTheCacheKey() {
        JaninoCalcCompiler compiler = new JaninoCalcCompiler();
        RowSchema in = schema(BIGINT);
        Class<?> intLiteral = compiler.compileClass(in, null, List.of(call(Ops.PLUS, BIGINT, ref(0, BIGINT), lit(1))),
                schema(BIGINT));
        Class<?> bigintLiteral = compiler.compileClass(in, null, List.of(call(Ops.PLUS, BIGINT, ref(0, BIGINT), lit(1L))),
                schema(BIGINT));
        assertNotSame(intLiteral, bigintLiteral);
        Class<?> otherOutput = compiler.compileClass(in, null, List.of(ref(0, BIGINT)), schema(BIGINT));
        Class<?> otherOutputType = compiler.compileClass(in, null, List.of(ref(0, BIGINT)), schema(DOUBLE));
        assertNotSame(otherOutput, otherOutputType);
        assertEquals(4, compiler.cachedClasses());
    }

    @Test
    void cacheIsBoundedLeastRecentlyUsedFirst() {
        JaninoCalcCompiler compiler = new JaninoCalcCompiler(2);
        RowSchema in = schema(INT);
        List<Expr> a = List.of(call(Ops.PLUS, INT, ref(0, INT), lit(1)));
        List<Expr> b = List.of(call(Ops.PLUS, INT, ref(0, INT), lit(2)));
        List<Expr> c = List.of(call(Ops.PLUS, INT, ref(0, INT), lit(3)));
        Class<?> classA = compiler.compileClass(in, null, a, schema(INT));
        compiler.compileClass(in, null, b, schema(INT));
        assertSame(classA, compiler.compileClass(in, null, a, schema(INT)), "touch A so B is the eldest");
        compiler.compileClass(in, null, c, schema(INT));
        assertEquals(2, compiler.cachedClasses());
        assertSame(classA, compiler.compileClass(in, null, a, schema(INT)));
    }

    @Test
    void supplierGivesIndependentInstancesThatRunManyRows() {
        Supplier<CompiledCalc> supplier = new JaninoCalcCompiler().compile(IN,
                call(Ops.GREATER_THAN, BOOLEAN, ref(0, INT), lit(0)), projects(), OUT);
        CompiledCalc one = supplier.get();
        CompiledCalc two = supplier.get();
        assertNotSame(one, two);
        RowWriter w = new RowWriter(OUT);
        RowReader r = new RowReader(OUT);
        for (int i = -2; i <= 3; i++) {
            w.begin(RowKind.INSERT);
            boolean kept = one.apply(row(IN, i, "row " + i, new BigDecimal("2.00")), w);
            assertEquals(i > 0, kept);
            if (kept) {
                assertArrayEquals(new Object[] {i + 1L, "row " + i, new BigDecimal("2.20")},
                        r.wrap(w.buffer(), 0, w.length()).toArray());
            }
        }
    }

    @Test
    void copiesAVarcharColumnUnchanged() {
        String text = "héllo 東京 \uD83D\uDE00";
        RowSchema in = schema(INT, VARCHAR);
        RowSchema out = schema(VARCHAR, INT);
        assertArrayEquals(new Object[] {text, 7},
                run(in, new Object[] {7, text}, null, List.of(ref(1, VARCHAR), ref(0, INT)), out));
        assertArrayEquals(new Object[] {null, null},
                run(in, new Object[] {null, null}, null, List.of(ref(1, VARCHAR), ref(0, INT)), out));
        String source = JaninoCalcCompiler.generateSource(in, null, List.of(ref(1, VARCHAR), ref(0, INT)), out);
        // the UTF-8 bytes are copied as they are, never decoded into a String and encoded again
        assertTrue(source.contains("out.putStringBytes(0, in.buffer(), in.stringOffset(1), in.stringLength(1));"), source);
        assertFalse(source.contains("getString"), source);
    }

    @Test
    void projectionConvertsToTheOutputColumnType() {
        // An INT expression written into a BIGINT column, a DECIMAL(10, 3) into DECIMAL(10, 1).
        RowSchema in = schema(INT, decimal(10, 3));
        RowSchema out = schema(BIGINT, decimal(10, 1));
        assertArrayEquals(new Object[] {5L, new BigDecimal("1.3")},
                run(in, new Object[] {5, new BigDecimal("1.250")}, null, List.of(ref(0, INT), ref(1, decimal(10, 3))), out));
    }

    @Test
    void unknownOperatorIsRejectedWithItsOperandTypes() {
        Call bogus = call("FROBNICATE", INT, ref(0, INT), lit("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JaninoCalcCompiler().compile(schema(INT), null, List.of(bogus), schema(INT)));
        assertTrue(e.getMessage().contains("FROBNICATE") && e.getMessage().contains("INT")
                && e.getMessage().contains("VARCHAR"), e.getMessage());
    }

    @Test
    void unsupportedTypeCombinationIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JaninoCalcCompiler()
                .compile(schema(INT), null, List.of(call(Ops.UPPER, VARCHAR, ref(0, INT))), schema(VARCHAR)));
        assertTrue(e.getMessage().contains("UPPER") && e.getMessage().contains("INT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new JaninoCalcCompiler()
                .compile(schema(VARCHAR, INT), null, List.of(call(Ops.LESS_THAN, BOOLEAN, ref(0, VARCHAR), ref(1, INT))),
                        schema(BOOLEAN)));
        assertTrue(e.getMessage().contains("LESS_THAN") && e.getMessage().contains("VARCHAR, INT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JaninoCalcCompiler()
                .compile(schema(INT), null, List.of(call(Ops.AND, BOOLEAN, ref(0, INT), lit(true))), schema(BOOLEAN)));
        assertThrows(IllegalArgumentException.class, () -> new JaninoCalcCompiler()
                .compile(schema(INT), ref(0, INT), List.of(), schema()), "a condition must be BOOLEAN");
        assertThrows(IllegalArgumentException.class, () -> new JaninoCalcCompiler()
                .compile(schema(INT), null, List.of(ref(0, INT)), schema(INT, INT)), "one projection per output column");
        assertThrows(IllegalArgumentException.class, () -> new JaninoCalcCompiler()
                .compile(schema(INT), null, List.of(ref(3, INT)), schema(INT)), "no such input column");
    }

    @Test
    void constantsAreHoistedOutOfTheRowPath() {
        RowSchema in = schema(VARCHAR, decimal(10, 2));
        Expr cond = call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), lit("a.b%"));
        List<Expr> projects = List.of(call(Ops.PLUS, decimal(12, 2), ref(1, decimal(10, 2)),
                lit(new BigDecimal("0.05"), decimal(3, 2))), call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), ref(0, VARCHAR)));
        String source = JaninoCalcCompiler.generateSource(in, cond, projects, schema(decimal(12, 2), BOOLEAN));
        String fields = source.substring(0, source.indexOf("public boolean apply"));
        String methods = source.substring(source.indexOf("public boolean apply"));
        assertTrue(fields.contains("private static final Pattern") && fields.contains("Pattern.compile("), source);
        assertTrue(fields.contains("private static final BigDecimal") && fields.contains("new BigDecimal(\"0.05\")"), source);
        assertTrue(fields.contains("new LikeCache()"), "a column pattern uses a per-instance cache\n" + source);
        assertFalse(methods.contains("Pattern.compile") || methods.contains("new BigDecimal"), source);
        // And it runs.
        assertArrayEquals(new Object[] {new BigDecimal("1.05"), true},
                run(in, new Object[] {"a.bc", new BigDecimal("1.00")}, cond, projects, schema(decimal(12, 2), BOOLEAN)));
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aColumnIsDecodedOncePerBlockButBranchesReadTheirOwn() {
        RowSchema in = schema(INT, VARCHAR);
        Expr twice = call(Ops.CONCAT, VARCHAR, ref(1, VARCHAR), ref(1, VARCHAR));
        String source = JaninoCalcCompiler.generateSource(in, null, List.of(twice), schema(VARCHAR));
        assertEquals(1, occurrences(source, "in.getString(1)"), source);
        assertArrayEquals(new Object[] {"abab"}, run(in, new Object[] {1, "ab"}, null, List.of(twice), schema(VARCHAR)));

        Expr branches = call(Ops.CASE, VARCHAR, call(Ops.GREATER_THAN, BOOLEAN, ref(0, INT), lit(0)),
                call(Ops.UPPER, VARCHAR, ref(1, VARCHAR)), call(Ops.LOWER, VARCHAR, ref(1, VARCHAR)));
        source = JaninoCalcCompiler.generateSource(in, null, List.of(branches), schema(VARCHAR));
        assertEquals(2, occurrences(source, "in.getString(1)"), source);
        assertArrayEquals(new Object[] {"AB"}, run(in, new Object[] {1, "aB"}, null, List.of(branches), schema(VARCHAR)));
        assertArrayEquals(new Object[] {"ab"}, run(in, new Object[] {0, "aB"}, null, List.of(branches), schema(VARCHAR)));
    }

    @Test
    void generatedCodeKeepsPrimitivesWithNullFlags() {
        String source = JaninoCalcCompiler.generateSource(schema(INT, BIGINT), null,
                List.of(call(Ops.PLUS, BIGINT, ref(0, INT), ref(1, BIGINT))), schema(BIGINT));
        assertTrue(source.contains("boolean n0 = in.isNull(0);") && source.contains("int v0 = n0 ? 0 : in.getInt(0);")
                && source.contains("long v2 = n2 ? 0L : (((long) v0) + v1);"), source);
        assertFalse(source.contains("Integer") || source.contains("Long.valueOf"), source);
    }
}
