package io.sluice.engine.runtime;

import io.sluice.engine.operator.CalcChain;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.RowReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * A push query on one partition: reads from its start position, runs the Calc chain, and hands each
 * result row to its consumer through a bounded single-producer queue. When the queue is full it
 * reads nothing (back-pressure) until the consumer takes rows.
 */
final class PushQueryTask extends Task implements RecordHandler {
    private static final int BATCH = 256;

    private final PartitionLog input;
    private final long startAfter;
    private final RowReader inRow;
    private final CalcChain chain;
    final OneToOneConcurrentArrayQueue<Object[]> queue;
    private LogReader reader;

    PushQueryTask(String name, PartitionLog input, long startAfter, RowReader inRow, CalcChain chain, int capacity) {
        super(name);
        this.input = input;
        this.startAfter = startAfter;
        this.inRow = inRow;
        this.chain = chain;
        this.queue = new OneToOneConcurrentArrayQueue<>(capacity);
    }

    @Override
    protected void onStart() {
        reader = input.openReader();
        reader.seekAfter(startAfter);
    }

    @Override
    protected int doWork(long nowMs) {
        int room = queue.remainingCapacity();
        return room == 0 ? 0 : reader.poll(this, Math.min(room, BATCH));
    }

    @Override
    public void onRecord(long offset, DirectBuffer buffer, int index, int length) {
        if (ControlRecord.isControl(buffer, index)) {
            return; // signals matter to stateful operators; a stateless push query passes rows only
        }
        RowReader out = chain.apply(inRow.wrap(buffer, index, length));
        if (out != null) {
            queue.offer(out.toArray());
        }
    }

    @Override
    protected void onClose() {
        if (reader != null) {
            reader.close();
        }
    }
}
