package io.sluice.engine.plan.expr;

/**
 * The operator names a {@link Call} may carry. They are stored in the catalog: never rename one.
 * Unless said otherwise, an operator returns NULL when any operand is NULL (SQL's rule), and numeric
 * operands of different kinds are first converted to the wider one (INT &lt; BIGINT &lt; DECIMAL &lt;
 * DOUBLE). An error during evaluation (division by zero, a failed CAST) is reported as an
 * {@link io.sluice.engine.operator.EvaluationException}.
 */
public final class Ops {
    private Ops() {
    }

    // Arithmetic. Numeric operands; result kind = the call's type. Integer arithmetic wraps on overflow
    // as Java's does; DECIMAL results are rounded half-up to the call type's scale.
    /** a + b. Also TIMESTAMP + INTERVAL (either order) giving TIMESTAMP, and INTERVAL + INTERVAL. */
    public static final String PLUS = "PLUS";
    /** a - b. Also TIMESTAMP - INTERVAL giving TIMESTAMP, and INTERVAL - INTERVAL. */
    public static final String MINUS = "MINUS";
    /** a * b. Also INTERVAL * number and number * INTERVAL. */
    public static final String TIMES = "TIMES";
    /** a / b; integer division truncates toward zero; division by zero is an error. */
    public static final String DIVIDE = "DIVIDE";
    /** MOD(a, b): remainder with the sign of a; by zero is an error. */
    public static final String MOD = "MOD";
    /** -a. */
    public static final String NEGATE = "NEGATE";
    /** ABS(a). */
    public static final String ABS = "ABS";
    /**
     * (t1 - t2): the interval between two TIMESTAMPs; the call type is INTERVAL_DAY_TIME
     * (milliseconds) or INTERVAL_YEAR_MONTH (whole months between them).
     */
    public static final String TIMESTAMP_DIFF = "TIMESTAMP_DIFF";

    // Comparison: numbers (mixed kinds compared after widening), VARCHAR (by Unicode code point),
    // BOOLEAN (false < true), TIMESTAMP, intervals of the same kind. Result BOOLEAN, NULL if either is.
    public static final String EQUALS = "EQUALS";
    public static final String NOT_EQUALS = "NOT_EQUALS";
    public static final String LESS_THAN = "LESS_THAN";
    public static final String LESS_THAN_OR_EQUAL = "LESS_THAN_OR_EQUAL";
    public static final String GREATER_THAN = "GREATER_THAN";
    public static final String GREATER_THAN_OR_EQUAL = "GREATER_THAN_OR_EQUAL";
    /** Like NOT_EQUALS but treats two NULLs as equal and never returns NULL. */
    public static final String IS_DISTINCT_FROM = "IS_DISTINCT_FROM";
    /** Like EQUALS but treats two NULLs as equal and never returns NULL. */
    public static final String IS_NOT_DISTINCT_FROM = "IS_NOT_DISTINCT_FROM";

    // Logic, with SQL's three-valued rules: FALSE AND NULL = FALSE, TRUE OR NULL = TRUE, NOT NULL = NULL.
    /** AND of two or more BOOLEAN operands; evaluates left to right and stops at the first FALSE. */
    public static final String AND = "AND";
    /** OR of two or more BOOLEAN operands; evaluates left to right and stops at the first TRUE. */
    public static final String OR = "OR";
    public static final String NOT = "NOT";
    /** Never NULL. */
    public static final String IS_NULL = "IS_NULL";
    /** Never NULL. */
    public static final String IS_NOT_NULL = "IS_NOT_NULL";
    /** Never NULL: TRUE only when the operand is TRUE. */
    public static final String IS_TRUE = "IS_TRUE";
    public static final String IS_NOT_TRUE = "IS_NOT_TRUE";
    public static final String IS_FALSE = "IS_FALSE";
    public static final String IS_NOT_FALSE = "IS_NOT_FALSE";

    /**
     * CASE: operands are {@code when1, then1, when2, then2, ..., else}, an odd count. The first
     * {@code when} that is TRUE (not FALSE, not NULL) picks its {@code then}; otherwise {@code else}.
     * Only the chosen branch is evaluated. Branch values are converted to the call's type.
     */
    public static final String CASE = "CASE";

    /**
     * CAST(a AS call type). Between every pair of stored kinds: numbers to numbers (DOUBLE or DECIMAL
     * to an integer kind truncates toward zero; out of range is an error); anything to VARCHAR (the
     * SQL text of the value, TIMESTAMP as {@code yyyy-MM-dd HH:mm:ss.SSS}; a bounded VARCHAR(n)
     * truncates to n characters); VARCHAR to numbers, BOOLEAN ('TRUE'/'FALSE', any case, trimmed) and
     * TIMESTAMP ({@code yyyy-MM-dd[ HH:mm[:ss[.fraction]]]}): text that does not parse is an error
     * naming the text and the type. TIMESTAMP to/from BIGINT is epoch milliseconds.
     */
    public static final String CAST = "CAST";

    // Strings. Positions count characters (Unicode code points), from 1.
    public static final String UPPER = "UPPER";
    public static final String LOWER = "LOWER";
    /** CHAR_LENGTH(s): number of characters. */
    public static final String CHAR_LENGTH = "CHAR_LENGTH";
    /**
     * SUBSTRING(s, start [, length]) with SQL's rules: a start before 1 shortens what is taken;
     * a negative length is an error.
     */
    public static final String SUBSTRING = "SUBSTRING";
    /**
     * TRIM(flag, characters, s): flag is a VARCHAR literal 'BOTH', 'LEADING' or 'TRAILING';
     * characters is the set of characters to remove (a single space by default in SQL).
     */
    public static final String TRIM = "TRIM";
    /** a || b. */
    public static final String CONCAT = "CONCAT";
    /**
     * s LIKE pattern [ESCAPE e]: {@code %} matches any run of characters, {@code _} exactly one; the
     * optional third operand is the one-character escape. A constant pattern is compiled once.
     */
    public static final String LIKE = "LIKE";
    /** POSITION(sub IN s): 1-based position of the first occurrence, 0 if absent. */
    public static final String POSITION = "POSITION";
}
