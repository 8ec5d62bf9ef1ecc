package io.sluice.engine.runtime;

import io.sluice.engine.operator.RowSink;
import java.util.ArrayDeque;
import java.util.List;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * A push query's work in one task: reads its input partitions in turn, runs the operator tree, and
 * hands each result row to its consumer through a bounded single-producer queue. When the queue is
 * full it reads nothing (back-pressure) until the consumer takes rows. A stateless query gets a task
 * per partition; one with windows or aggregates reads every partition in one task, its watermark the
 * minimum over the partitions that are not idle. When every input has ended, the final watermark
 * flushes what is open and the task finishes.
 */
final class PushQueryTask extends Task {
    private static final int BATCH = 256;

    private final List<InputPartition> inputs;
    private final List<Long> startAfter;
    private final OperatorTree tree;
    final OneToOneConcurrentArrayQueue<Object[]> queue;
    /** Rows produced while the queue was full (a window firing can emit many at once). */
    private final ArrayDeque<Object[]> pending;
    private long watermark = Long.MIN_VALUE;
    private int next;

    PushQueryTask(String name, List<InputPartition> inputs, List<Long> startAfter, OperatorTree tree,
                  OneToOneConcurrentArrayQueue<Object[]> queue, ArrayDeque<Object[]> pending) {
        super(name);
        this.pending = pending;
        this.inputs = inputs;
        this.startAfter = startAfter;
        this.tree = tree;
        this.queue = queue;
        for (InputPartition in : inputs) {
            in.listener(this::advanced);
        }
    }

    @Override
    protected void onStart() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).open(startAfter.get(i), now);
        }
    }

    private void advanced(InputPartition changed) {
        long min = Long.MAX_VALUE;
        long maxIdle = Long.MIN_VALUE;
        boolean any = false;
        boolean allEnded = true;
        long now = System.currentTimeMillis();
        for (int i = 0; i < inputs.size(); i++) { // indexed: runs every step, so no iterator
            InputPartition in = inputs.get(i);
            if (in.ended()) {
                continue;
            }
            allEnded = false;
            if (in != changed && in.idle(now)) {
                maxIdle = Math.max(maxIdle, in.watermark()); // see WriterWatermarks#combined
                continue;
            }
            min = Math.min(min, in.watermark());
            any = true;
        }
        if (!any) {
            min = allEnded ? Long.MAX_VALUE : maxIdle;
        }
        if (min > watermark) {
            watermark = min;
            tree.watermark(min);
        }
    }

    /** The sink at the top of a push query's operator tree: rows to the consumer's queue, in order. */
    static RowSink sink(OneToOneConcurrentArrayQueue<Object[]> queue, ArrayDeque<Object[]> pending) {
        return sink(queue, pending, false);
    }

    /**
     * Like {@link #sink(OneToOneConcurrentArrayQueue, ArrayDeque)}; with {@code withKinds} each row's
     * values are preceded by its kind's short name ({@code +I}, {@code -U}, {@code +U}, {@code -D}) as
     * element 0, for a query that streams a changelog.
     */
    static RowSink sink(OneToOneConcurrentArrayQueue<Object[]> queue, ArrayDeque<Object[]> pending,
                        boolean withKinds) {
        return row -> {
            Object[] values;
            if (withKinds) {
                int n = row.schema().size();
                values = new Object[n + 1];
                values[0] = row.kind().shortName();
                for (int i = 0; i < n; i++) {
                    values[i + 1] = row.getObject(i);
                }
            } else {
                values = row.toArray();
            }
            if (!pending.isEmpty() || !queue.offer(values)) {
                pending.add(values);
            }
        };
    }

    @Override
    protected int doWork(long nowMs) {
        int drained = 0;
        while (!pending.isEmpty() && queue.offer(pending.peekFirst())) {
            pending.pollFirst();
            drained++;
        }
        if (!pending.isEmpty()) {
            return drained;
        }
        int room = queue.remainingCapacity();
        if (room == 0) {
            return drained;
        }
        int n = 0;
        int count = inputs.size();
        for (int i = 0; i < count && n == 0; i++) {
            InputPartition in = inputs.get(next);
            next = next + 1 == count ? 0 : next + 1;
            n = in.poll(Math.min(room, BATCH));
            if (n > 0) {
                in.touched(nowMs);
            }
        }
        if (n == 0) {
            boolean allEnded = true;
            for (int i = 0; i < inputs.size(); i++) { // indexed: runs every step, so no iterator
                InputPartition in = inputs.get(i);
                allEnded &= in.ended();
            }
            if (allEnded) {
                finish();
                return 1;
            }
            if (count > 1) {
                advanced(null); // an input may have gone idle: the others may now move event time on
            }
        }
        return n + drained;
    }

    @Override
    protected void onClose() {
        for (InputPartition in : inputs) {
            in.close();
        }
    }
}
