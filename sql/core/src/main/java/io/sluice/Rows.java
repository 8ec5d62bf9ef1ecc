package io.sluice;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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

    /**
     * These rows as a sequential {@link Stream}, pulled one at a time as the stream's pipeline asks for
     * them: nothing is buffered, and a push query's stream is endless until its LIMIT (use
     * {@code limit}, {@code takeWhile} or a short-circuiting terminal operation). Closing the stream
     * closes these rows, which stops the query; use it in try-with-resources:
     *
     * <pre>{@code
     * try (Stream<Row> big = sluice.query("SELECT id, amount FROM orders").stream()) {
     *     big.filter(r -> r.getDouble("amount") > 100).limit(10).forEach(System.out::println);
     * }
     * }</pre>
     *
     * Consume it on one thread, like the iterator it wraps; an error of the running query is thrown
     * from the operation that pulls the next row, as a {@link SluiceException}.
     */
    default Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }
}
