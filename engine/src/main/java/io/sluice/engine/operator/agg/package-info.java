/**
 * GROUP BY: the aggregate operator (windowed, append-only; or unwindowed, a changelog), the SESSION
 * window aggregate (merges sessions as rows arrive, append-only), their group keys and their
 * accumulators.
 */
package io.sluice.engine.operator.agg;
