package io.sluice.sql.codegen;

import static io.sluice.sql.codegen.CalcTester.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UPPER, LOWER, CHAR_LENGTH, SUBSTRING, TRIM, CONCAT, LIKE and POSITION. */
class CalcStringTest {
    private static final String TEXT = "héllo 東京";
    private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16 units

    private static Object fn(String op, Object... args) {
        Expr[] refs = new Expr[args.length];
        io.sluice.storage.row.DataType[] types = new io.sluice.storage.row.DataType[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Integer ? INT : args[i] instanceof Long ? BIGINT : VARCHAR;
            refs[i] = ref(i, types[i]);
        }
        io.sluice.storage.row.DataType result = op.equals(Ops.CHAR_LENGTH) || op.equals(Ops.POSITION) ? INT
                : op.equals(Ops.LIKE) ? BOOLEAN : VARCHAR;
        return evalWith(call(op, result, refs), types, args);
    }

    @Test
    void caseMappingAndLengthOfNonAsciiText() {
        assertEquals("HÉLLO 東京", fn(Ops.UPPER, TEXT));
        assertEquals("héllo 東京", fn(Ops.LOWER, "HÉLLO 東京"));
        assertEquals(8, fn(Ops.CHAR_LENGTH, TEXT));
        assertEquals(2, fn(Ops.CHAR_LENGTH, EMOJI + "x"));
        assertEquals(0, fn(Ops.CHAR_LENGTH, ""));
        // Locale-independent: a Turkish default locale would turn 'i' into a dotted capital.
        assertEquals("TITLE", fn(Ops.UPPER, "title"));
    }

    @Test
    void substringFollowsSqlPositions() {
        assertEquals("ello", fn(Ops.SUBSTRING, "hello", 2));
        assertEquals("hello", fn(Ops.SUBSTRING, "hello", 0));
        assertEquals("hello", fn(Ops.SUBSTRING, "hello", -3));
        assertEquals("", fn(Ops.SUBSTRING, "hello", 10));
        assertEquals("ell", fn(Ops.SUBSTRING, "hello", 2, 3));
        assertEquals("h", fn(Ops.SUBSTRING, "hello", 0, 2), "positions 0 and 1: only 1 exists");
        assertEquals("", fn(Ops.SUBSTRING, "hello", -1, 2), "positions -1 and 0");
        assertEquals("h", fn(Ops.SUBSTRING, "hello", -1, 3));
        assertEquals("lo", fn(Ops.SUBSTRING, "hello", 4, 10), "length beyond the end");
        assertEquals("", fn(Ops.SUBSTRING, "hello", 2, 0));
        assertEquals(EMOJI, fn(Ops.SUBSTRING, "東京" + EMOJI + "x", 3, 1), "counts characters, not UTF-16 units");
        assertEquals("東京", fn(Ops.SUBSTRING, TEXT, 7L, 5L));
    }

