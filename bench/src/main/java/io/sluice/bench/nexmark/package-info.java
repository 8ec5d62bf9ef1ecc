/**
 * The Nexmark benchmark runner: runs one query of {@code bench/nexmark/} over the Flink peer's
 * JSON-lines file or the built-in {@code nexmark} generator in an embedded Sluice until its pipeline
 * finishes, and reports events/s, CPU time, peak heap and state size on one line (bench/nexmark.sh);
 * and its latency mode (bench/nexmark-latency.sh), which paces bids into q2 and q7 and measures the
 * time from an event's due time to its result reaching a subscriber.
 */
package io.sluice.bench.nexmark;
