package io.sluice;

import java.util.Objects;

/** What one executed statement produced. */
public final class Result {
    /** The shape of a result. */
    public enum Kind {
        /** A statement that changed the catalog or the engine (CREATE, DROP, ...): see {@link #message()}. */
        OK,
        /** Rows were written (INSERT ... VALUES): see {@link #updateCount()}. */
        UPDATE,
        /** Rows to read: a push query, or the table that SHOW, DESCRIBE or EXPLAIN returns. */
        ROWS
    }

    private final Kind kind;
    private final String message;
    private final long updateCount;
    private final Rows rows;

    private Result(Kind kind, String message, long updateCount, Rows rows) {
        this.kind = kind;
        this.message = message;
        this.updateCount = updateCount;
        this.rows = rows;
    }

    public static Result ok(String message) {
        return new Result(Kind.OK, Objects.requireNonNull(message), -1, null);
    }

    public static Result update(long count, String message) {
        return new Result(Kind.UPDATE, message, count, null);
    }

    public static Result rows(Rows rows) {
        return new Result(Kind.ROWS, null, -1, Objects.requireNonNull(rows));
    }

    public Kind kind() {
        return kind;
    }

    /** A sentence for the user, e.g. "Stream ORDERS created."; null for ROWS. */
    public String message() {
        return message;
    }

    /** Rows written, for UPDATE; -1 otherwise. */
    public long updateCount() {
        return updateCount;
    }

    /** The rows, for ROWS; null otherwise. */
    public Rows rows() {
        return rows;
    }

    @Override
    public String toString() {
        return kind == Kind.ROWS ? "Result[rows " + rows.columns() + "]" : "Result[" + kind + ": " + message + "]";
    }
}
