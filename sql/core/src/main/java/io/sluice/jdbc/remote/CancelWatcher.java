package io.sluice.jdbc.remote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns Avatica's client-side cancel flag into a stop on the server. Avatica's {@code Statement.cancel()}
 * sets a flag and nothing else, and a thread blocked in {@code next()} or one that never calls it again
 * would leave the query running on the server. The watcher, one daemon thread per JVM that runs only while
 * some remote result is being read, looks at the flags of the results being read every
 * {@link #PERIOD_MILLIS} ms and closes the iterator (and so the server statement) of each one cancelled.
 */
final class CancelWatcher {
    static final CancelWatcher INSTANCE = new CancelWatcher();
    static final long PERIOD_MILLIS = 25;

    private final Map<LiveRemoteMeta.LiveIterator, AtomicBoolean> watched = new ConcurrentHashMap<>();
    private Thread thread;

    private CancelWatcher() {
    }

    void watch(LiveRemoteMeta.LiveIterator iterator, AtomicBoolean cancelFlag) {
        watched.put(iterator, cancelFlag);
        synchronized (this) {
            if (thread == null) {
                thread = new Thread(this::run, "sluice-remote-cancel");
                thread.setDaemon(true);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
        }
    }

    void forget(LiveRemoteMeta.LiveIterator iterator) {
        watched.remove(iterator);
    }

    private void run() {
        while (true) {
            if (watched.isEmpty()) {
                // Nothing to watch: sleep until watch() wakes us (or a minute passes, harmlessly).
                LockSupport.parkNanos(this, TimeUnit.MINUTES.toNanos(1));
                continue;
            }
            for (Map.Entry<LiveRemoteMeta.LiveIterator, AtomicBoolean> e : watched.entrySet()) {
                if (e.getValue().get()) {
                    watched.remove(e.getKey());
                    e.getKey().close();
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
        }
    }
}
