/**
 * ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) filtered to the first N rows: Top-N as a
 * changelog, deduplication keeping the first row by event time (append-only), and window Top-N
 * (append-only, once per window). Receives append-only rows from its input operator and emits to its
 * {@link io.sluice.engine.operator.RowSink}; all state is snapshotted in insertion order.
 */
package io.sluice.engine.operator.rank;
