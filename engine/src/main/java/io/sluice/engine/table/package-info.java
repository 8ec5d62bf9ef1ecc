/**
 * The materialized state of tables and materialized views: the current row of every primary key,
 * rebuilt from the table's changelog log and kept in memory by the engine, so that pull queries
 * answer at once from it. The log stays the only source of truth; this state is a cache of it.
 */
package io.sluice.engine.table;
