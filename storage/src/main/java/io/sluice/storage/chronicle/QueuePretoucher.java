package io.sluice.storage.chronicle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

/**
 * Keeps the page cache populated ahead of every active writer of a store, on a background thread of
 * its own, so that an append never pays for bringing fresh pages of a queue file into memory.
 *
 * <p><b>Why.</b> A Chronicle cycle file is a sparse file that Chronicle grows ahead of the writer and
 * writes through a memory mapping. The first touch of a page that is not in the page cache is a page
 * fault that runs the kernel's <i>read-ahead</i> on the faulting thread: for a hole of an ext4 file it
 * allocates and zero-fills up to {@code read_ahead_kb} of pages (8 MB on the project's VM disk) in one
 * go. Measured on the Nexmark latency benchmark (perf, cpu-clock on the worker thread): the worker
 * spent 35-38 ms at a time inside one such fault ({@code filemap_fault -> page_cache_ra_order ->
 * ext4_mpage_readpages}), once per 8 MB written, which was the whole of the q2 latency tail (p99 26 ms
 * on disk, under 1 ms on tmpfs, whose holes need no read-ahead). Here a background thread reads the
 * region between the writer's position and {@code aheadBytes} past it (with plain positional reads on
 * its own file descriptor, never writing: it cannot disturb a record), so the writer and the readers
 * find those pages cached, and their faults are minor ones of a few microseconds. A read-ahead that a
 * fault still starts looks for the first page not cached within one read-ahead window past the fault
 * and fills from there; so {@code aheadBytes} must exceed the device's read-ahead window, for that
 * search to find nothing. The default (32 MB) is four times the VM's.
 *
 * <p><b>Cost.</b> Work is proportional to the bytes written: a queue whose writer has not moved since
 * the last look costs one volatile read per pass (every 10 ms: the partition's acknowledged position,
 * without touching the file), a queue not written in its current cycle a file lookup every 200 ms,
 * and with no queue registered the thread parks until one is. After about a second without a write
 * the file descriptor and the cycle store held for a queue are let go, so idle logs hold nothing. The
 * reads populate at most {@code aheadBytes} of clean, reclaimable page cache per active partition. A queue is only warmed
 * once its writer has been seen moving (reopening a store with many idle partitions reads nothing);
 * the first appends of a partition (or of a new daily cycle) can therefore still meet one cold fault.
 *
 * <p><b>Threads and ownership.</b> Owned by one {@link ChronicleLogStore}: {@link #register} and
 * {@link #unregister} are called by the store (serialized by it) as queues open and before they close;
 * the thread ({@code sluice-pretoucher}, a daemon) is started by the first registration and stopped,
 * joined, with every Chronicle store it held released, by {@link #close}. {@code unregister} waits for
 * a pass over that queue in progress, so once it returns the queue may be closed.
 */
final class QueuePretoucher implements AutoCloseable {
    /** Default distance kept warm ahead of each writer: well past an 8 MB read-ahead window. */
    static final long DEFAULT_AHEAD_BYTES = 32L << 20;
    /** How long the thread parks when a pass found nothing to do: a writer at 100 MB/s moves 1 MB meanwhile. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** About a second of passes without a write before an idle writer's file is let go. */
    private static final int IDLE_RELEASE_PASSES = 100;
    /** Bytes read for one queue per pass, so that one busy queue does not hold back the others. */
    private static final int MAX_BYTES_PER_STEP = 4 << 20;
    /**
     * A queue is topped up only once its writer has eaten this much into the warm region: reads then
     * come in batches (a few per second per busy queue) rather than chasing every append.
     */
    private static final long MIN_BYTES_PER_STEP = 1 << 20;
    private static final int BUFFER_BYTES = 256 << 10;
    /** After a failure (a file vanished under a roll or a delete), the queue is looked at again this much later. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NO_FILE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final long aheadBytes;
    private final String threadName;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean closed;
    /** Bytes read ahead so far, over all queues (tests, diagnostics). */
    private volatile long bytesTouched;
    /** Used only by the pretoucher thread. */
    private ByteBuffer buffer;

    /**
     * @param aheadBytes how far past each writer's position to keep the page cache populated (> 0)
     * @param threadName the name of the background thread
     */
    QueuePretoucher(long aheadBytes, String threadName) {
        if (aheadBytes <= 0) {
            throw new IllegalArgumentException("aheadBytes must be positive, was " + aheadBytes);
        }
        this.aheadBytes = aheadBytes;
        this.threadName = threadName;
    }

