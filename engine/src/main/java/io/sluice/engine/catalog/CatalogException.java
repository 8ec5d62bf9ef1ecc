package io.sluice.engine.catalog;

/** A catalog change was refused: the name exists, is unknown, or is in use. Nothing was changed. */
public class CatalogException extends RuntimeException {
    /** Why it was refused, so the SQL layer can pick the right SQLSTATE. */
    public enum Reason { EXISTS, NOT_FOUND, IN_USE }

    private final Reason reason;

    public CatalogException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
