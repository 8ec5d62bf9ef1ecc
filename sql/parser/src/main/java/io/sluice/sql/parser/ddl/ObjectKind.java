package io.sluice.sql.parser.ddl;

/**
 * The kinds of catalog object that Sluice's DDL, SHOW and DESCRIBE statements name.
 *
 * <p>{@code DROP VIEW v} is read as {@code DROP MATERIALIZED VIEW v}: Sluice has no plain views, so the shorter
 * spelling is an alias rather than a separate kind.
 */
public enum ObjectKind {
    /** An append-only stream ({@code CREATE STREAM}). */
    STREAM("STREAM", "STREAMS"),
    /** A table with an optional primary key ({@code CREATE TABLE}). */
    TABLE("TABLE", "TABLES"),
    /** A continuous INSERT ({@code CREATE PIPELINE}). */
    PIPELINE("PIPELINE", "PIPELINES"),
    /** A materialized view ({@code CREATE MATERIALIZED VIEW}). */
    MATERIALIZED_VIEW("MATERIALIZED VIEW", "MATERIALIZED VIEWS");

    private final String keyword;
    private final String pluralKeyword;

    ObjectKind(String keyword, String pluralKeyword) {
        this.keyword = keyword;
        this.pluralKeyword = pluralKeyword;
    }

    /** The SQL spelling in CREATE, DROP and DESCRIBE, e.g. {@code MATERIALIZED VIEW}. */
    public String keyword() {
        return keyword;
    }

    /** The SQL spelling in SHOW, e.g. {@code MATERIALIZED VIEWS}. */
    public String pluralKeyword() {
        return pluralKeyword;
    }
}
