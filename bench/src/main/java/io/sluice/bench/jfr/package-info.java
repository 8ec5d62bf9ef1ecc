/**
 * Reading Java Flight Recorder recordings of the benchmarks ({@code --jfr} on every bench script):
 * the hot methods, self and inclusive, and the samples per thread (bench/jfr-top.sh).
 */
package io.sluice.bench.jfr;
