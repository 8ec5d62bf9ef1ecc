package io.sluice.engine.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A unit of cooperative work: one pipeline's (or push query's) operator chain on one partition.
 * A {@link WorkerPool} worker calls {@link #doWork} over and over; a task never blocks the worker:
 * when it has nothing to do, or its output is full, it returns 0 and is called again later.
 *
 * <pre>
 * lifecycle:  NEW --(worker picks it up: onStart)--> RUNNING
 *             RUNNING --(cancel())--> CANCELLED      RUNNING --(finish())--> FINISHED
 *             NEW/RUNNING --(exception from onStart/doWork)--> FAILED
 *             every end state: the worker calls onClose() once, on its thread, then completes done()
 * </pre>
 */
public abstract class Task {
    /** Where a task is in its life (see the class comment). */
    public enum State { NEW, RUNNING, FINISHED, CANCELLED, FAILED }

    private final String name;
    private volatile State state = State.NEW;
    private volatile Throwable failure;
    private final CompletableFuture<State> done = new CompletableFuture<>();

    protected Task(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    public Throwable failure() {
        return failure;
    }

    /** Completes, with the end state, after {@link #onClose()} has run. */
    public CompletableFuture<State> done() {
        return done;
    }

    /** Asks the task to stop; it stops at its next turn on its worker. Any thread; idempotent. */
    public void cancel() {
        synchronized (this) {
            if (state == State.NEW || state == State.RUNNING) {
                state = State.CANCELLED;
            }
        }
    }

    /** Marks the task finished from within {@link #doWork} (e.g. a bounded input ended). */
    protected void finish() {
        synchronized (this) {
            if (state == State.RUNNING) {
                state = State.FINISHED;
            }
        }
    }

    boolean isEnded() {
        State s = state;
        return s == State.FINISHED || s == State.CANCELLED || s == State.FAILED;
    }

    /** Runs on the worker: once, before the first {@link #doWork}. Open readers here. */
    protected void onStart() {
    }

    /**
     * Does a bounded amount of work. Worker thread only.
     *
     * @param nowMs the worker's clock, {@link System#currentTimeMillis()} read once per cycle
     * @return how much work was done (0 lets the worker idle)
     */
    protected abstract int doWork(long nowMs);

    /** Runs on the worker, once, after the task ended in any state. Release readers and files here. */
    protected void onClose() {
    }

    // ---- called by the worker only

    final int step(long nowMs) {
        try {
            if (state == State.NEW) {
                synchronized (this) {
                    if (state == State.NEW) {
                        state = State.RUNNING;
                    }
                }
                if (state == State.RUNNING) {
                    onStart();
                }
            }
            return state == State.RUNNING ? doWork(nowMs) : 0;
        } catch (Throwable t) {
            fail(t);
            return 0;
        }
    }

    final void fail(Throwable t) {
        synchronized (this) {
            if (!isEnded()) {
                failure = t;
                state = State.FAILED;
            }
        }
    }

    final void close() {
        try {
            onClose();
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            }
        } finally {
            done.complete(state);
        }
    }

    @Override
    public String toString() {
        return name + "[" + state + "]";
    }
}
