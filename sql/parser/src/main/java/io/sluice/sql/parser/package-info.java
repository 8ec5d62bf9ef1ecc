/** Sluice's SQL parser: Calcite's grammar extended, through Calcite's templates, with Sluice's statements. */
package io.sluice.sql.parser;
