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
 * <p><b>Positions.</b> {@link #lastOffset()} is the last record handed to a handler or, after a
 * seek, the record the reader resumes after ({@code seekAfter(x)} gives {@code x},
 * {@code seekToEnd()} the acknowledged end, {@code seekToStart()} {@link #NO_OFFSET}), so a
 * checkpoint of it followed by {@code seekAfter} resumes at the same place.
 */
final class ChronicleLogReader implements LogReader {
    private final ChroniclePartitionLog log;
    /** Reused for every record: the handler gets this view, valid only during its call. */
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
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
        int handed = 0;
        try {
            ExcerptTailer t = tailer();
            while (handed < maxRecords) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long index = dc.index();
                    if (index > bound) {
                        // Complete in the file but part of an append that has not returned yet.
                        dc.rollbackOnClose();
                        break;
                    }
                    deliver(dc, index, handler);
                    lastOffset = index;
                    handed++;
                }
            }
        } catch (HandlerFailure f) {
            // The document was rolled back before closing, so a later poll hands that record again.
            throw f.rethrowable;
        } catch (RuntimeException e) {
            if (log.isClosed()) {
                return handed; // the log was deleted or closed under us: no further records
            }
            throw new StorageException("reading partition " + log.partition() + " of log '" + log.logName() + "' failed", e);
        }
        return handed;
    }

    private void deliver(DocumentContext dc, long index, RecordHandler handler) {
        Bytes<?> bytes = dc.wire().bytes();
        long position = bytes.readPosition();
        int length = (int) bytes.readRemaining();
        if (bytes.isDirectMemory()) {
            view.wrap(bytes.addressForRead(position, length), length);
        } else {
            if (copy.length < length) {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            bytes.read(copy, 0, length);
            view.wrap(copy, 0, length);
        }
        try {
            handler.onRecord(index, view, 0, length);
        } catch (RuntimeException e) {
            dc.rollbackOnClose();
            throw new HandlerFailure(e);
        } catch (Error e) {
            dc.rollbackOnClose();
            throw e;
        }
    }

    @Override
    public void seekToStart() {
        if (unusable()) {
            return;
        }
        tailer().toStart();
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
        if (offset < 0 || offset > log.acknowledged() || !t.moveToIndex(offset)) {
            throw missing(offset);
        }
        // moveToIndex positions before the record; read past it without handing it out.
        try (DocumentContext dc = t.readingDocument()) {
            if (!dc.isPresent() || dc.index() != offset) {
                throw missing(offset);
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
        if (tailer != null && !log.isClosed()) {
            if (owner != Thread.currentThread()) {
                tailer.singleThreadedCheckReset();
            }
            tailer.close();
        }
        tailer = null;
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
