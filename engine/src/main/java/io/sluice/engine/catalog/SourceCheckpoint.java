package io.sluice.engine.catalog;

import java.util.Arrays;

/**
 * A source task's progress, written atomically as one metadata entry: where its reader is, and
 * everything recovery needs to write what follows exactly once (the appenders' sequence numbers and
 * the end offsets to scan from), for the stream and for its dead-letter stream.
 *
 * @param stream          the stream the source fills
 * @param partition       the source reader (and task) number, 0..partitions-1
 * @param position        the reader's opaque position (null: the start of the input)
 * @param seq             writer sequence number of the last row produced into the stream
 * @param outputPositions end offset of each partition of the stream when the checkpoint was taken
 * @param deadSeq         writer sequence number of the last row produced into the dead-letter stream
 * @param deadPositions   end offsets of the dead-letter stream's partitions
 * @param rows            rows produced so far
 * @param badRecords      records sent to the dead-letter stream so far
 * @param finished        the bounded input was exhausted and END was written to every partition
 */
public record SourceCheckpoint(String stream, int partition, byte[] position, long seq, long[] outputPositions,
                               long deadSeq, long[] deadPositions, long rows, long badRecords, boolean finished) {
    /** The progress of a task that has not checkpointed yet. */
    public static SourceCheckpoint initial(String stream, int partition) {
        return new SourceCheckpoint(stream, partition, null, 0, new long[0], 0, new long[0], 0, 0, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceCheckpoint c && c.stream.equals(stream) && c.partition == partition
                && Arrays.equals(c.position, position) && c.seq == seq && Arrays.equals(c.outputPositions, outputPositions)
                && c.deadSeq == deadSeq && Arrays.equals(c.deadPositions, deadPositions) && c.rows == rows
                && c.badRecords == badRecords && c.finished == finished;
    }

    @Override
    public int hashCode() {
        return stream.hashCode() * 31 + partition;
    }

    @Override
    public String toString() {
        return "SourceCheckpoint[" + stream + "/" + partition + " seq=" + seq + " out@" + Arrays.toString(outputPositions)
                + " dead=" + deadSeq + " rows=" + rows + " bad=" + badRecords + (finished ? " finished" : "") + "]";
    }
}
