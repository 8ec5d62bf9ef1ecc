package io.sluice.sql.codegen;

import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;

/** How each SQL kind is held in generated code, and the numeric widening order. */
final class JavaTypes {
    private JavaTypes() {
    }

    /** The Java type of a value of this kind. An untyped NULL is carried as a boolean that is never read. */
    static String javaType(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, NULL -> "boolean";
            case INT, INTERVAL_YEAR_MONTH -> "int";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "long";
            case DOUBLE -> "double";
            case DECIMAL -> "BigDecimal";
            case VARCHAR -> "String";
        };
    }

    /** What a value variable holds while its null flag is set. */
    static String defaultValue(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, NULL -> "false";
            case INT, INTERVAL_YEAR_MONTH -> "0";
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "0L";
            case DOUBLE -> "0.0D";
            case DECIMAL, VARCHAR -> "null";
        };
    }

    static boolean isNumeric(TypeKind kind) {
        return kind == TypeKind.INT || kind == TypeKind.BIGINT || kind == TypeKind.DECIMAL || kind == TypeKind.DOUBLE;
    }

    static boolean isIntegral(TypeKind kind) {
        return kind == TypeKind.INT || kind == TypeKind.BIGINT;
    }

    static boolean isInterval(TypeKind kind) {
        return kind == TypeKind.INTERVAL_DAY_TIME || kind == TypeKind.INTERVAL_YEAR_MONTH;
    }

    /** The wider of two numeric kinds in SQL's order INT &lt; BIGINT &lt; DECIMAL &lt; DOUBLE. */
    static TypeKind wider(TypeKind a, TypeKind b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(TypeKind kind) {
        return switch (kind) {
            case INT -> 0;
            case BIGINT -> 1;
            case DECIMAL -> 2;
            case DOUBLE -> 3;
            default -> throw new IllegalArgumentException("not a numeric kind: " + kind);
        };
    }

    /** A type of {@code kind} for an intermediate result; DECIMAL intermediates are rescaled later. */
    static DataType intermediate(TypeKind kind) {
        return kind == TypeKind.DECIMAL ? DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0) : DataType.of(kind);
    }

    /**
     * A Java expression converting {@code x}, a value of numeric kind {@code from}, exactly to the
     * representation of the wider kind {@code to} (the widening SQL applies before an operation).
     */
    static String widen(String x, TypeKind from, TypeKind to) {
        if (from == to) {
            return x;
        }
        if (to == TypeKind.BIGINT && from == TypeKind.INT) {
            return "((long) " + x + ")";
        }
        if (to == TypeKind.DECIMAL && isIntegral(from)) {
            return "BigDecimal.valueOf((long) " + x + ")";
        }
        if (to == TypeKind.DOUBLE) {
            return from == TypeKind.DECIMAL ? x + ".doubleValue()" : "((double) " + x + ")";
        }
        throw new IllegalArgumentException("cannot widen " + from + " to " + to);
    }
}
