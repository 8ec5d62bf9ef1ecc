package io.sluice.engine.connector;

import io.sluice.storage.row.RowWriter;

/**
 * Turns one external record (a line of a file, a message) into one row of the stream. One instance
 * per source reader, used by one thread; it may keep parsers and scratch buffers in fields and should
 * not allocate per record.
 */
public interface Decoder {
    /**
     * Decodes {@code length} bytes at {@code offset} into {@code row}, which the caller has already
     * {@linkplain RowWriter#begin begun} (every column NULL). Columns the record lacks stay NULL.
     *
     * @return true if the row is complete; false if the record is well formed but not meant for this
     *         stream (a format's filter, e.g. a Nexmark event of another kind): it is skipped silently
     * @throws BadRecordException if the record cannot be decoded or does not fit the schema; the row's
     *                            content is then undefined and the caller discards it
     */
    boolean decode(byte[] bytes, int offset, int length, RowWriter row);

    /**
     * How many records at the start of each file (or other unit a connector reads from its start) are
     * a header rather than data, and are skipped without decoding: 1 for CSV with a header line.
     */
    default int headerRecords() {
        return 0;
    }
}
