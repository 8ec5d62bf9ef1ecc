package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.SluiceException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;

/**
 * The rows of a statement's result, with the statement's limits applied: after {@code maxRows} rows
 * the query is cancelled and the cursor ends, as if the SELECT had that LIMIT. Cancelling (from
 * {@link java.sql.Statement#cancel()} or the query timeout) wakes a blocked {@link #advance()}, which
 * then returns false for a cancel and throws {@link SQLTimeoutException} for a timeout.
 */
final class RowsCursor implements Cursor {
    private final Rows rows;
    private final long maxRows;
    private long taken;
    private Row current;
    /** A row {@link #await} took from the query and {@link #advance()} has not handed out yet. */
    private Row pending;
    private volatile boolean cancelled;
    private volatile boolean timedOut;

    /**
     * @param maxRows the most rows to return, 0 for no limit
     */
    RowsCursor(Rows rows, long maxRows) {
        this.rows = rows;
        this.maxRows = maxRows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return rows.columns();
    }

    @Override
    public boolean advance() throws SQLException {
        current = null;
        if (maxRows > 0 && taken >= maxRows) {
            // The caller asked for no more: stop the push query instead of leaving it running.
            rows.cancel();
            return false;
        }
        if (pending != null) {
            current = pending;
            pending = null;
            taken++;
            return true;
        }
        if (!cancelled) {
            try {
                if (rows.hasNext()) {
                    current = rows.next();
                    taken++;
                    return true;
                }
            } catch (SluiceException e) {
                if (!cancelled) {
                    throw JdbcErrors.toSql(e);
                }
                // A query we cancelled may report that as an error; to the reader it is just the end.
            } catch (RuntimeException e) {
                if (!cancelled) {
                    throw new SQLException("Internal error while reading rows: " + e, SluiceException.INTERNAL_ERROR, e);
                }
            }
        }
        if (timedOut) {
            timedOut = false;
            throw new SQLTimeoutException("The query ran longer than its timeout and was cancelled", SluiceException.QUERY_CANCELED);
        }
        return false;
    }

    @Override
    public boolean await(long nanos) throws SQLException {
        if (pending != null || cancelled || (maxRows > 0 && taken >= maxRows)) {
            return true;
        }
        try {
            Row r = rows.poll(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (r != null) {
                pending = r;
                return true;
            }
            return rows.isDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (SluiceException e) {
            if (cancelled) {
                return true;
            }
            throw JdbcErrors.toSql(e);
        } catch (RuntimeException e) {
            if (cancelled) {
                return true;
            }
            throw new SQLException("Internal error while reading rows: " + e, SluiceException.INTERNAL_ERROR, e);
        }
    }

    @Override
    public Object value(int index) {
        return current.get(index);
    }

    @Override
    public void cancel() {
        cancelled = true;
        rows.cancel();
    }

    /** Cancels because the statement's query timeout expired: the reader gets an SQLTimeoutException. */
    void timeout() {
        timedOut = true;
        cancel();
    }
}
