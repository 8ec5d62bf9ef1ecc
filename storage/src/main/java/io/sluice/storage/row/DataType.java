package io.sluice.storage.row;

import java.util.Objects;

/**
 * A SQL type as Sluice knows it: a kind, precision and scale where they apply, and nullability.
 * Precision means: the maximum length for VARCHAR ({@link #UNBOUNDED} when none was given), the
 * total digits for DECIMAL, fractional-second digits for TIMESTAMP. Scale applies to DECIMAL only.
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable) {

    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** Largest DECIMAL precision whose unscaled value fits in a long. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;
    public static final int MAX_DECIMAL_PRECISION = 38;

    public DataType {
        Objects.requireNonNull(kind, "kind");
        if (kind == TypeKind.DECIMAL && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("DECIMAL(" + precision + ", " + scale + ") is out of range: precision must be 1.."
                    + MAX_DECIMAL_PRECISION + " and scale 0..precision");
        }
    }

    public static DataType of(TypeKind kind) {
        return switch (kind) {
            case VARCHAR -> new DataType(kind, UNBOUNDED, 0, true);
            case TIMESTAMP -> new DataType(kind, 3, 0, true);
            case DECIMAL -> new DataType(kind, 19, 0, true);
            default -> new DataType(kind, 0, 0, true);
        };
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(TypeKind.DECIMAL, precision, scale, true);
    }

    public static DataType varchar(int maxLength) {
        return new DataType(TypeKind.VARCHAR, maxLength, 0, true);
    }

    public DataType withNullable(boolean n) {
        return n == nullable ? this : new DataType(kind, precision, scale, n);
    }

    /** DECIMALs up to 18 digits are stored as an unscaled long in the fixed section. */
    public boolean isLongDecimal() {
        return kind == TypeKind.DECIMAL && precision <= MAX_LONG_DECIMAL_PRECISION;
    }

    /** Whether values of this type live in a row's variable section. */
    public boolean isVariableLength() {
        return kind == TypeKind.VARCHAR || (kind == TypeKind.DECIMAL && !isLongDecimal());
    }

    /** The SQL spelling, e.g. {@code DECIMAL(10, 2)}, {@code VARCHAR}, {@code TIMESTAMP(3)}. */
    public String sql() {
        return switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case VARCHAR -> precision == UNBOUNDED ? "VARCHAR" : "VARCHAR(" + precision + ")";
            case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
            case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
            default -> kind.name();
        };
    }

    @Override
    public String toString() {
        return sql() + (nullable ? "" : " NOT NULL");
    }
}
