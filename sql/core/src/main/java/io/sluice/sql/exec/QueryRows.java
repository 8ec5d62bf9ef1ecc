package io.sluice.sql.exec;

import io.sluice.ColumnInfo;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.engine.runtime.PushQuery;
import io.sluice.storage.row.RowKind;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The rows of a push query. The consuming thread waits for rows with a backoff (spin briefly, then
 * park up to a millisecond), so a waiting consumer costs little CPU and a new row is seen within
 * about a millisecond.
 */
final class QueryRows implements Rows {
    private final PushQuery query;
    private final List<ColumnInfo> columns;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 10, 1_000, 1_000_000);
    private Object[] pending;
    private volatile boolean cancelled;

    private final boolean changes;

    QueryRows(PushQuery query, List<ColumnInfo> columns) {
        this(query, columns, false);
    }

    /**
     * @param changes the query streams a changelog (EMIT CHANGES): each row's first value is its kind's
     *                short name, which also becomes the row's {@link Row#kind()}
     */
    QueryRows(PushQuery query, List<ColumnInfo> columns, boolean changes) {
        this.query = query;
        this.columns = columns;
        this.changes = changes;
    }

    /** The kind of an EMIT CHANGES row, from its first value ({@code +I}, {@code -U}, {@code +U}, {@code -D}). */
    static RowKind kindOf(Object[] values) {
        for (RowKind k : RowKind.values()) {
            if (k.shortName().equals(values[0])) {
                return k;
            }
        }
        throw new IllegalStateException("not a row kind: " + values[0]);
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean isContinuous() {
        return true;
    }

    @Override
    public boolean hasNext() {
        try {
            return await(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            return false;
        }
    }

    /** Waits until a row is pending (true), or the rows ended or the deadline passed (false). */
    private boolean await(long deadlineNanos) throws InterruptedException {
        if (pending != null) {
            return true;
        }
        idle.reset();
        while (!cancelled) {
            Object[] row = query.poll();
            if (row != null) {
                pending = row;
                return true;
            }
            if (query.isEnded()) {
                Throwable f = query.failure();
                if (f != null && !cancelled) {
                    throw Errors.fromRuntime(f);
                }
                return false;
            }
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            idle.idle();
        }
        return false;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the query has ended");
        }
        Row r = new ResultRow(columns, pending, changes ? kindOf(pending) : RowKind.INSERT);
        pending = null;
        return r;
    }

    @Override
    public Row poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = timeout == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(timeout);
        if (!await(deadline)) {
            return null;
        }
        Row r = new ResultRow(columns, pending, changes ? kindOf(pending) : RowKind.INSERT);
        pending = null;
        return r;
    }

    @Override
    public boolean isDone() {
        return pending == null && (cancelled || query.isEnded());
    }

    @Override
    public void cancel() {
        cancelled = true;
        query.cancel();
    }

    @Override
    public void close() {
        cancel();
    }
}
