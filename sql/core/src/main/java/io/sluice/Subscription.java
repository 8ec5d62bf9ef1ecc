package io.sluice;

import java.time.Duration;

/** A push query delivering rows to a callback (see {@link Sluice#subscribe}). */
public interface Subscription extends AutoCloseable {
    /** Stops delivery; no callback starts after this returns. Idempotent. */
    void cancel();

    /** Whether the query has ended (LIMIT reached, inputs exhausted, cancelled or failed). */
    boolean isDone();

    /** Waits until the query ends; false if it did not end in time. */
    boolean await(Duration timeout) throws InterruptedException;

    /** The failure that ended the query (including one thrown by the callback), or null. */
    Throwable failure();

    @Override
    void close();
}
