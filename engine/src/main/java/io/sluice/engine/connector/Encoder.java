package io.sluice.engine.connector;

import io.sluice.storage.row.RowReader;
import org.agrona.ExpandableArrayBuffer;

/**
 * Turns one row into one external record (a line without its line end, a message). One instance per
 * sink writer, used by one thread.
 */
public interface Encoder {
    /**
     * Appends the encoding of {@code row} to {@code out} at {@code offset}.
     *
     * @return the number of bytes written
     */
    int encode(RowReader row, ExpandableArrayBuffer out, int offset);

    /**
     * A record to write once at the start of a new file (a CSV header line), or null for none.
     */
    default byte[] header() {
        return null;
    }
}
