package io.sluice.sql.exec;

import io.sluice.ColumnInfo;
import io.sluice.Row;
import io.sluice.Rows;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/** The finite rows of SHOW, DESCRIBE and EXPLAIN: all present from the start. */
final class ListRows implements Rows {
    private final List<ColumnInfo> columns;
    private final List<Row> rows;
    private int next;
    private volatile boolean closed;

    ListRows(List<ColumnInfo> columns, List<Row> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean isContinuous() {
        return false;
    }

    @Override
    public boolean hasNext() {
        return !closed && next < rows.size();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return rows.get(next++);
    }

    @Override
    public Row poll(long timeout, TimeUnit unit) {
        return hasNext() ? next() : null;
    }

    @Override
    public boolean isDone() {
        return !hasNext();
    }

    @Override
    public void cancel() {
        closed = true;
    }

    @Override
    public void close() {
        cancel();
    }
}
