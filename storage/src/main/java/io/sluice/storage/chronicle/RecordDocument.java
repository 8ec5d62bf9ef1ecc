package io.sluice.storage.chronicle;

import io.sluice.storage.StorageException;
import org.agrona.DirectBuffer;

/**
 * The layout of one Chronicle document of a partition queue, and how a record's offset names its
 * place in it. Stateless; used by {@link ChroniclePartitionLog} (writes documents, reads the last one
 * at open) and {@link ChronicleLogReader} (reads them).
 *
 * <p><b>Why several records per document.</b> Each Chronicle document costs a header, the queue's
 * cross-process write lock, an index update every so many documents and a thread-safety check,
 * about 185 ns: more than the copy of a small record. An append of a {@code RecordBatch} therefore
 * writes its records as few documents as the bounds below allow, so that cost is paid per batch, not
 * per record. A record appended alone is a one-record document.
 *
 * <p><b>Layout</b> (native byte order, as Agrona and Chronicle use on the platforms Sluice runs on):
 * <pre>
 *   0  long   first   ordinal of the document's first record in the partition (0 for the very first)
 *   8  int    count   records in the document, 1..{@value #MAX_RECORDS}
 *  12  int[count]     each record's length in bytes (at least 1)
 *  12 + 4 * count     the records' bytes, back to back, in order
 * </pre>
 * {@code first + count} of the last document is the partition's record count, so a partition learns
 * it at open from one document instead of reading every one. A document is written whole, in one
 * Chronicle {@code writeBytes}, so a crash leaves all of its records or none: never a torn record.
 *
 * <p><b>Offsets.</b> A record's offset is {@code (chronicleIndex << SLOT_BITS) | slot}, where
 * {@code slot} is its position in the document. Offsets therefore increase with every record and
 * across documents, and are not contiguous (readers never compute {@code offset + 1}). The shift
 * cannot overflow: the queue's roll cycle is fixed at {@code FAST_DAILY} (see {@code QueueFactory}),
 * whose index is {@code cycle << 32 | sequence} with {@code cycle} the number of days since 1970
 * (about 20,800 at the end of 2026, 15 bits), so today an index is below 2^47 and an offset below
 * 2^55; an offset would reach the sign bit only once the cycle reaches 2^23 days, in the year 24,900.
 * {@link #offset} still refuses an index that would not fit, rather than wrapping. A day's cycle
 * holds up to 2^32 - 1 documents, so grouping records only makes that limit further away.
 */
final class RecordDocument {
    /** Bits of an offset that hold the record's slot within its document. */
    static final int SLOT_BITS = 8;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** At most this many records per document (fits the slot bits). */
    static final int MAX_RECORDS = 255;
    /**
     * Documents of several records stop growing at this many bytes (header included): large enough
     * that the per-document cost vanishes for small records, small enough not to hold back a reader
     * behind one huge document. A record larger than this is written as a document of its own.
     */
    static final int MAX_BYTES = 64 * 1024;

    static final int FIRST_AT = 0;
    static final int COUNT_AT = 8;
    static final int LENGTHS_AT = 12;
    /** Bytes a document needs per record besides the record itself: its length. */
    static final int PER_RECORD = Integer.BYTES;

    private RecordDocument() {
    }

    /** Where the records' bytes start in a document of {@code count} records. */
    static int dataAt(int count) {
        return LENGTHS_AT + PER_RECORD * count;
    }

    /** The offset of the record in {@code slot} of the document at Chronicle index {@code index}. */
    static long offset(long index, int slot) {
        if (index >>> (Long.SIZE - 1 - SLOT_BITS) != 0) {
            throw new StorageException("Chronicle index 0x" + Long.toHexString(index) + " does not fit a record offset");
        }
        return (index << SLOT_BITS) | slot;
    }

    static long index(long offset) {
        return offset >>> SLOT_BITS;
    }

    static int slot(long offset) {
        return (int) (offset & SLOT_MASK);
    }

    /**
     * The record count of the document in {@code doc[0, size)}, checked against its size; throws
     * {@link StorageException} naming {@code where} if the header cannot be a document of this layout
     * (a queue written by something else, or by an older format).
     */
    static int count(DirectBuffer doc, int size, Object where) {
        int count = size >= LENGTHS_AT ? doc.getInt(COUNT_AT) : 0;
        if (count < 1 || count > MAX_RECORDS || dataAt(count) + count > size) {
            throw damaged(where, size, "record count " + count);
        }
        return count;
    }

    static StorageException damaged(Object where, int size, String what) {
        return new StorageException("damaged or foreign document of " + size + " bytes in " + where + ": " + what);
    }

    /** The ordinal of the document's first record in its partition. */
    static long first(DirectBuffer doc) {
        return doc.getLong(FIRST_AT);
    }
}
