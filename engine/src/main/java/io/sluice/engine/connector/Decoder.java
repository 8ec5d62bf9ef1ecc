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
     * Decodes a record into the row of {@code out}, asking for it ({@link SourceOutput#row()}, which
     * begins it) only when needed: a decoder that can tell early that a record is not for this stream
     * (a filter) then spares the caller preparing a row for it. Returns as
     * {@link #decode(byte[], int, int, RowWriter)}; when it returns true it has called {@code out.row()}
     * exactly once for this record and filled that row, and the caller then {@linkplain SourceOutput#emit
     * emits} it. It never emits or rejects by itself.
     *
     * <p>The default asks for the row first and decodes into it.
     *
     * @throws BadRecordException as the other form
     */
    default boolean decode(byte[] bytes, int offset, int length, SourceOutput out) {
        return decode(bytes, offset, length, out.row());
    }

    /**
     * How many records at the start of each file (or other unit a connector reads from its start) are
     * a header rather than data, and are skipped without decoding: 1 for CSV with a header line.
     */
    default int headerRecords() {
        return 0;
    }
}
