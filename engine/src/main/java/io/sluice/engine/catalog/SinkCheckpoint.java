package io.sluice.engine.catalog;

import java.util.Arrays;

/**
 * A sink task's progress, written atomically as one metadata entry: how far it has read its
 * partition and the state its writer returned for that point (see the SinkWriter contract).
 *
 * @param stream      the stream whose rows go to the sink
 * @param partition   the partition the task reads
 * @param inputOffset offset of the last row whose effects are in the sink's state, or -1
 * @param state       the writer's state (null: none)
 * @param rows        rows handed to the sink so far
 */
public record SinkCheckpoint(String stream, int partition, long inputOffset, byte[] state, long rows) {
    @Override
    public boolean equals(Object o) {
        return o instanceof SinkCheckpoint c && c.stream.equals(stream) && c.partition == partition
                && c.inputOffset == inputOffset && Arrays.equals(c.state, state) && c.rows == rows;
    }

    @Override
    public int hashCode() {
        return stream.hashCode() * 31 + partition;
    }

    @Override
    public String toString() {
        return "SinkCheckpoint[" + stream + "/" + partition + " in@" + inputOffset + " rows=" + rows + "]";
    }
}
