package io.sluice.engine.runtime;

import io.sluice.storage.row.RowSchema;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A running push query: one task per partition of its stream, each filling its own bounded queue.
 * The consumer side ({@link #poll}) is for one thread; {@link #cancel} may come from any thread.
 * The query ends when it is cancelled, when {@code limit} rows have been taken, or when a task fails.
 */
public final class PushQuery {
    private final String stream;
    private final RowSchema schema;
    private final List<PushQueryTask> tasks;
    private volatile Throwable aborted;
    private final long limit;
    private long taken;
    private int next;
    private volatile boolean cancelled;
    private volatile Task delivery;

    PushQuery(String stream, RowSchema schema, List<PushQueryTask> tasks, long limit) {
        this.stream = stream;
        this.schema = schema;
        this.tasks = tasks;
        this.limit = limit;
    }

    public RowSchema schema() {
        return schema;
    }

    /**
     * The next row (values in internal representation), or null if none is ready now. Never blocks.
     * Rows of one partition come in order; partitions are interleaved.
     */
    public Object[] poll() {
        if (cancelled || taken >= limit) {
            return null;
        }
        int n = tasks.size();
        for (int i = 0; i < n; i++) {
            PushQueryTask t = tasks.get(next);
            next = next + 1 == n ? 0 : next + 1;
            Object[] row = t.queue.poll();
            if (row != null) {
                if (++taken >= limit) {
                    stopTasks();
                }
                return row;
            }
        }
        return null;
    }

    /** True when no row will come any more (see the class comment). */
    public boolean isEnded() {
        if (cancelled || taken >= limit || failure() != null) {
            return true;
        }
        for (int i = 0; i < tasks.size(); i++) { // indexed: asked every step, so no iterator
            PushQueryTask t = tasks.get(i);
            if (!t.isEnded() || !t.queue.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Sets the task that hands rows to a callback, whose failure ends the query too. */
    void delivery(Task task) {
        this.delivery = task;
    }

    /** The error that stopped a task (or the callback of a subscription), or null. */
    public Throwable failure() {
        Throwable a = aborted;
        if (a != null) {
            return a;
        }
        Task d = delivery;
        if (d != null && d.state() == Task.State.FAILED) {
            return d.failure();
        }
        for (int i = 0; i < tasks.size(); i++) {
            PushQueryTask t = tasks.get(i);
            if (t.state() == Task.State.FAILED) {
                return t.failure();
            }
        }
        return null;
    }

    /** The stream the query reads. */
    public String stream() {
        return stream;
    }

    /** Ends the query with an error its consumer sees (e.g. its stream was dropped). Any thread. */
    public void abort(Throwable reason) {
        aborted = reason;
        stopTasks();
    }

    /** Stops the query. Any thread; idempotent. */
    public void cancel() {
        cancelled = true;
        stopTasks();
    }

    private void stopTasks() {
        tasks.forEach(Task::cancel);
    }

    /** Completes when every task has stopped and released its reader. */
    public CompletableFuture<Void> closed() {
        List<CompletableFuture<Task.State>> all = new java.util.ArrayList<>();
        tasks.forEach(t -> all.add(t.done()));
        Task d = delivery;
        if (d != null) {
            all.add(d.done());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }
}
