package io.sluice.sql.codegen.runtime;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.storage.row.RowWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Division, remainder and checked numeric conversions for generated code. Integer arithmetic that
 * is not here (+, -, *) is inlined and wraps on overflow as Java's does, which is what
 * {@link io.sluice.engine.plan.expr.Ops} promises; conversions to a narrower kind, in contrast, are
 * checked because SQL defines an out-of-range CAST as an error.
 */
public final class NumberOps {
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** 2^63 as a double: the first double above Long.MAX_VALUE. */
    private static final double TWO_63 = 9.223372036854775808E18;

    private NumberOps() {
    }

    public static EvaluationException divisionByZero() {
        return new EvaluationException("division by zero");
    }

    public static int divide(int a, int b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    public static long divide(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    public static double divide(double a, double b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a / b;
    }

    /** Exact quotient rounded half-up to {@code scale} digits: the call's DECIMAL type decides them. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, scale, RoundingMode.HALF_UP);
    }

    /** Quotient to 34 significant digits, for a DECIMAL division whose result is not a DECIMAL. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, MathContext.DECIMAL128);
    }

    public static int mod(int a, int b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a % b;
    }

    public static long mod(long a, long b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a % b;
    }

    public static double mod(double a, double b) {
        if (b == 0) {
            throw divisionByZero();
        }
        return a % b;
    }

    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.remainder(b);
    }

    // ---- checked conversions (CAST and the conversion of a result to its call's type) ----

    public static int toInt(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw outOfRange(Long.toString(v), "INT");
        }
        return (int) v;
    }

    /** Truncates toward zero; NaN, infinities and values outside INT are errors. */
    public static int toInt(double v) {
        if (!(v > -2147483649.0 && v < 2147483648.0)) {
            throw outOfRange(Double.toString(v), "INT");
        }
        return (int) v;
    }

    public static int toInt(BigDecimal v) {
        BigDecimal t = v.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(INT_MIN) < 0 || t.compareTo(INT_MAX) > 0) {
            throw outOfRange(v.toPlainString(), "INT");
        }
        return t.intValue();
    }

    /** Truncates toward zero; NaN, infinities and values outside BIGINT are errors. */
    public static long toLong(double v) {
        if (!(v >= -TWO_63 && v < TWO_63)) {
            throw outOfRange(Double.toString(v), "BIGINT");
        }
        return (long) v;
    }

    public static long toLong(BigDecimal v) {
        BigDecimal t = v.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(LONG_MIN) < 0 || t.compareTo(LONG_MAX) > 0) {
            throw outOfRange(v.toPlainString(), "BIGINT");
        }
        return t.longValue();
    }

    /** Rounds half-up to {@code scale}; more integer digits than DECIMAL(precision, scale) allows is an error. */
    public static BigDecimal toDecimal(BigDecimal v, int precision, int scale) {
        BigDecimal r = v.scale() == scale ? v : v.setScale(scale, RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > precision - scale && r.signum() != 0) {
            throw outOfRange(v.toPlainString(), "DECIMAL(" + precision + ", " + scale + ")");
        }
        return r;
    }

    public static BigDecimal toDecimal(long v, int precision, int scale) {
        return toDecimal(BigDecimal.valueOf(v), precision, scale);
    }

    public static BigDecimal toDecimal(double v, int precision, int scale) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw outOfRange(Double.toString(v), "DECIMAL(" + precision + ", " + scale + ")");
        }
        // valueOf goes through the shortest decimal text, so 0.1 becomes 0.1 and not 0.1000000000000000055...
        return toDecimal(BigDecimal.valueOf(v), precision, scale);
    }

    /**
     * Whether the unscaled value {@code v} has at most {@code digits} decimal digits, that is fits a
     * DECIMAL of that precision: generated fast paths check this before writing a long as a DECIMAL.
     */
    public static boolean fitsDigits(long v, int digits) {
        return RowWriter.fitsDigits(v, digits);
    }

    public static EvaluationException outOfRange(String value, String type) {
        return new EvaluationException("value " + value + " is out of range for " + type);
    }
}
