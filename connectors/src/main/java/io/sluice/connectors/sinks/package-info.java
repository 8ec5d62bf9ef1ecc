/**
 * Sinks for trying things out and for benchmarks: console (prints rows) and blackhole (discards
 * them). Receive rows; produce lines on standard output, or nothing.
 */
package io.sluice.connectors.sinks;
