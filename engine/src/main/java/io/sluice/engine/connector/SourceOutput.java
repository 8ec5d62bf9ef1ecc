package io.sluice.engine.connector;

import io.sluice.storage.row.RowWriter;

/**
 * Where a {@link SourceReader} puts what it reads, during {@link SourceReader#poll}. Implemented by
 * the source task; not thread-safe.
 *
 * <p>A row: {@code RowWriter w = out.row();} set its columns (a {@link Decoder} can do it), then
 * {@code out.emit()}. A record that cannot become a row: {@code out.reject(...)}; it goes to the
 * stream's dead-letter stream with the error and {@link SourceReader#describePosition()}.
 */
public interface SourceOutput {
    /**
     * The writer for the next row, already begun as an INSERT with every column NULL. The same
     * writer every time; its previous content is discarded.
     */
    RowWriter row();

    /**
     * Appends the row built in {@link #row()} to the stream (buffered; the task flushes after the
     * poll). A row that breaks the stream's constraints (a NULL in a NOT NULL column, text longer than
     * VARCHAR(n)) is sent to the dead-letter stream instead.
     *
     * @return true if the row went to the stream, false if it went to the dead-letter stream
     */
    boolean emit();

    /**
     * Sends a record that cannot become a row to the dead-letter stream.
     *
     * @param raw    the record's bytes (stored as UTF-8 text)
     * @param error  what is wrong with it
     */
    void reject(byte[] raw, int offset, int length, String error);
}
