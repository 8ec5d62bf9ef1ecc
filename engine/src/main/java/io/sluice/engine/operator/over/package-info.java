/**
 * Aggregates OVER a window of rows ({@code agg(...) OVER (PARTITION BY ... ORDER BY ... ROWS|RANGE
 * BETWEEN ... PRECEDING AND CURRENT ROW)}). Receives rows from its input operator (append-only rows
 * ordered by event time, or a changelog in any order, see {@link io.sluice.engine.plan.OverNode}) and
 * emits each row with its aggregates to its {@link io.sluice.engine.operator.RowSink}: append-only
 * once the watermark passes the row, or as a changelog that retracts the results a change shifted.
 * All state is snapshotted in insertion order.
 */
package io.sluice.engine.operator.over;
