package io.sluice.engine.table;

import io.sluice.engine.catalog.StreamDef;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.ControlRecord;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The current rows of one table (or materialized view): per partition, the last row of each primary
 * key (an updated key moves to the end of its partition's order). It follows the table's log:
 * {@link #catchUp} applies every record acknowledged since the last call (+I and +U set the key's
 * row; -D and -U remove it: a -U is normally followed at once by the key's +U, but one whose new row
 * was filtered out on its way here leaves the key without a row). Because every read catches up first
 * under this object's lock, a pull query sees every row acknowledged before it started.
 *
 * <p>Nothing of it is persisted: the log is the truth, and a new engine rebuilds the state on the
 * first read by reading the log from its start (so restart cost grows with the log; log compaction
 * is future work). Thread-safe: every method holds the lock; callers may hold it around several
 * calls with {@code synchronized (state)} (INSERT does, to read old rows and append atomically with
 * respect to other INSERTs into the table).
 */
public final class TableState {
    private static final int BATCH = 4096;

    private final StreamDef table;
    private final PartitionedLog log;
    private final int[] keyColumns;
    private final RowReader reader;
    private final RowWriter keyWriter;
    private final List<Map<Key, byte[]>> partitions = new ArrayList<>();
    private final long[] applied;
    private long bytes;

    /** A key's encoded columns (Sluice's row encoding is canonical: equal values, equal bytes). */
    private record Key(byte[] bytes, int hash) {
        static Key of(byte[] b) {
            return new Key(b, Arrays.hashCode(b));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    public TableState(StreamDef table, PartitionedLog log) {
        this.table = table;
        this.log = log;
        this.keyColumns = table.primaryKeyIndexes();
        this.reader = new RowReader(table.schema());
        List<Column> cols = new ArrayList<>();
        for (int k : keyColumns) {
            cols.add(table.schema().column(k));
        }
        this.keyWriter = new RowWriter(new RowSchema(cols));
        this.applied = new long[log.partitionCount()];
        Arrays.fill(applied, LogReader.NO_OFFSET);
        for (int p = 0; p < log.partitionCount(); p++) {
            partitions.add(new LinkedHashMap<>());
        }
    }

    public StreamDef table() {
        return table;
    }

    /** Applies every record acknowledged since the last call, in log order per partition. */
    public synchronized void catchUp() {
        for (int p = 0; p < applied.length; p++) {
            Map<Key, byte[]> rows = partitions.get(p);
            try (LogReader r = log.partition(p).openReader()) {
                r.seekAfter(applied[p]);
                while (r.poll((offset, buffer, index, length) -> {
                    if (!ControlRecord.isControl(buffer, index)) {
                        apply(rows, reader.wrap(buffer, index, length));
                    }
                }, BATCH) > 0) {
                    // read to the acknowledged end
                }
                applied[p] = r.lastOffset() == LogReader.NO_OFFSET ? applied[p] : r.lastOffset();
            }
        }
    }

    private void apply(Map<Key, byte[]> rows, RowReader row) {
        RowKind kind = row.kind();
        Key key = key(row);
        // -U removes like -D: usually a +U for the key follows at once, but a changelog that went
        // through a filter may hold a -U whose +U no longer matched (the row left the result)
        if (kind == RowKind.DELETE || kind == RowKind.UPDATE_BEFORE) {
            byte[] old = rows.remove(key);
            if (old != null) {
                bytes -= old.length + key.bytes.length;
            }
            return;
        }
        byte[] copy = new byte[row.length()];
        row.buffer().getBytes(row.offset(), copy);
        byte[] old = rows.put(key, copy);
        bytes += copy.length - (old == null ? -key.bytes.length : old.length);
    }

    private Key key(RowReader row) {
        keyWriter.begin(RowKind.INSERT);
        for (int i = 0; i < keyColumns.length; i++) {
            keyWriter.copy(row, keyColumns[i], i);
        }
        byte[] b = new byte[keyWriter.length()];
        keyWriter.buffer().getBytes(0, b);
        return Key.of(b);
    }

    /**
     * The current row of {@code row}'s key (a row of this table's schema), as bytes whose header says
     * +I or +U, or null. Reads what was caught up; call {@link #catchUp} first for the latest.
     */
    public synchronized byte[] current(RowReader row) {
        int p = partitionOf(row);
        return partitions.get(p).get(key(row));
    }

    /** The key bytes of a row of this table: equal for rows of the same primary key. */
    public synchronized byte[] keyBytes(RowReader row) {
        return key(row).bytes.clone();
    }

    private int partitionOf(RowReader row) {
        int keyIndex = table.keyIndex();
        return keyIndex < 0 || applied.length == 1 ? 0
                : io.sluice.storage.row.Hashing.partition(row.hashField(keyIndex), applied.length);
    }

    /**
     * Catches up, then hands every current row to {@code sink} (partition by partition, keys in the
     * order they first appeared), as a row of the table's schema valid during the call.
     */
    public synchronized void scan(Consumer<RowReader> sink) {
        catchUp();
        RowReader out = new RowReader(table.schema());
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        for (Map<Key, byte[]> rows : partitions) {
            for (byte[] b : rows.values()) {
                buffer.wrap(b);
                sink.accept(out.wrap(buffer, 0, b.length));
            }
        }
    }

    /** How many keys have a row (after the last catch-up). */
    public synchronized long size() {
        long n = 0;
        for (Map<Key, byte[]> rows : partitions) {
            n += rows.size();
        }
        return n;
    }

    /** A rough size of the rows held, in bytes. */
    public synchronized long bytes() {
        return bytes;
    }
}
