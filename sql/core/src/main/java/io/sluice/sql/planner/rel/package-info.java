/**
 * Sluice's physical convention: the Stream* relational nodes and the converter rules that produce
 * them from Calcite's logical nodes.
 */
package io.sluice.sql.planner.rel;
