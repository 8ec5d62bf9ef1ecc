/**
 * The Nexmark latency mode (bench/nexmark-latency.sh): a paced bid source whose every event has a due
 * time, and a driver that runs q2 or q7 over it and records, in an HdrHistogram, the time from an
 * event's due time (q2) or a window's closing event's due time (q7) to the result reaching a consumer.
 */
package io.sluice.bench.latency;