    /** Starts warming ahead of {@code queue}'s writer. {@code owner} names the registration for {@link #unregister}. */
    void register(Object owner, SingleChronicleQueue queue, LongSupplier progress) {
        Thread t;
        boolean start = false;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            entries.add(new Entry(owner, queue, progress));
            if (thread == null) {
                thread = new Thread(this::run, threadName);
                thread.setDaemon(true);
                start = true;
            }
            t = thread;
        }
        if (start) {
            t.start();
        } else {
            LockSupport.unpark(t);
        }
    }

    /**
     * Stops warming every queue registered under {@code owner} and releases what the thread held for
     * them; waits for a pass over them in progress. Called before those queues are closed.
     */
    void unregister(Object owner) {
        List<Entry> removed = new ArrayList<>();
        for (Entry e : entries) {
            if (e.owner.equals(owner)) {
                removed.add(e);
            }
        }
        entries.removeAll(removed);
        for (Entry e : removed) {
            e.retire();
        }
    }

    /** Queues currently registered. */
    int registered() {
        return entries.size();
    }

    /** Queues whose current file the thread holds open now (tests: idle ones are let go). */
    int holding() {
        int n = 0;
        for (Entry e : entries) {
            n += e.store != null ? 1 : 0;
        }
        return n;
    }

    /** Bytes read ahead so far over all queues; grows only while writers move. */
    long bytesTouched() {
        return bytesTouched;
    }

    /** Whether the background thread is alive (tests). */
    boolean threadAlive() {
        Thread t;
        synchronized (lifecycle) {
            t = thread;
        }
        return t != null && t.isAlive();
    }

    /** Stops and joins the thread and releases everything held; idempotent. Called by the store's close. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (Entry e : entries) {
            e.retire();
        }
        entries.clear();
    }

    private void run() {
        buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        while (!closed) {
            long work = 0;
            boolean behind = false;
            long now = System.nanoTime();
            for (Entry e : entries) {
                if (closed) {
                    break;
                }
                work += e.step(now);
                behind |= e.behind;
            }
            bytesTouched += work;
            if (behind) {
                continue; // a queue is further behind than one step reads: no pause
            }
            if (entries.isEmpty()) {
                LockSupport.park(this); // register or close unparks
            } else {
                // Also after work: the next top-up is due only once a writer has moved another MIN_BYTES_PER_STEP.
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    /** One registered queue; its fields are used by the pretoucher thread under {@link #lock}. */
    private final class Entry {
        final Object owner;
        final SingleChronicleQueue queue;
        /** The partition's last acknowledged position: read without touching any file. */
        final LongSupplier progress;
        long lastProgress = Long.MIN_VALUE;
        /** Passes since the writer last moved; past {@link #IDLE_RELEASE_PASSES} the file is let go. */
        int idlePasses;
        final ReentrantLock lock = new ReentrantLock();
        boolean retired;
        /** The store of the cycle being warmed, or null; held (reserved) while warming that cycle. */
        volatile SingleChronicleQueueStore store;
        FileChannel channel;
        int cycle = Integer.MIN_VALUE;
        /** Whether the writer's position in this cycle has been looked at; then the last position seen. */
        boolean seen;
        long lastWritePosition;
        /** The last step stopped short of its target (a step reads at most {@link #MAX_BYTES_PER_STEP}). */
        boolean behind;
        /** Everything before this file offset has been read (or is behind the writer). */
        long warmedTo;
        long retryAt;

        Entry(Object owner, SingleChronicleQueue queue, LongSupplier progress) {
            this.owner = owner;
            this.queue = queue;
            this.progress = progress;
        }

        /** One pass: returns the bytes read. On the pretoucher thread. */
        long step(long now) {
            if (!lock.tryLock()) {
                return 0; // being retired
            }
            try {
                if (retired || queue.isClosed() || now < retryAt) {
                    return 0;
                }
                long p = progress.getAsLong();
                if (p == lastProgress && !behind) {
                    // An idle writer: nothing to warm. After a while let its file go, so that idle logs
                    // hold no descriptor or mapping of ours; the writer moving again brings it back.
                    if (++idlePasses == IDLE_RELEASE_PASSES) {
                        releaseStore();
                    }
                    return 0;
                }
                idlePasses = 0;
                lastProgress = p;
                return warm();
            } catch (IOException | RuntimeException e) {
                // A roll, a delete or a close raced with us: let go and look again later. Warming is
                // an optimisation; the writer never depends on it.
                releaseStore();
                retryAt = now + RETRY_NANOS;
                return 0;
            } finally {
                lock.unlock();
            }
        }

        private long warm() throws IOException {
            int current = queue.cycle();
            if (store == null || current != cycle) {
                releaseStore();
                cycle = current;
                store = queue.storeForCycle(current, queue.epoch(), false, null);
                if (store == null) {
                    // Nothing written in this cycle yet. Looking costs a file lookup, so a queue without
                    // a file is looked at a few times a second, not on every pass.
                    retryAt = System.nanoTime() + NO_FILE_RETRY_NANOS;
                    return 0;
                }
                channel = FileChannel.open(store.file().toPath(), StandardOpenOption.READ);
                seen = false;
            }
            long position = store.writePosition();
            if (!seen) {
                // Only writers seen moving are warmed (see class javadoc): remember where this one is.
                seen = true;
                lastWritePosition = position;
                warmedTo = position;
                return 0;
            }
            if (position == lastWritePosition && !behind) {
                return 0; // idle writer: nothing new to warm
            }
            lastWritePosition = position;
            long from = Math.max(warmedTo, position);
            long target = position + aheadBytes;
            if (target - from < MIN_BYTES_PER_STEP && !behind) {
                return 0; // still warm far enough ahead
            }
            target = Math.min(target, channel.size());
            long to = Math.min(target, from + MAX_BYTES_PER_STEP);
            long read = 0;
            while (from < to) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), to - from));
                int n = channel.read(buffer, from);
                if (n <= 0) {
                    break;
                }
                from += n;
                read += n;
            }
            warmedTo = from;
            // more to do than one step allows: come back at once, even if the writer has not moved
            behind = read > 0 && warmedTo < target;
            return read;
        }

        /** Stops warming and releases what is held; waits for a step in progress. Any thread. */
        void retire() {
            lock.lock();
            try {
                retired = true;
                releaseStore();
            } finally {
                lock.unlock();
            }
        }

        private void releaseStore() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a read-only descriptor: nothing was written through it
                }
                channel = null;
            }
            if (store != null) {
                SingleChronicleQueueStore s = store;
                store = null;
                if (!queue.isClosed()) {
                    queue.closeStore(s);
                }
            }
            seen = false;
            behind = false;
        }
    }
}
