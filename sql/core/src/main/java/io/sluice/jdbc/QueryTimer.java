package io.sluice.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cancels push queries whose statement set a query timeout. One daemon thread for the JVM, created on
 * the first timeout, so that drivers that never see a timeout start no thread.
 */
final class QueryTimer {
    private QueryTimer() {
    }

    private static final class Holder {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-jdbc-query-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code onTimeout} on the timer thread after {@code seconds}, unless the returned future is cancelled first. */
    static ScheduledFuture<?> schedule(Runnable onTimeout, int seconds) {
        return Holder.TIMER.schedule(onTimeout, seconds, TimeUnit.SECONDS);
    }
}
