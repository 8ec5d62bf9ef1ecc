package io.sluice.engine.runtime;

/**
 * What SHOW PIPELINES reports for one pipeline.
 *
 * @param state      RUNNING, FINISHED (every input ended), FAILED or STOPPED
 * @param rowsIn     rows read from the pipeline's source streams, over all partitions, since it was created
 * @param rowsOut    rows written to its target
 * @param error      why it failed, or null
 * @param lateRows   rows that arrived after their window had been emitted (dropped, or sent to the late stream)
 * @param stateBytes approximate size of the state its operators hold, as of the last checkpoint
 * @param checkpointMicros the longest of its tasks' last checkpoints (snapshot, write, catalog entry)
 * @param snapshotBytes    the bytes of its tasks' last state snapshots, summed
 */
public record PipelineStatus(String state, long rowsIn, long rowsOut, String error, long lateRows, long stateBytes,
                             long checkpointMicros, long snapshotBytes) {
    public PipelineStatus(String state, long rowsIn, long rowsOut, String error) {
        this(state, rowsIn, rowsOut, error, 0, 0, 0, 0);
    }
}
