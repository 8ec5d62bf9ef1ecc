package io.sluice.storage.chronicle;

import java.util.concurrent.atomic.AtomicInteger;
import io.sluice.storage.Durability;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.StorageException;
import java.util.concurrent.locks.ReentrantLock;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import java.nio.ByteBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One partition: one Chronicle queue, one appender, and the acknowledged position that bounds readers.
 *
 * <p><b>Appends.</b> Every append takes this partition's lock and writes with the partition's single
 * appender. A lock with one appender rather than Chronicle's per-thread appenders because (1) a batch
 * then lands contiguously, never interleaved with another thread's records; (2) the acknowledged
 * position only moves forward, so "readers never read past what was acknowledged" is one volatile
 * compare; (3) Chronicle's appenders check that one thread uses them, and the lock gives exactly the
 * mutual exclusion and happens-before that check stands for, so the check is switched off for this
 * appender rather than tripping when the engine appends from several workers.
 *
 * <p>A record holds at least one byte: an empty one is refused with a {@link StorageException}.
 *
 * <p><b>Documents.</b> An append writes its records as few Chronicle documents as
 * {@link RecordDocument}'s bounds allow (at most {@value RecordDocument#MAX_RECORDS} records and
 * about {@value RecordDocument#MAX_BYTES} bytes each; a larger record is a document of its own), each
 * with the ordinal of its first record, so Chronicle's per-document cost is paid per batch. A record's
 * offset is its document's index and its slot in it (see {@link RecordDocument}).
 *
 * <p><b>Acknowledged position.</b> {@link #acknowledged} is the offset of the last record of the last
 * append that returned (after the sync, under {@link Durability#SYNC}). Documents of a batch still
 * being written are complete in the file one by one, but no reader sees them until the whole append
 * returns; a document always belongs to a single append, so a reader compares document indexes only.
 * After a restart it is the last record of the queue's last complete document, and the record count
 * is that document's first ordinal plus its record count: everything that survived was acknowledged
 * or was as durable as an acknowledged record. A document is atomic across a crash, a batch of
 * several documents is not: if the process dies during a batch append, a prefix of that batch's
 * documents may be in the log after the restart (complete records, in order, never a torn one).
 * Writers that must not duplicate on retry stamp records with a writer id and sequence (see
 * {@code RowSchema}) and skip what is already there.
 */
final class ChroniclePartitionLog implements PartitionLog {
    private final AtomicInteger openReaders = new AtomicInteger();
    private final String logName;
    private final int partition;
    private final SingleChronicleQueue queue;
    private final boolean sync;
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Created on the first append, then used only under {@link #appendLock}. */
    private ExcerptAppender appender;
    /** Off-heap copy of the record being appended (see {@link #write}); used only under {@link #appendLock}. */
    private Bytes<ByteBuffer> staging;
    private UnsafeBuffer stagingView;
    private volatile long acknowledged;
    private volatile long count;
    private volatile boolean closed;

    ChroniclePartitionLog(String logName, int partition, SingleChronicleQueue queue, Durability durability) {
        this.logName = logName;
        this.partition = partition;
        this.queue = queue;
        this.sync = durability == Durability.SYNC;
        QueueEnd end = findEnd(queue, logName, partition);
        this.acknowledged = end.lastOffset();
        this.count = end.count();
    }

    /**
     * Where a queue ends, found when it is opened: the offset of its last record and how many records
     * it holds.
     */
    private record QueueEnd(long lastOffset, long count) {
        static final QueueEnd EMPTY = new QueueEnd(LogReader.NO_OFFSET, 0);
    }

    /**
     * Finds the last complete document and, from its header, the last record's offset and the record
     * count (see {@link RecordDocument}). Not {@code queue.lastIndex()}: that moves a backward tailer
     * to the end, which after a crash that left an unfinished header fails inside Chronicle ("Unable
     * to find toEnd() so winding to the start", then an assertion, or a wrong answer without
     * assertions). A forward tailer's {@code toEnd()} normally stops before such a header; the
     * document before that position is the last one, in the same cycle or, when the position opens a
     * cycle, at the end of the latest earlier cycle that has documents. If a crash left even that
     * unusable ({@code toEnd()} throws, seen when a process dies while writing a cycle's first
     * document), the queue is scanned from the start: slow for a big log, but only on that rare
     * recovery path.
     */
    private static QueueEnd findEnd(SingleChronicleQueue queue, String logName, int partition) {
        if (queue.firstCycle() == Integer.MAX_VALUE) {
            return QueueEnd.EMPTY; // no cycle file at all
        }
        String where = "partition " + partition + " of log '" + logName + "' (" + queue.file() + ")";
        try {
            return lastFromEnd(queue, where);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            return scan(queue, where);
        }
    }

    private static QueueEnd lastFromEnd(SingleChronicleQueue queue, String where) {
        RollCycle roll = queue.rollCycle();
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.toEnd();
            long next = tailer.index();
            long last = LogReader.NO_OFFSET;
            if (roll.toSequenceNumber(next) > 0) {
                last = next - 1;
            } else {
                int cycle = roll.toCycle(next);
                for (Long c : queue.listCyclesBetween(queue.firstCycle(), cycle - 1).descendingSet()) {
                    long n = tailer.excerptsInCycle(c.intValue());
                    if (n > 0) {
                        last = roll.toIndex(c.intValue(), n - 1);
                        break;
                    }
                }
            }
            if (last == LogReader.NO_OFFSET) {
                return QueueEnd.EMPTY;
            }
            if (!tailer.moveToIndex(last)) {
                throw new StorageException(where + " is damaged: its last document, at " + last + ", cannot be found");
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent() || dc.index() != last) {
                    throw new StorageException(where + " is damaged: its last document, at " + last + ", cannot be read");
                }
                return endAt(dc, where);
            }
        }
    }

    private static QueueEnd scan(SingleChronicleQueue queue, String where) {
        QueueEnd end = QueueEnd.EMPTY;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    end = endAt(dc, where);
                }
            }
        }
        return end;
    }

    /** The end of the queue if the document being read is its last one; reads only its header. */
    private static QueueEnd endAt(DocumentContext dc, String where) {
        Bytes<?> bytes = dc.wire().bytes();
        int size = (int) bytes.readRemaining();
        UnsafeBuffer header = new UnsafeBuffer(new byte[RecordDocument.LENGTHS_AT]);
        if (size >= RecordDocument.LENGTHS_AT) {
            bytes.read(header.byteArray(), 0, RecordDocument.LENGTHS_AT);
        }
        int count = RecordDocument.count(header, size, where);
        return new QueueEnd(RecordDocument.offset(dc.index(), count - 1), RecordDocument.first(header) + count);
    }

    @Override
    public int partition() {
        return partition;
    }

    String logName() {
        return logName;
    }

    @Override
    public long append(RecordBatch batch) {
        int n = batch.size();
        if (n == 0) {
            return acknowledged;
        }
        for (int i = 0; i < n; i++) {
            requireNonEmpty(batch.length(i));
        }
        appendLock.lock();
        try {
            ExcerptAppender a = appender();
            long ordinal = count;
            int lastDocument = 0;
            try {
                int i = 0;
                while (i < n) {
                    // as many records as the bounds allow; a record over the byte bound goes alone
                    int size = RecordDocument.dataAt(1) + batch.length(i);
                    int j = i + 1;
                    while (j < n && j - i < RecordDocument.MAX_RECORDS) {
                        int more = RecordDocument.PER_RECORD + batch.length(j);
                        if (size + more > RecordDocument.MAX_BYTES) {
                            break;
                        }
                        size += more;
                        j++;
                    }
                    writeDocument(a, batch, i, j, size, ordinal);
                    ordinal += j - i;
                    lastDocument = j - i;
                    i = j;
                }
            } finally {
                publish(a, ordinal, lastDocument);
            }
            return acknowledged;
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public long append(DirectBuffer buffer, int offset, int length) {
        requireNonEmpty(length);
        appendLock.lock();
        try {
            ExcerptAppender a = appender();
            long ordinal = count;
            int lastDocument = 0;
            try {
                int size = RecordDocument.dataAt(1) + length;
                UnsafeBuffer doc = staging(size);
                doc.putLong(RecordDocument.FIRST_AT, ordinal);
                doc.putInt(RecordDocument.COUNT_AT, 1);
                doc.putInt(RecordDocument.LENGTHS_AT, length);
                doc.putBytes(RecordDocument.dataAt(1), buffer, offset, length);
                writeStaged(a, size);
                ordinal++;
                lastDocument = 1;
            } finally {
                publish(a, ordinal, lastDocument);
            }
            return acknowledged;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Writes records {@code [from, to)} of the batch as one document of {@code size} bytes (see
     * {@link RecordDocument} for the layout). Under the lock.
     */
    private void writeDocument(ExcerptAppender a, RecordBatch batch, int from, int to, int size, long ordinal) {
        int records = to - from;
        UnsafeBuffer doc = staging(size);
        doc.putLong(RecordDocument.FIRST_AT, ordinal);
        doc.putInt(RecordDocument.COUNT_AT, records);
        DirectBuffer data = batch.buffer();
        int at = RecordDocument.dataAt(records);
        int contiguousFrom = batch.start(from);
        int expected = contiguousFrom;
        boolean contiguous = true;
        for (int i = from, l = RecordDocument.LENGTHS_AT; i < to; i++, l += RecordDocument.PER_RECORD) {
            int length = batch.length(i);
            doc.putInt(l, length);
            contiguous &= batch.start(i) == expected;
            expected += length;
        }
        if (contiguous) {
            // RecordBatch.add lays records back to back: one copy for all of them
            doc.putBytes(at, data, contiguousFrom, expected - contiguousFrom);
        } else {
            for (int i = from; i < to; i++) {
                int length = batch.length(i);
                doc.putBytes(at, data, batch.start(i), length);
                at += length;
            }
        }
        writeStaged(a, size);
    }

    /**
     * An empty record is refused, before anything of its batch is written: Sluice's records are never
     * empty (a row has a 16-byte header), and readers take a record length of 0 in a document for
     * damage (see {@link RecordDocument}), which keeps that check a cheap one.
     */
    private void requireNonEmpty(int length) {
        if (length <= 0) {
            throw new StorageException("cannot append an empty record to partition " + partition + " of log '" + logName
                    + "': a record holds at least one byte");
        }
    }

    /** Called under the lock. */
    private ExcerptAppender appender() {
        if (closed) {
            throw new StorageException("partition " + partition + " of log '" + logName + "' is closed or deleted");
        }
        if (appender == null) {
            try {
                appender = queue.createAppender();
            } catch (RuntimeException e) {
                throw new StorageException("cannot append to partition " + partition + " of log '" + logName + "'", e);
            }
            appender.singleThreadedCheckDisabled(true); // the append lock confines it (see class javadoc)
        }
        return appender;
    }

    /**
     * Writes the document staged in {@code staging[0, size)}.
     *
     * <p>Through {@code ExcerptAppender.writeBytes}, which writes the same document as
     * {@code writingDocument()} but without re-finding the queue's last sequence number first:
     * {@code writingDocument()} scans the headers written since the last index entry (up to 256 of
     * them) for every document. With one appender per queue, used under the lock, the appender's own
     * position is always the queue's end. The document is staged in off-heap memory (one memory copy)
     * because Chronicle copies from a heap array eight bytes at a time through its checked Bytes API,
     * which costs more than the rest of the append together. Under the lock.
     */
    private void writeStaged(ExcerptAppender a, int size) {
        staging.readPositionRemaining(0, size);
        try {
            a.writeBytes(staging);
        } catch (RuntimeException e) {
            if (e instanceof StorageException) {
                throw e;
            }
            throw new StorageException("append to partition " + partition + " of log '" + logName + "' failed", e);
        }
    }

    /** The staging memory, (re)allocated to hold at least {@code size} bytes. Under the lock. */
    private UnsafeBuffer staging(int size) {
        if (staging == null || stagingView.capacity() < size) {
            if (staging != null) {
                staging.releaseLast();
            }
            ByteBuffer memory = ByteBuffer.allocateDirect(Math.max(4096, Integer.highestOneBit(size - 1) << 1));
            stagingView = new UnsafeBuffer(memory);
            staging = Bytes.wrapForRead(memory);
            staging.singleThreadedCheckDisabled(true); // confined by the append lock, like the appender
        }
        return stagingView;
    }

    /**
     * Called under the lock after a batch (or its failed remainder): syncs if asked, then makes the
     * documents written visible; {@code ordinal} is the ordinal the next record will have and
     * {@code lastDocument} the number of records in the last document written (0: none). Documents
     * written before a failure are in the file already, so they are published too: hiding them would
     * only make them appear with the next append.
     */
    private void publish(ExcerptAppender a, long ordinal, int lastDocument) {
        if (lastDocument == 0) {
            return;
        }
        if (sync) {
            a.sync();
        }
        count = ordinal;
        acknowledged = RecordDocument.offset(a.lastIndexAppended(), lastDocument - 1);
    }

    @Override
    public long endOffset() {
        return acknowledged;
    }

    /** The bound for readers; a volatile read. */
    long acknowledged() {
        return acknowledged;
    }

    @Override
    public long recordCount() {
        return count;
    }

    @Override
    public LogReader openReader() {
        if (closed) {
            throw new StorageException("partition " + partition + " of log '" + logName + "' is closed or deleted");
        }
        openReaders.incrementAndGet();
        return new ChronicleLogReader(this);
    }

    /** Called once by each reader when it closes. */
    void readerClosed() {
        openReaders.decrementAndGet();
    }

    int openReaders() {
        return openReaders.get();
    }

    /** A new Chronicle tailer at the start of this queue; called on the reader's thread. */
    ExcerptTailer createTailer() {
        return queue.createTailer();
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops appends and reads and closes the queue; readers see no further records. */
    void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (appender != null) {
                appender.close();
                appender = null;
            }
            if (staging != null) {
                staging.releaseLast();
                staging = null;
                stagingView = null;
            }
            // Closing the queue releases its mapped files and the tailers readers hold; readers check
            // isClosed() before touching their tailer again.
            queue.close();
        } finally {
            appendLock.unlock();
        }
    }
}
