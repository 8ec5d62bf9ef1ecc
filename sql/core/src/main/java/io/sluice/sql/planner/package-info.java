/**
 * Calcite as Sluice's front end: the catalog as a Calcite schema, validation, conversion to relational
 * algebra, logical rewrites (Hep), conversion to the STREAM convention (Volcano), and translation of
 * the result into Sluice plans and expression IR.
 */
package io.sluice.sql.planner;
