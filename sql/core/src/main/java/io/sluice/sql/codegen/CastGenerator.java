package io.sluice.sql.codegen;

import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;

/**
 * The Java expression for SQL CAST between two types, as {@link io.sluice.engine.plan.expr.Ops#CAST}
 * defines it. The same conversion turns an arithmetic result or a CASE branch into its call's type,
 * so narrowing is always checked and DECIMALs are always rounded half-up to the target scale.
 *
 * <p>Supported: numbers to numbers; everything to VARCHAR (truncated to a bounded length); VARCHAR
 * to every stored kind; TIMESTAMP to and from BIGINT; each kind to itself.
 */
final class CastGenerator {
    private CastGenerator() {
    }

    /** Whether a value of {@code from} can be used as a {@code to} without any code. */
    static boolean isIdentity(DataType from, DataType to) {
        if (from.kind() != to.kind()) {
            return false;
        }
        return switch (to.kind()) {
            case DECIMAL -> from.scale() == to.scale() && from.precision() <= to.precision();
            case VARCHAR -> to.precision() == DataType.UNBOUNDED || from.precision() <= to.precision();
            default -> true;
        };
    }

    /**
     * The expression converting non-null {@code x} of type {@code from} to {@code to}.
     *
     * @throws IllegalArgumentException if SQL has no such CAST
     */
    static String castExpr(String x, DataType from, DataType to) {
        TypeKind f = from.kind();
        int p = to.precision();
        int s = to.scale();
        String result = switch (to.kind()) {
            case BOOLEAN -> switch (f) {
                case BOOLEAN -> x;
                case VARCHAR -> "CastOps.parseBoolean(" + x + ")";
                default -> null;
            };
            case INT -> switch (f) {
                case INT -> x;
                case BIGINT, DOUBLE, DECIMAL -> "NumberOps.toInt(" + x + ")";
                case VARCHAR -> "CastOps.parseInt(" + x + ")";
                default -> null;
            };
            case BIGINT -> switch (f) {
                case INT -> "((long) " + x + ")";
                case BIGINT, TIMESTAMP -> x;
                case DOUBLE, DECIMAL -> "NumberOps.toLong(" + x + ")";
                case VARCHAR -> "CastOps.parseLong(" + x + ")";
                default -> null;
            };
            case DOUBLE -> switch (f) {
                case INT, BIGINT -> "((double) " + x + ")";
                case DOUBLE -> x;
                case DECIMAL -> x + ".doubleValue()";
                case VARCHAR -> "CastOps.parseDouble(" + x + ")";
                default -> null;
            };
            case DECIMAL -> switch (f) {
                case INT, BIGINT -> "NumberOps.toDecimal((long) " + x + ", " + p + ", " + s + ")";
                case DOUBLE, DECIMAL -> "NumberOps.toDecimal(" + x + ", " + p + ", " + s + ")";
                case VARCHAR -> "CastOps.parseDecimal(" + x + ", " + p + ", " + s + ")";
                default -> null;
            };
            case VARCHAR -> toVarchar(x, from, to);
            case TIMESTAMP -> switch (f) {
                case TIMESTAMP, BIGINT -> x;
                case VARCHAR -> "CastOps.parseTimestamp(" + x + ")";
                default -> null;
            };
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> f == to.kind() ? x : null;
            case NULL -> null;
        };
        if (result == null) {
            throw new IllegalArgumentException("unsupported CAST from " + from.sql() + " to " + to.sql());
        }
        return result;
    }

    private static String toVarchar(String x, DataType from, DataType to) {
        String text = switch (from.kind()) {
            case BOOLEAN, DOUBLE, DECIMAL -> "CastOps.toText(" + x + ")";
            case INT, BIGINT -> "String.valueOf(" + x + ")";
            case VARCHAR -> x;
            case TIMESTAMP -> "CastOps.formatTimestamp(" + x + ")";
            case INTERVAL_DAY_TIME -> "CastOps.formatDayTime(" + x + ")";
            case INTERVAL_YEAR_MONTH -> "CastOps.formatYearMonth(" + x + ")";
            case NULL -> null;
        };
        if (text == null) {
            return null;
        }
        boolean fits = to.precision() == DataType.UNBOUNDED
                || (from.kind() == TypeKind.VARCHAR && from.precision() <= to.precision());
        return fits ? text : "CastOps.truncate(" + text + ", " + to.precision() + ")";
    }
}
