/**
 * The SqlNode classes for Sluice's own statements, produced by the generated parser
 * ({@code io.sluice.sql.parser.impl.SluiceSqlParserImpl}) and consumed by the statement executor in sql/core:
 * CREATE STREAM / TABLE / MATERIALIZED VIEW / PIPELINE, DROP, SHOW, DESCRIBE, EXPLAIN, and SET / RESET of session
 * options. They carry the statement as written (names with the user's case, types as {@code SqlDataTypeSpec},
 * expressions and queries unvalidated) and nothing the parser cannot know: catalog checks, type derivation and
 * validation happen in the executor. Each node unparses to SQL that this parser reads back into an equal node.
 */
package io.sluice.sql.parser.ddl;
