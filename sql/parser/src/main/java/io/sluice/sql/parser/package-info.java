/**
 * Sluice's SQL parser: Calcite's grammar extended, through Calcite's own FMPP + JavaCC templates
 * ({@code src/main/codegen}), with Sluice's statements. It receives SQL text and produces Calcite {@code SqlNode}
 * trees: Calcite's own classes for queries, INSERT, {@code EXPLAIN PLAN FOR}, plain {@code DESCRIBE} and
 * {@code SET name = value}, and the classes in {@link io.sluice.sql.parser.ddl} for everything Sluice adds. It
 * does no validation and knows no catalog. {@link io.sluice.sql.parser.SluiceParser} is the only entry point and
 * fixes the lexical policy (back-tick quoting, case kept, case-insensitive matching, LENIENT conformance).
 */
package io.sluice.sql.parser;