    @Test
    void negativeSubstringLengthIsAnError() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> fn(Ops.SUBSTRING, "hello", 1, -1));
        assertTrue(e.getMessage().contains("-1") && e.getMessage().contains("substring"), e.getMessage());
    }

    @Test
    void substringOfNull() {
        assertNull(evalWith(call(Ops.SUBSTRING, VARCHAR, ref(0, VARCHAR), ref(1, INT)), types(VARCHAR, INT), "abc", null));
        assertNull(evalWith(call(Ops.SUBSTRING, VARCHAR, ref(0, VARCHAR), lit(1)), types(VARCHAR), (Object) null));
    }

    private static Object trim(String flag, String chars, String s) {
        return evalWith(call(Ops.TRIM, VARCHAR, lit(flag), ref(0, VARCHAR), ref(1, VARCHAR)), types(VARCHAR, VARCHAR), chars, s);
    }

    @Test
    void trimBothLeadingTrailing() {
        assertEquals("ab", trim("BOTH", " ", "  ab  "));
        assertEquals("ab  ", trim("LEADING", " ", "  ab  "));
        assertEquals("  ab", trim("TRAILING", " ", "  ab  "));
        assertEquals("abc", trim("BOTH", "xy", "xyxabcyx"));
        assertEquals("abcyx", trim("LEADING", "xy", "xyxabcyx"));
        assertEquals("xyxabc", trim("TRAILING", "xy", "xyxabcyx"));
        assertEquals("", trim("BOTH", "x", "xxx"));
        assertEquals("東京", trim("BOTH", EMOJI, EMOJI + "東京" + EMOJI));
        assertNull(trim("BOTH", " ", null));
    }

    @Test
    void trimWithFlagFromAColumn() {
        Expr e = call(Ops.TRIM, VARCHAR, ref(0, VARCHAR), lit("-"), ref(1, VARCHAR));
        assertEquals("a--", evalWith(e, types(VARCHAR, VARCHAR), "leading", "--a--"));
        assertEquals("--a", evalWith(e, types(VARCHAR, VARCHAR), "TRAILING", "--a--"));
        assertThrows(EvaluationException.class, () -> evalWith(e, types(VARCHAR, VARCHAR), "MIDDLE", "--a--"));
        assertThrows(IllegalArgumentException.class, () -> eval(call(Ops.TRIM, VARCHAR, lit("MIDDLE"), lit(" "), lit("a"))));
    }

    @Test
    void concat() {
        assertEquals("héllo東京", fn(Ops.CONCAT, "héllo", "東京"));
        assertEquals("", fn(Ops.CONCAT, "", ""));
        assertNull(evalWith(call(Ops.CONCAT, VARCHAR, ref(0, VARCHAR), ref(1, VARCHAR)), types(VARCHAR, VARCHAR), "a", null));
        assertNull(evalWith(call(Ops.CONCAT, VARCHAR, ref(0, VARCHAR), ref(1, VARCHAR)), types(VARCHAR, VARCHAR), null, "a"));
        assertNull(eval(call(Ops.CONCAT, VARCHAR, lit("a"), nullLit(NULL))));
    }

    private static Object like(String s, String pattern) {
        return evalWith(call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), lit(pattern)), types(VARCHAR), s);
    }

    private static Object like(String s, String pattern, String escape) {
        return evalWith(call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), lit(pattern), lit(escape)), types(VARCHAR), s);
    }

    @Test
    void likeWildcards() {
        assertEquals(true, like("abc", "a%"));
        assertEquals(true, like("abc", "%c"));
        assertEquals(true, like("abc", "%"));
        assertEquals(true, like("", "%"));
        assertEquals(false, like("abc", "b%"));
        assertEquals(true, like("abc", "a_c"));
        assertEquals(false, like("abbc", "a_c"));
        assertEquals(true, like("a" + EMOJI + "c", "a_c"), "_ is one character, not one UTF-16 unit");
        assertEquals(true, like("a\nb", "a%b"), "% spans line breaks");
        assertEquals(false, like("ABC", "abc"), "case-sensitive");
        assertEquals(true, like("東京タワー", "東京%"));
    }

    @Test
    void likeTreatsRegexMetacharactersLiterally() {
        assertEquals(true, like("a.bcd", "a.b%"));
        assertEquals(false, like("axbcd", "a.b%"), "'.' is not a regex wildcard");
        assertEquals(true, like("a[x]", "a[x]"));
        assertEquals(false, like("ax", "a[x]"));
        assertEquals(true, like("1+1=2", "1+1=_"));
        assertEquals(false, like("11=2", "1+1=_"));
        assertEquals(true, like("\\d$^", "\\d$^"));
        assertEquals(true, like("a\\Eb", "a\\Eb"), "even a \\E inside the pattern");
        assertEquals(true, like("(a|b)*", "(a|b)*"));
        assertEquals(false, like("a", "(a|b)*"));
    }

    @Test
    void likeWithEscape() {
        assertEquals(true, like("50%", "50!%", "!"));
        assertEquals(false, like("500", "50!%", "!"));
        assertEquals(true, like("a_b", "a!_b", "!"));
        assertEquals(false, like("axb", "a!_b", "!"));
        assertEquals(true, like("a!b", "a!!b", "!"));
        assertEquals(true, like("10% off", "%!%%", "!"));
        assertEquals(true, like("x%", "x\\%", "\\"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> like("a", "a!x", "!"));
        assertTrue(e.getMessage().contains("escape"), e.getMessage());
    }

    @Test
    void likeWithNulls() {
        assertNull(like(null, "a%"));
        assertNull(evalWith(call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), nullLit(VARCHAR)), types(VARCHAR), "a"));
        assertNull(evalWith(call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), ref(1, VARCHAR)), types(VARCHAR, VARCHAR), "a", null));
    }

    @Test
    void likeWithAPatternFromAColumnAcrossRows() {
        RowSchema in = schema(VARCHAR, VARCHAR, VARCHAR);
        RowSchema out = schema(BOOLEAN);
        Expr e = call(Ops.LIKE, BOOLEAN, ref(0, VARCHAR), ref(1, VARCHAR), ref(2, VARCHAR));
        CompiledCalc calc = COMPILER.compile(in, null, List.of(e), out).get();
        Object[][] rows = {
            {"abc", "a%", "!", true},
            {"abc", "a%", "!", true},
            {"a.c", "a.c", "!", true},
            {"abc", "a.c", "!", false},
            {"50%", "50!%", "!", true},
            {"50%", "50#%", "#", true},
            {"500", "50#%", "#", false},
            {"abc", "a%", "!", true},
            {"xyz", "a%", "!", false},
        };
        RowWriter w = new RowWriter(out);
        RowReader r = new RowReader(out);
        for (Object[] row : rows) {
            w.begin(RowKind.INSERT);
            assertTrue(calc.apply(row(in, row[0], row[1], row[2]), w));
            assertEquals(row[3], r.wrap(w.buffer(), 0, w.length()).getObject(0), row[0] + " LIKE " + row[1]);
        }
        EvaluationException bad = assertThrows(EvaluationException.class,
                () -> calc.apply(row(in, "a", "a!x", "!"), new RowWriter(out).begin(RowKind.INSERT)));
        assertTrue(bad.getMessage().contains("a!x"), bad.getMessage());
        assertThrows(EvaluationException.class, () -> calc.apply(row(in, "a", "a", "!!"), new RowWriter(out).begin(RowKind.INSERT)));
    }

    @Test
    void position() {
        assertEquals(4, fn(Ops.POSITION, "lo", "hello"));
        assertEquals(0, fn(Ops.POSITION, "xyz", "hello"));
        assertEquals(1, fn(Ops.POSITION, "", "hello"));
        assertEquals(1, fn(Ops.POSITION, "h", "hello"));
        assertEquals(7, fn(Ops.POSITION, "東京", TEXT));
        assertEquals(2, fn(Ops.POSITION, "x", EMOJI + "x"), "counts characters before it");
        assertNull(evalWith(call(Ops.POSITION, INT, ref(0, VARCHAR), ref(1, VARCHAR)), types(VARCHAR, VARCHAR), null, "a"));
    }

    @Test
    void positionFrom() {
        Expr e = call(Ops.POSITION, INT, ref(0, VARCHAR), ref(1, VARCHAR), ref(2, INT));
        io.sluice.storage.row.DataType[] t = types(VARCHAR, VARCHAR, INT);
        assertEquals(4, evalWith(e, t, "a", "abca", 2));
        assertEquals(1, evalWith(e, t, "a", "abca", 1));
        assertEquals(0, evalWith(e, t, "a", "abca", 5));
        assertEquals(0, evalWith(e, t, "a", "abca", 0));
        assertEquals(3, evalWith(e, t, "x", EMOJI + EMOJI + "x", 2));
    }

    @Test
    void resultsFollowTheCallType() {
        assertEquals(8L, evalWith(call(Ops.CHAR_LENGTH, BIGINT, ref(0, VARCHAR)), types(VARCHAR), TEXT));
        assertEquals(4L, evalWith(call(Ops.POSITION, BIGINT, lit("lo"), ref(0, VARCHAR)), types(VARCHAR), "hello"));
    }

    @Test
    void stringLiteralsSurviveJavaEscaping() {
        String nasty = "quote\" backslash\\ newline\n tab\t \\u0041 nul\0 東京 " + EMOJI;
        assertEquals(nasty, eval(lit(nasty)));
        assertEquals(true, like(nasty, nasty.replace("%", "")));
    }
}
