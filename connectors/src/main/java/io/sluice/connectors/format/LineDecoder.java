package io.sluice.connectors.format;

import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.SourceOutput;

/**
 * A {@link Decoder} that can decode a record of a line-oriented input (a line of a file) without
 * being told first where the line ends: it finds the line end itself while it parses. The file
 * source otherwise scans every byte twice, once for the newline and once in the parser; for
 * JSON lines that first scan was about a tenth of the source thread's time.
 *
 * <p>It is only a fast path: whenever {@link #decodeLine} cannot tell, or the record is bad, the caller
 * finds the line end as before and decodes the line with {@link #decode(byte[], int, int, SourceOutput)},
 * which alone decides what is accepted and what each error says.
 */
public interface LineDecoder extends Decoder {
    /** {@link #decodeLine}'s answer when it cannot tell: find the line end and decode the line as usual. */
    long FALLBACK = -1;
    /** Flag in an answer of {@link #decodeLine}: the record was accepted and its row filled. */
    long ACCEPTED = 1L << 32;
    /** Flag in an answer of {@link #decodeLine}: its index is the line's '\n' (else: where the decoder stopped). */
    long LINE_END = 1L << 33;

    /**
     * Decodes the record that starts at {@code offset} and ends at the first {@code '\n'} in
     * {@code bytes[offset, limit)}, looking at no byte after that newline. Called by the reader's thread,
     * once per line, only for input whose records are one per line (so that a newline never belongs
     * to a record: a decoder that meets one outside the record's end treats it as the line end).
     *
     * <p>Returns {@link #FALLBACK}, or an index into {@code bytes} with flags: with {@link #LINE_END} the
     * index is the line's {@code '\n'} and the record was decoded, and with {@link #ACCEPTED} also
     * accepted (the row of {@code out} is filled, as {@link Decoder#decode(byte[], int, int, SourceOutput)}
     * returning true); without {@code LINE_END} the record was turned away (a filter) at that index,
     * the bytes before it hold no newline, and the caller finds the line end from there.
     *
     * @throws BadRecordException if the line is bad; the caller then decodes the delimited line with
     *                            {@code decode}, which throws the error to report
     */
    long decodeLine(byte[] bytes, int offset, int limit, SourceOutput out);

    /** The index in an answer of {@link #decodeLine} that is not {@link #FALLBACK}. */
    static int index(long answer) {
        return (int) answer;
    }
}
