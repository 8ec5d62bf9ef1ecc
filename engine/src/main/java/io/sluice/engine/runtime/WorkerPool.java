package io.sluice.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * A fixed set of worker threads, each an Agrona {@link AgentRunner} running many {@link Task}s in
 * turn. Tasks are placed on the worker with the fewest tasks; a task stays on its worker for life, so
 * its readers and state are touched by one thread. When a cycle finds no work the worker idles with a
 * backoff (spin, yield, then park up to a millisecond).
 *
 * <p>The engine has one pool of workers ({@code sluice-worker-N}) and, when configured, a second one of
 * source threads ({@code sluice-source-N}) that runs only connector source tasks (see {@link TaskRuntime}).
 */
public final class WorkerPool implements AutoCloseable {
    private final List<Worker> workers = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private volatile boolean closed;

    /** A pool of {@code threads} workers named {@code sluice-worker-N}. */
    public WorkerPool(int threads, ErrorHandler errorHandler) {
        this("sluice-worker-", threads, errorHandler);
    }

    /**
     * A pool of {@code threads} (at least one) threads named {@code namePrefix + N}, started at once.
     *
     * @param errorHandler called on the pool's thread with what escaped a task's step
     */
    public WorkerPool(String namePrefix, int threads, ErrorHandler errorHandler) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool has at least one thread, was " + threads);
        }
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(namePrefix + i);
            IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
            AgentRunner runner = new AgentRunner(idle, errorHandler, null, w);
            workers.add(w);
            runners.add(runner);
            AgentRunner.startOnThread(runner);
        }
    }

    public int size() {
        return workers.size();
    }

    /** Tasks scheduled and not yet ended and closed, over all workers. */
    public int runningTasks() {
        int n = 0;
        for (Worker w : workers) {
            n += w.load.get();
        }
        return n;
    }

    /** Schedules a task; it starts on its worker's next cycle. */
    public void submit(Task task) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        Worker target = workers.get(0);
        for (Worker w : workers) {
            if (w.load.get() < target.load.get()) {
                target = w;
            }
        }
        target.load.incrementAndGet();
        while (!target.incoming.offer(task)) {
            Thread.onSpinWait();
        }
    }

    /** Cancels every task and stops the threads, waiting for each task's onClose. */
    @Override
    public void close() {
        closed = true;
        for (AgentRunner r : runners) {
            r.close();
        }
    }

    /** Runs its tasks round robin; owns them from submit to close. */
    private static final class Worker implements Agent {
        private final String name;
        final ManyToOneConcurrentArrayQueue<Task> incoming = new ManyToOneConcurrentArrayQueue<>(1024);
        final AtomicInteger load = new AtomicInteger();
        private final ArrayList<Task> tasks = new ArrayList<>();
        /** Made once: a bound method reference written inline allocates on every cycle, idle ones too. */
        private final java.util.function.Consumer<Task> adopt = tasks::add;

        Worker(String name) {
            this.name = name;
        }

        @Override
        public int doWork() {
            int work = incoming.drain(adopt);
            long now = System.currentTimeMillis();
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                work += t.step(now);
                if (t.isEnded()) {
                    tasks.remove(i--);
                    load.decrementAndGet();
                    t.close();
                    work++;
                }
            }
            return work;
        }

        @Override
        public void onClose() {
            incoming.drain(adopt);
            for (Task t : tasks) {
                t.cancel();
                t.close();
            }
            tasks.clear();
        }

        @Override
        public String roleName() {
            return name;
        }
    }
}
