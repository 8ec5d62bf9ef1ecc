package io.sluice.engine.runtime;

/**
 * What SHOW PIPELINES reports for one pipeline.
 *
 * @param state   RUNNING, FAILED or STOPPED
 * @param rowsIn  input rows read, over all partitions, since the pipeline was created
 * @param rowsOut output rows produced
 * @param error   why it failed, or null
 */
public record PipelineStatus(String state, long rowsIn, long rowsOut, String error) {
}
