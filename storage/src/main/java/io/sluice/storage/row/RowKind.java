package io.sluice.storage.row;

/**
 * What a record means in a changelog. Append-only streams hold only {@link #INSERT}. The byte codes
 * are written into every record and must never change.
 */
public enum RowKind {
    INSERT((byte) 0, "+I"),
    UPDATE_BEFORE((byte) 1, "-U"),
    UPDATE_AFTER((byte) 2, "+U"),
    DELETE((byte) 3, "-D");

    private final byte code;
    private final String shortName;

    RowKind(byte code, String shortName) {
        this.code = code;
        this.shortName = shortName;
    }

    public byte code() {
        return code;
    }

    public String shortName() {
        return shortName;
    }

    public static RowKind fromCode(byte code) {
        return switch (code) {
            case 0 -> INSERT;
            case 1 -> UPDATE_BEFORE;
            case 2 -> UPDATE_AFTER;
            case 3 -> DELETE;
            default -> throw new IllegalArgumentException("unknown row kind code " + code);
        };
    }
}
