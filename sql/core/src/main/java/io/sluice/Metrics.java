package io.sluice;

/**
 * A snapshot of an embedded engine's counters (see {@link Sluice#metrics()}).
 *
 * @param runningTasks tasks running on the engine's workers: one per partition of every pipeline and
 *                     push query, plus one per callback subscription
 * @param openReaders  stream readers open; each running task holds one
 * @param workerErrors failures that escaped a worker's loop since start; each is also logged
 */
public record Metrics(int runningTasks, int openReaders, long workerErrors) {
}
