package io.sluice.engine.catalog;

import java.util.Arrays;

/**
 * A pipeline task's progress, written atomically as one metadata entry.
 *
 * @param pipeline        pipeline name
 * @param stage           the task's stage (0: the stage that writes the pipeline's target)
 * @param partition       the input partition the task reads
 * @param inputOffset     offset of the last input record whose effects are all in the output and state, or -1
 * @param outputSeq       the writer sequence number of the last output row the task produced
 * @param rowsIn          input rows read so far (for SHOW PIPELINES)
 * @param rowsOut         output rows written so far
 * @param outputPositions end offset of each output partition when the checkpoint was taken: recovery
 *                        scans only after these for rows the task wrote after it
 * @param stateFrom       the offset in the pipeline's state log after which the task's state snapshot as of
 *                        {@code inputOffset} begins (the log's end before it was written; -1 for an empty log)
 * @param stateTo         the offset of the snapshot's last record (its records are consecutive); -1 when
 *                        the checkpoint has no snapshot
 */
public record TaskCheckpoint(String pipeline, int stage, int partition, long inputOffset, long outputSeq, long rowsIn,
                             long rowsOut, long[] outputPositions, long stateFrom, long stateTo) {

    /** The progress of a stateless task of stage 0. */
    public TaskCheckpoint(String pipeline, int partition, long inputOffset, long outputSeq, long rowsIn,
                          long rowsOut, long[] outputPositions) {
        this(pipeline, 0, partition, inputOffset, outputSeq, rowsIn, rowsOut, outputPositions, -1, -1);
    }

    public boolean hasState() {
        return stateTo >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskCheckpoint c && c.pipeline.equals(pipeline) && c.stage == stage
                && c.partition == partition && c.inputOffset == inputOffset && c.outputSeq == outputSeq
                && c.rowsIn == rowsIn && c.rowsOut == rowsOut && Arrays.equals(c.outputPositions, outputPositions)
                && c.stateFrom == stateFrom && c.stateTo == stateTo;
    }

    @Override
    public int hashCode() {
        return (pipeline.hashCode() * 31 + stage) * 31 + partition;
    }

    @Override
    public String toString() {
        return "TaskCheckpoint[" + pipeline + "/" + stage + "/" + partition + " in@" + inputOffset + " seq="
                + outputSeq + " rows " + rowsIn + "->" + rowsOut + " out@" + Arrays.toString(outputPositions)
                + (hasState() ? " state@" + stateFrom + ".." + stateTo : "") + "]";
    }
}
