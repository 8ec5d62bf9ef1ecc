package io.sluice;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rows of a statement's result. For a push query ({@link #isContinuous()}) they keep coming as
 * the query's streams receive rows: {@link #hasNext()} blocks until the next row arrives, and returns
 * false only when the query ends (its LIMIT is reached, every input is bounded and exhausted, or it
 * is cancelled). For SHOW, DESCRIBE and EXPLAIN the rows are finite and all there.
 *
 * <p>Iterate on one thread; {@link #cancel()} and {@link #close()} may be called from any thread,
 * and wake a blocked {@code hasNext}. Closing releases everything the query holds on the engine.
 */
public interface Rows extends Iterator<Row>, AutoCloseable {
    List<ColumnInfo> columns();

    /** Whether these are the rows of a push query, which follows its streams. */
    boolean isContinuous();

    /**
     * Blocks until a row is available (true) or the rows have ended (false).
     *
     * @throws SluiceException if the query failed while running
     */
    @Override
    boolean hasNext();

    /** The next row, blocking like {@link #hasNext()}. */
    @Override
    Row next();

    /**
     * The next row, waiting at most this long; null when none arrived in time or the rows ended
     * (tell them apart with {@link #isDone()}).
     */
    Row poll(long timeout, TimeUnit unit) throws InterruptedException;

    /** True once the rows have ended and every row was taken. */
    boolean isDone();

    /** Stops the query; rows not yet taken are dropped. Idempotent. */
    void cancel();

    /** Same as {@link #cancel()}. */
    @Override
    void close();
}
