package io.sluice.engine;

/**
 * Counters of a running engine, read at one moment.
 *
 * @param runningTasks tasks (pipeline partitions, push query partitions, deliveries) scheduled and not
 *                     yet ended
 * @param openReaders  stream readers open
 * @param workerErrors errors that escaped a worker's loop since start (each also logged)
 */
public record EngineMetrics(int runningTasks, int openReaders, long workerErrors) {
}
