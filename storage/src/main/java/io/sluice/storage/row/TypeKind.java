package io.sluice.storage.row;

/**
 * The kinds of value Sluice stores and computes with. Each kind has an explicit byte code that is
 * written into the catalog; never rely on {@link #ordinal()}.
 */
public enum TypeKind {
    BOOLEAN(1, 1, true),
    INT(2, 4, true),
    BIGINT(3, 8, true),
    DOUBLE(4, 8, true),
    /** Exact numeric. Precision up to 18 is stored as an unscaled long; above that as variable bytes. */
    DECIMAL(5, 8, true),
    /** UTF-8 text, stored in the variable section; the fixed slot holds offset and length. */
    VARCHAR(6, 8, true),
    /** TIMESTAMP(3) without time zone, stored as milliseconds since 1970-01-01T00:00 (UTC wall clock). */
    TIMESTAMP(7, 8, true),
    /** Day-to-second interval in milliseconds; a value in expressions, never a stored column. */
    INTERVAL_DAY_TIME(20, 8, false),
    /** Year-to-month interval in months; a value in expressions, never a stored column. */
    INTERVAL_YEAR_MONTH(21, 4, false),
    /** The type of an untyped NULL literal. */
    NULL(30, 0, false);

    private final int code;
    private final int fixedWidth;
    private final boolean storable;

    TypeKind(int code, int fixedWidth, boolean storable) {
        this.code = code;
        this.fixedWidth = fixedWidth;
        this.storable = storable;
    }

    /** The stable byte code written to the catalog. */
    public int code() {
        return code;
    }

    /** Bytes this kind takes in a row's fixed section. */
    public int fixedWidth() {
        return fixedWidth;
    }

    /** Whether a stream column may have this kind. */
    public boolean storable() {
        return storable;
    }

    public static TypeKind fromCode(int code) {
        for (TypeKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown type code " + code);
    }
}
