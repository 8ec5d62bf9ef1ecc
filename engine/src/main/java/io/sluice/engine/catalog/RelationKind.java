package io.sluice.engine.catalog;

/**
 * What a named log in the catalog is to its users. Every kind is a partitioned log of rows; they differ
 * in what the rows mean and who writes them.
 */
public enum RelationKind {
    /** An append-only stream: every row is an insert ({@code CREATE STREAM}). */
    STREAM,
    /**
     * A table: its log is a changelog keyed by its primary key (+I: a new key's row; -U then +U: an
     * update, the old row then the new one; -D: the key's row removed), and the engine keeps its
     * current rows for pull queries ({@code CREATE TABLE}).
     */
    TABLE,
    /**
     * A table whose log is written by one pipeline of the same name, from the view's query
     * ({@code CREATE MATERIALIZED VIEW}); users cannot INSERT into it.
     */
    MATERIALIZED_VIEW;

    /** How SQL names it: STREAM, TABLE, MATERIALIZED VIEW. */
    public String sql() {
        return this == MATERIALIZED_VIEW ? "MATERIALIZED VIEW" : name();
    }

    /** Whether rows of this kind form a keyed changelog with a current state (a table or a view). */
    public boolean isTable() {
        return this != STREAM;
    }
}
