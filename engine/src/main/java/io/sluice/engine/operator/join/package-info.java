/**
 * Joins of two inputs that arrive in one task (each side repartitioned by its equi-keys): interval
 * joins and window joins, whose state the watermark releases; event-time temporal joins of a stream
 * with a table's versions, whose held rows and old versions the watermark releases; and regular joins,
 * whose state a TTL in event time bounds and whose output is a changelog that follows retractions on
 * either input.
 */
package io.sluice.engine.operator.join;
