/**
 * GROUP BY: the aggregate operator (windowed, append-only; or unwindowed, a changelog), its group
 * keys and its accumulators.
 */
package io.sluice.engine.operator.agg;
