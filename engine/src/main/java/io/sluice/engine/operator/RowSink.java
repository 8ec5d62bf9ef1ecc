package io.sluice.engine.operator;

import io.sluice.storage.row.RowReader;

/**
 * Where an operator's output rows go: the next operator, a stream appender, or a push query's queue.
 * The row (its kind in the header) is valid only during the call; a sink that keeps it copies it.
 * Called on the task's thread.
 */
@FunctionalInterface
public interface RowSink {
    void accept(RowReader row);
}
