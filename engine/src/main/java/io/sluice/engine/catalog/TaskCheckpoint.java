package io.sluice.engine.catalog;

import java.util.Arrays;

/**
 * A pipeline task's progress, written atomically as one metadata entry.
 *
 * @param pipeline        pipeline name
 * @param partition       the input partition the task reads
 * @param inputOffset     offset of the last input row whose effects are all in the output, or -1
 * @param outputSeq       the writer sequence number of the last output row the task produced
 * @param rowsIn          input rows read so far (for SHOW PIPELINES)
 * @param rowsOut         output rows written so far
 * @param outputPositions end offset of each output partition when the checkpoint was taken: recovery
 *                        scans only after these for rows the task wrote after it
 */
public record TaskCheckpoint(String pipeline, int partition, long inputOffset, long outputSeq, long rowsIn,
                             long rowsOut, long[] outputPositions) {
    @Override
    public boolean equals(Object o) {
        return o instanceof TaskCheckpoint c && c.pipeline.equals(pipeline) && c.partition == partition
                && c.inputOffset == inputOffset && c.outputSeq == outputSeq && c.rowsIn == rowsIn
                && c.rowsOut == rowsOut && Arrays.equals(c.outputPositions, outputPositions);
    }

    @Override
    public int hashCode() {
        return pipeline.hashCode() * 31 + partition;
    }

    @Override
    public String toString() {
        return "TaskCheckpoint[" + pipeline + "/" + partition + " in@" + inputOffset + " seq=" + outputSeq
                + " rows " + rowsIn + "->" + rowsOut + " out@" + Arrays.toString(outputPositions) + "]";
    }
}
