/**
 * Per-row building blocks of tasks: compiled Calcs chained without allocation, and the appender that
 * routes output rows to partitions and makes pipeline output exactly-once.
 */
package io.sluice.engine.operator;
