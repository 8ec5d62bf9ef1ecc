/**
 * GROUP BY: the aggregate operator (windowed, append-only; or unwindowed, a changelog), the SESSION
 * window aggregate (merges sessions as rows arrive, append-only), their group keys and their
 * accumulators; a windowed aggregate over HOP windows may keep its groups per slice and merge a
 * window's slices when it fires (HopSlices), taking each row once from the assigner below.
 */
package io.sluice.engine.operator.agg;
