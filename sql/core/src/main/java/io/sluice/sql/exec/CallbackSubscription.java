package io.sluice.sql.exec;

import io.sluice.Subscription;
import io.sluice.engine.runtime.PushQuery;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A push query whose rows a worker hands to a callback. */
final class CallbackSubscription implements Subscription {
    private final PushQuery query;

    CallbackSubscription(PushQuery query) {
        this.query = query;
    }

    @Override
    public void cancel() {
        query.cancel();
        if (Thread.currentThread().getName().startsWith("sluice-worker")) {
            return; // called from the callback itself: the delivery stops after it returns
        }
        try {
            // "no callback starts after this returns": wait for the delivery task to stop
            query.closed().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the query is cancelled either way; a slow callback just finishes its row
        }
    }

    @Override
    public boolean isDone() {
        return query.closed().isDone();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            query.closed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public Throwable failure() {
        return query.failure();
    }

    @Override
    public void close() {
        cancel();
    }
}
