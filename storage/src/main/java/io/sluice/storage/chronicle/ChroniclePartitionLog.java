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
 * <p><b>Acknowledged position.</b> {@link #acknowledged} is the index of the last record of the last
 * append that returned (after the sync, under {@link Durability#SYNC}). Records of a batch still being
 * written are complete in the file one by one, but no reader sees them until the whole append returns.
 * After a restart it is the queue's last complete record: everything that survived was acknowledged
 * or was as durable as an acknowledged record. So a batch is not atomic across a crash: if the
 * process dies during a batch append, a prefix of that batch may be in the log after the restart
 * (complete records, in order, never a torn one). Writers that must not duplicate on retry stamp
 * records with a writer id and sequence (see {@code RowSchema}) and skip what is already there.
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
        this.acknowledged = end.lastIndex();
        this.count = end.count();
    }

    /** Where a queue ends, found when it is opened: its last complete record and how many there are. */
    private record QueueEnd(long lastIndex, long count) {
    }

    /**
     * Finds the last complete data record and the record count. Not {@code queue.lastIndex()}: that
     * moves a backward tailer to the end, which after a crash that left an unfinished header fails
     * inside Chronicle ("Unable to find toEnd() so winding to the start", then an assertion, or a wrong
     * answer without assertions). A forward tailer's {@code toEnd()} normally stops before such a
     * header; the record before that position is the last one, in the same cycle or, when the position
     * opens a cycle, at the end of the latest earlier cycle that has records. If a crash left even that
     * unusable ({@code toEnd()} throws, seen when a process dies while writing a cycle's first record),
     * the queue is scanned from the start: slow for a big log, but only on that rare recovery path.
     */
    private static QueueEnd findEnd(SingleChronicleQueue queue, String logName, int partition) {
        if (queue.firstCycle() == Integer.MAX_VALUE) {
            return new QueueEnd(LogReader.NO_OFFSET, 0); // no cycle file at all
        }
        try {
            return new QueueEnd(lastIndexFromEnd(queue, logName, partition), queue.entryCount());
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            return scan(queue);
        }
    }

    private static long lastIndexFromEnd(SingleChronicleQueue queue, String logName, int partition) {
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
            if (last != LogReader.NO_OFFSET && !tailer.moveToIndex(last)) {
                throw new StorageException("partition " + partition + " of log '" + logName + "' is damaged: its last record, at "
                        + last + ", cannot be found in " + queue.file());
            }
            return last;
        }
    }

    private static QueueEnd scan(SingleChronicleQueue queue) {
        long last = LogReader.NO_OFFSET;
        long count = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    last = dc.index();
                    count++;
                }
            }
        }
        return new QueueEnd(last, count);
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
        boolean contiguous = true; // records back to back in the batch's buffer, as RecordBatch.add lays them out
        int first = batch.start(0);
        int next = first;
        for (int i = 0; i < n; i++) {
            int length = batch.length(i);
            requireNonEmpty(length);
            contiguous &= batch.start(i) == next;
            next += length;
        }
        DirectBuffer data = batch.buffer();
        appendLock.lock();
        try {
            ExcerptAppender a = appender();
            int written = 0;
            try {
                if (contiguous) {
                    // one staging copy for the whole batch, then each record is a window of it
                    int total = next - first;
                    if (staging == null || stagingView.capacity() < total) {
                        stage(total);
                    }
                    stagingView.putBytes(0, data, first, total);
                    for (int i = 0; i < n; i++) {
                        writeStaged(a, batch.start(i) - first, batch.length(i));
                        written++;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        write(a, data, batch.start(i), batch.length(i));
                        written++;
                    }
                }
            } finally {
                publish(a, written);
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
            int written = 0;
            try {
                write(a, buffer, offset, length);
                written = 1;
            } finally {
                publish(a, written);
            }
            return acknowledged;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Chronicle stores an empty document as a one-byte one, so an empty record would come back as a
     * byte that was never written. Sluice's records are never empty (a row has a 16-byte header), so an
     * empty one is refused, before anything of its batch is written.
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
     * Writes one record as one document; the record's bytes are the document's bytes.
     *
     * <p>Through {@code ExcerptAppender.writeBytes}, which writes the same document as
     * {@code writingDocument()} but without re-finding the queue's last sequence number first:
     * {@code writingDocument()} scans the headers written since the last index entry (up to 256 of
     * them) for every document, a quarter of an append's cost. With one appender per queue, used under
     * the lock, the appender's own position is always the queue's end. The record is staged in
     * off-heap memory (one memory copy) because Chronicle copies from a heap array eight bytes at a
     * time through its checked Bytes API, which cost more than the rest of the append together.
     */
    private void write(ExcerptAppender a, DirectBuffer buffer, int offset, int length) {
        if (staging == null || stagingView.capacity() < length) {
            stage(length);
        }
        stagingView.putBytes(0, buffer, offset, length);
        writeStaged(a, 0, length);
    }

    /** Writes staging[at, at + length) as one document. Under the lock. */
    private void writeStaged(ExcerptAppender a, int at, int length) {
        staging.readPositionRemaining(at, length);
        try {
            a.writeBytes(staging);
        } catch (RuntimeException e) {
            if (e instanceof StorageException) {
                throw e;
            }
            throw new StorageException("append to partition " + partition + " of log '" + logName + "' failed", e);
        }
    }

    /** (Re)allocates the staging memory for records of up to {@code length} bytes. Under the lock. */
    private void stage(int length) {
        if (staging != null) {
            staging.releaseLast();
        }
        ByteBuffer memory = ByteBuffer.allocateDirect(Math.max(4096, Integer.highestOneBit(length - 1) << 1));
        stagingView = new UnsafeBuffer(memory);
        staging = Bytes.wrapForRead(memory);
        staging.singleThreadedCheckDisabled(true); // confined by the append lock, like the appender
    }

    /**
     * Called under the lock after a batch (or its failed remainder): syncs if asked, then makes the
     * {@code written} records visible. Records written before a failure are in the file already, so
     * they are published too: hiding them would only make them appear with the next append.
     */
    private void publish(ExcerptAppender a, int written) {
        if (written == 0) {
            return;
        }
        if (sync) {
            a.sync();
        }
        count += written;
        acknowledged = a.lastIndexAppended();
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
