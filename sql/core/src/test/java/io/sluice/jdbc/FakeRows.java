package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.SluiceException;
import io.sluice.storage.row.RowKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a push query's rows that behaves as the {@link Rows} contract says: {@link #hasNext()}
 * blocks until a test thread {@link #push}es a row, {@link #end}s the rows, or someone cancels.
 */
final class FakeRows implements Rows {
    private static final Object END = new Object();

    private final List<ColumnInfo> columns;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch waiting = new CountDownLatch(1);
    private Object head;
    private volatile boolean cancelled;
    private volatile boolean done;

    FakeRows(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    FakeRows push(Object... values) {
        queue.add(new ListRow(columns, Arrays.asList(values)));
        return this;
    }

    FakeRows fail(RuntimeException e) {
        queue.add(e);
        return this;
    }

    FakeRows end() {
        queue.add(END);
        return this;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Waits until a reader has blocked in hasNext() on an empty queue. */
    boolean awaitReaderBlocked(long seconds) throws InterruptedException {
        return waiting.await(seconds, TimeUnit.SECONDS);
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
        if (head == null) {
            if (queue.isEmpty()) {
                waiting.countDown();
            }
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SluiceException(SluiceException.QUERY_CANCELED, "interrupted");
            }
        }
        if (head == END) {
            done = true;
            return false;
        }
        if (head instanceof RuntimeException e) {
            head = END;
            throw e;
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = (Row) head;
        head = null;
        return r;
    }

    @Override
    public Row poll(long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("the driver does not poll");
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public void cancel() {
        cancelled = true;
        queue.add(END);
    }

    @Override
    public void close() {
        cancel();
    }

    /** A row over a list of values, as the engine hands them out. */
    record ListRow(List<ColumnInfo> columns, List<Object> values) implements Row {
        @Override
        public int size() {
            return values.size();
        }

        @Override
        public RowKind kind() {
            return RowKind.INSERT;
        }

        @Override
        public Object get(int i) {
            return values.get(i);
        }

        @Override
        public Object get(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(column)) {
                    return values.get(i);
                }
            }
            throw new IllegalArgumentException(column);
        }

        @Override
        public boolean isNull(int i) {
            return values.get(i) == null;
        }

        @Override
        public String getString(int i) {
            return (String) get(i);
        }

        @Override
        public String getString(String column) {
            return (String) get(column);
        }

        @Override
        public long getLong(int i) {
            return ((Number) get(i)).longValue();
        }

        @Override
        public long getLong(String column) {
            return ((Number) get(column)).longValue();
        }

        @Override
        public int getInt(int i) {
            return ((Number) get(i)).intValue();
        }

        @Override
        public int getInt(String column) {
            return ((Number) get(column)).intValue();
        }

        @Override
        public double getDouble(int i) {
            return ((Number) get(i)).doubleValue();
        }

        @Override
        public double getDouble(String column) {
            return ((Number) get(column)).doubleValue();
        }

        @Override
        public boolean getBoolean(int i) {
            return (Boolean) get(i);
        }

        @Override
        public boolean getBoolean(String column) {
            return (Boolean) get(column);
        }

        @Override
        public BigDecimal getDecimal(int i) {
            return (BigDecimal) get(i);
        }

        @Override
        public BigDecimal getDecimal(String column) {
            return (BigDecimal) get(column);
        }

        @Override
        public LocalDateTime getTimestamp(int i) {
            return (LocalDateTime) get(i);
        }

        @Override
        public LocalDateTime getTimestamp(String column) {
            return (LocalDateTime) get(column);
        }
    }
}
