package io.sluice.engine.runtime;

import java.util.function.Consumer;

/**
 * Hands a push query's rows to a callback on a worker thread, one row at a time. Ends when the
 * query ends; a callback that throws fails this task and cancels the query.
 */
final class DeliveryTask extends Task {
    private static final int BATCH = 256;
    private final PushQuery query;
    private final Consumer<Object[]> consumer;

    DeliveryTask(String name, PushQuery query, Consumer<Object[]> consumer) {
        super(name);
        this.query = query;
        this.consumer = consumer;
    }

    @Override
    protected int doWork(long nowMs) {
        int n = 0;
        Object[] row;
        while (n < BATCH && (row = query.poll()) != null) {
            consumer.accept(row);
            n++;
        }
        if (n == 0 && query.isEnded()) {
            finish();
        }
        return n;
    }

    @Override
    protected void onClose() {
        query.cancel();
    }
}
