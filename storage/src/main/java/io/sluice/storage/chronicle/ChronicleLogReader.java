package io.sluice.storage.chronicle;

import io.sluice.storage.LogReader;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.StorageException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads one partition with a Chronicle tailer, handing each record to the handler as an Agrona
 * buffer wrapped over the record's bytes in the mapped file (copied only if the bytes are not in
 * direct memory), and never past the partition's acknowledged position.
 *
 * <p><b>Threads.</b> A reader is typically created on a planning thread and polled on an engine
 * worker. Chronicle tailers check that a single thread uses them. The tailer is therefore created
 * lazily, by the first call that needs it, on that call's thread; and if a later call comes from
 * another thread (a reader handed from one worker to another, or closed by a different thread), the
 * tailer's thread check is reset to adopt the new thread. The {@link LogReader} contract makes the
 * caller guarantee that calls never overlap and that hand-offs are ordered, which is what that check
 * stands for; Chronicle's check stays on between hand-offs. Costs one reference compare per call.
 *
 * <p><b>Documents.</b> A Chronicle document holds one or more records (see {@link RecordDocument}).
 * The reader hands them one by one, each with its own offset. A poll that stops inside a document
 * (by {@code maxRecords} or because the handler threw) rolls the document back, so the tailer reads
 * it again, and remembers the slot to resume at; {@code seekAfter} a record that is not its
 * document's last does the same. So no record is handed twice and none is skipped.
 *
 * <p><b>Positions.</b> {@link #lastOffset()} is the last record handed to a handler or, after a
 * seek, the record the reader resumes after ({@code seekAfter(x)} gives {@code x},
 * {@code seekToEnd()} the acknowledged end, {@code seekToStart()} {@link #NO_OFFSET}), so a
 * checkpoint of it followed by {@code seekAfter} resumes at the same place.
 */
final class ChronicleLogReader implements LogReader {
    private final ChroniclePartitionLog log;
    /** Reused for every record: the handler gets this view, valid only during its call. */
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    /** Reused for every document: the open document's bytes. */
    private final UnsafeBuffer document = new UnsafeBuffer(0, 0);
    /**
     * The index of the document a poll or seek stopped inside of, or {@link #NO_OFFSET}: the tailer
     * was rolled back to read it again, and {@link #resumeSlot} is its first record not yet handed.
     */
    private long resumeIndex = NO_OFFSET;
    private int resumeSlot;
    /** Scratch for records whose bytes are not in direct memory; grows as needed. */
    private byte[] copy = new byte[0];
    private ExcerptTailer tailer;
    private Thread owner;
    private long lastOffset = NO_OFFSET;
    private boolean closed;

    ChronicleLogReader(ChroniclePartitionLog log) {
        this.log = log;
    }

    /** The tailer, created on first use and adopted by the calling thread (see class javadoc). */
    private ExcerptTailer tailer() {
        Thread current = Thread.currentThread();
        if (tailer == null) {
            tailer = log.createTailer();
            owner = current;
        } else if (owner != current) {
            tailer.singleThreadedCheckReset();
            owner = current;
        }
        return tailer;
    }

    private boolean unusable() {
        return closed || log.isClosed();
    }

    @Override
    public int poll(RecordHandler handler, int maxRecords) {
        if (unusable() || maxRecords <= 0) {
            return 0;
        }
        long bound = log.acknowledged();
        if (bound == NO_OFFSET) {
            return 0;
        }
        // A document belongs to one append, so it is acknowledged whole or not at all.
        long boundIndex = RecordDocument.index(bound);
        int handed = 0;
        try {
            ExcerptTailer t = tailer();
            while (handed < maxRecords) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long index = dc.index();
                    if (index > boundIndex) {
                        // Complete in the file but part of an append that has not returned yet.
                        dc.rollbackOnClose();
                        break;
                    }
                    handed += deliver(dc, index, handler, maxRecords - handed);
                }
            }
        } catch (HandlerFailure f) {
            // The document was rolled back before closing and resumeSlot names the record that
            // threw, so a later poll hands that record again and none before it.
            throw f.rethrowable;
        } catch (RuntimeException e) {
            if (log.isClosed()) {
                return handed; // the log was deleted or closed under us: no further records
            }
            if (e instanceof StorageException) {
                throw e;
            }
            throw new StorageException("reading partition " + log.partition() + " of log '" + log.logName() + "' failed", e);
        }
        return handed;
    }

    /**
     * Hands up to {@code max} records of the open document, from {@link #resumeSlot} if the previous
     * poll stopped inside it, else from its first; returns how many. If it stops before the end of
     * the document (by {@code max} or a failing handler) it rolls the document back, so the tailer
     * reads it again next time, and records the slot to resume at, so records already handed are not
     * handed again.
     */
    private int deliver(DocumentContext dc, long index, RecordHandler handler, int max) {
        UnsafeBuffer doc = wrapDocument(dc);
        int size = doc.capacity();
        int count;
        try {
            count = RecordDocument.count(doc, size, this);
        } catch (StorageException e) {
            dc.rollbackOnClose(); // a damaged document stays where it is: every poll reports it
            throw e;
        }
        int slot = 0;
        int at = RecordDocument.dataAt(count);
        if (index == resumeIndex) {
            slot = resumeSlot;
            for (int i = 0; i < slot; i++) {
                at += doc.getInt(RecordDocument.LENGTHS_AT + i * RecordDocument.PER_RECORD);
            }
        }
        int handed = 0;
        while (slot < count && handed < max) {
            int length = doc.getInt(RecordDocument.LENGTHS_AT + slot * RecordDocument.PER_RECORD);
            if (length < 1 || length > size - at) {
                stopInside(dc, index, slot); // stays damaged for every later poll, never skipped
                throw RecordDocument.damaged(this, size, "record " + slot + " has length " + length + " at " + at);
            }
            long offset = RecordDocument.offset(index, slot);
            // a view of exactly the record, at index 0, as handlers were always given
            view.wrap(doc, at, length);
            try {
                handler.onRecord(offset, view, 0, length);
            } catch (RuntimeException e) {
                stopInside(dc, index, slot);
                throw new HandlerFailure(e);
            } catch (Error e) {
                stopInside(dc, index, slot);
                throw e;
            }
            lastOffset = offset;
            handed++;
            slot++;
            at += length;
        }
        if (slot < count) {
            stopInside(dc, index, slot);
        } else {
            resumeIndex = NO_OFFSET;
        }
        return handed;
    }

    /** Leaves the document unread for the tailer, to resume at {@code slot} of it. */
    private void stopInside(DocumentContext dc, long index, int slot) {
        dc.rollbackOnClose();
        resumeIndex = index;
        resumeSlot = slot;
    }

    /** The whole open document as a buffer: over the mapped file, or a copy if not in direct memory. */
    private UnsafeBuffer wrapDocument(DocumentContext dc) {
        Bytes<?> bytes = dc.wire().bytes();
        long position = bytes.readPosition();
        int size = (int) bytes.readRemaining();
        if (bytes.isDirectMemory()) {
            document.wrap(bytes.addressForRead(position, size), size);
        } else {
            if (copy.length < size) {
                copy = new byte[Math.max(size, copy.length * 2)];
            }
            bytes.read(copy, 0, size);
            document.wrap(copy, 0, size);
        }
        return document;
    }

    @Override
    public void seekToStart() {
        if (unusable()) {
            return;
        }
        tailer().toStart();
        resumeIndex = NO_OFFSET;
        lastOffset = NO_OFFSET;
    }

    @Override
    public void seekToEnd() {
        if (unusable()) {
            return;
        }
        long end = log.acknowledged();
        if (end == NO_OFFSET) {
            seekToStart();
        } else {
            seekAfter(end);
        }
    }

    @Override
    public void seekAfter(long offset) {
        if (offset == NO_OFFSET) {
            seekToStart();
            return;
        }
        if (unusable()) {
            throw new StorageException("partition " + log.partition() + " of log '" + log.logName() + "' is closed or deleted");
        }
        ExcerptTailer t = tailer();
        long index = RecordDocument.index(offset);
        int slot = RecordDocument.slot(offset);
        resumeIndex = NO_OFFSET;
        if (offset < 0 || offset > log.acknowledged() || !t.moveToIndex(index)) {
            throw missing(offset);
        }
        // moveToIndex positions before the document; read past it, or into it when the record is not
        // its last, without handing anything out.
        try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                throw missing(offset);
            }
            UnsafeBuffer doc = wrapDocument(dc);
            int count = RecordDocument.count(doc, doc.capacity(), this);
            if (slot >= count) {
                throw missing(offset);
            }
            if (slot + 1 < count) {
                stopInside(dc, index, slot + 1);
            }
        }
        lastOffset = offset;
    }

    private StorageException missing(long offset) {
        return new StorageException("partition " + log.partition() + " of log '" + log.logName() + "' has no record at offset "
                + offset + " (0x" + Long.toHexString(offset) + "): it was never acknowledged or is no longer retained"
                + " (acknowledged end: " + log.acknowledged() + ")");
    }

    @Override
    public long lastOffset() {
        return lastOffset;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.readerClosed();
        if (tailer != null && !log.isClosed()) {
            if (owner != Thread.currentThread()) {
                tailer.singleThreadedCheckReset();
            }
            tailer.close();
        }
        tailer = null;
    }

    @Override
    public String toString() {
        return "partition " + log.partition() + " of log '" + log.logName() + "'";
    }

    /** Carries a handler's exception past the Chronicle error handling in {@link #poll}. */
    private static final class HandlerFailure extends RuntimeException {
        final RuntimeException rethrowable;

        HandlerFailure(RuntimeException cause) {
            super(null, cause, false, false);
            this.rethrowable = cause;
        }
    }
}
