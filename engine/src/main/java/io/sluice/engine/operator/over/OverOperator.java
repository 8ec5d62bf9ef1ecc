package io.sluice.engine.operator.over;

import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.agg.GroupKey;
import io.sluice.engine.operator.rank.RowOrder;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.OverNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Aggregates OVER a frame of rows (the modes and their output are described on {@link OverNode}).
 * Called on the task's thread only.
 *
 * <p>Event time: held rows wait in a map by time (rows of one time in arrival order); a watermark
 * emits them in time order, each after looking up its partition: a sliding frame (ROWS n PRECEDING)
 * is recomputed from the partition's last n rows, an unbounded one adds the row to the partition's
 * running aggregates. With RANGE, all rows of one time are added to their partitions first, then
 * emitted, so peers share one result.
 *
 * <p>Changelog: each partition's rows are a list sorted by the order keys and then by the rows' bytes;
 * an input row is inserted at its place or its equal removed, and the results of the rows after it
 * whose frames hold it are recomputed (sliding: from their frames' rows; unbounded: one pass from the
 * change with a running prefix). A result that did not change is not emitted. Each row keeps its last
 * output, which is what a retraction sends. Insertion and removal shift the list, which is cheap for
 * the partition sizes OVER is used with; an unbounded frame costs a pass over the rest of the
 * partition per change.
 *
 * <p>Partitions are kept in insertion-ordered maps, snapshotted and restored in that order, so a replay
 * from a checkpoint emits the same rows in the same order.
 */
public final class OverOperator extends Operator {
    private static final int ROW_OVERHEAD = 16;
    private static final int PARTITION_OVERHEAD = 64;

    private final OverNode.Mode mode;
    private final long preceding;
    private final boolean range;
    private final int timeColumn;
    private final int[] partitionKeys;
    private final int columns;
    private final RowOrder order;
    private final FrameAggregates aggs;
    private final FrameAggregates.Acc scratch;
    private final RowWriter keyWriter;
    private final GroupKey.Probe probe = new GroupKey.Probe();
    private final RowReader a;
    private final RowReader b;
    private final UnsafeBuffer aBuffer = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer bBuffer = new UnsafeBuffer(new byte[0]);
    private final RowWriter outWriter;
    private final RowReader outReader;
    private final ExpandableArrayBuffer emitBuffer = new ExpandableArrayBuffer(256);
    private final RowReader emitReader;

    /** EVENT_TIME: rows waiting for the watermark, by event time, each time's rows in arrival order. */
    private final TreeMap<Long, List<byte[]>> pending = new TreeMap<>();
    /** EVENT_TIME: per partition key, its last rows (sliding) or running aggregates (unbounded). */
    private final LinkedHashMap<GroupKey, Part> parts = new LinkedHashMap<>();
    /** CHANGELOG: per partition key, its live rows in order, each with its last output. */
    private final LinkedHashMap<GroupKey, ArrayList<Entry>> sorted = new LinkedHashMap<>();

    private long watermark = Long.MIN_VALUE;
    private long stateBytes;

    private static final class Part {
        final ArrayDeque<byte[]> last = new ArrayDeque<>();
        FrameAggregates.Acc acc;
    }

    private static final class Entry {
        final byte[] in;
        byte[] out;

        Entry(byte[] in) {
            this.in = in;
        }

        long bytes() {
            return 2L * ROW_OVERHEAD + in.length + (out == null ? 0 : out.length);
        }
    }

    public OverOperator(OverNode node) {
        this.mode = node.mode();
        this.preceding = node.preceding();
        this.range = node.range();
        this.timeColumn = node.orderKeys()[0];
        this.partitionKeys = node.partitionKeys();
        RowSchema in = node.input().schema();
        this.columns = in.size();
        this.order = new RowOrder(in, node.orderKeys(), node.descending(), node.nullsLast());
        this.aggs = new FrameAggregates(node.calls(), in);
        this.scratch = aggs.newAcc();
        List<Column> keyColumns = new ArrayList<>();
        for (int k : partitionKeys) {
            keyColumns.add(in.column(k));
        }
        this.keyWriter = new RowWriter(new RowSchema(keyColumns));
        this.a = new RowReader(in);
        this.b = new RowReader(in);
        this.outWriter = new RowWriter(node.schema());
        this.outReader = new RowReader(node.schema());
        this.emitReader = new RowReader(node.schema());
    }

    @Override
    public void onRow(int input, RowReader row) {
        if (mode == OverNode.Mode.EVENT_TIME) {
            if (row.kind() != RowKind.INSERT) {
                throw new IllegalStateException("an event-time OVER needs append-only input, got a "
                        + row.kind().shortName() + " row");
            }
            if (row.isNull(timeColumn) || row.getLong(timeColumn) <= watermark) {
                late(row); // its place in time has been emitted past already (or it has none)
                return;
            }
            byte[] copy = copy(row);
            pending.computeIfAbsent(row.getLong(timeColumn), t -> new ArrayList<>()).add(copy);
            stateBytes += ROW_OVERHEAD + copy.length;
            return;
        }
        RowKind kind = row.kind();
        if (kind == RowKind.UPDATE_BEFORE || kind == RowKind.DELETE) {
            remove(row);
        } else {
            insert(row);
        }
    }

    private static byte[] copy(RowReader row) {
        byte[] copy = new byte[row.length()];
        row.buffer().getBytes(row.offset(), copy);
        return copy;
    }

    private static RowReader wrap(RowReader reader, UnsafeBuffer buffer, byte[] bytes) {
        buffer.wrap(bytes);
        return reader.wrap(buffer, 0, bytes.length);
    }

    private void probe(RowReader row) {
        probe.wrapKey(keyWriter, row, partitionKeys);
    }

    // ---- event time

    @Override
    public void onWatermark(long wm) {
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        while (!pending.isEmpty() && pending.firstKey() <= wm) {
            List<byte[]> rows = pending.pollFirstEntry().getValue();
            if (range) {
                // peers (one time, one partition) share the result over all of them
                for (byte[] bytes : rows) {
                    RowReader r = wrap(a, aBuffer, bytes);
                    aggs.add(part(r).acc, r);
                }
                for (byte[] bytes : rows) {
                    RowReader r = wrap(a, aBuffer, bytes);
                    emit(r, part(r).acc, RowKind.INSERT);
                    stateBytes -= ROW_OVERHEAD + bytes.length;
                }
                continue;
            }
            for (byte[] bytes : rows) {
                emitInTime(bytes);
            }
        }
    }

    private void emitInTime(byte[] bytes) {
        RowReader r = wrap(a, aBuffer, bytes);
        Part p = part(r);
        if (preceding < 0) {
            aggs.add(p.acc, r);
            emit(r, p.acc, RowKind.INSERT);
            stateBytes -= ROW_OVERHEAD + bytes.length;
            return;
        }
        aggs.reset(scratch);
        for (byte[] prev : p.last) {
            aggs.add(scratch, wrap(b, bBuffer, prev));
        }
        aggs.add(scratch, r);
        emit(r, scratch, RowKind.INSERT);
        if (preceding == 0) {
            stateBytes -= ROW_OVERHEAD + bytes.length;
            return;
        }
        p.last.addLast(bytes); // stays counted: it moves from the held rows to the partition's last rows
        if (p.last.size() > preceding) {
            stateBytes -= ROW_OVERHEAD + p.last.pollFirst().length;
        }
    }

    /** The event-time state of the row's partition, created when first seen. */
    private Part part(RowReader row) {
        probe(row);
        Part p = parts.get(probe);
        if (p == null) {
            p = new Part();
            if (preceding < 0) {
                p.acc = aggs.newAcc();
            }
            GroupKey key = probe.copy();
            parts.put(key, p);
            stateBytes += partBytes(key);
        }
        return p;
    }

    private long partBytes(GroupKey key) {
        return PARTITION_OVERHEAD + key.bytes().length + (preceding < 0 ? aggs.bytes() : 0);
    }

    private void emit(RowReader row, FrameAggregates.Acc acc, RowKind kind) {
        write(row, acc, kind);
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    private void write(RowReader row, FrameAggregates.Acc acc, RowKind kind) {
        outWriter.begin(kind);
        for (int i = 0; i < columns; i++) {
            outWriter.copy(row, i, i);
        }
        aggs.write(acc, outWriter, columns);
    }

    // ---- changelog

    private void insert(RowReader row) {
        probe(row);
        ArrayList<Entry> list = sorted.get(probe);
        if (list == null) {
            GroupKey key = probe.copy();
            list = new ArrayList<>();
            sorted.put(key, list);
            stateBytes += PARTITION_OVERHEAD + key.bytes().length;
        }
        // first position whose row sorts strictly after the new one
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(wrap(a, aBuffer, list.get(mid).in), row) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Entry e = new Entry(copy(row));
        aBuffer.wrap(e.in);
        RowWriter.stampKindAndTag(aBuffer, 0, RowKind.INSERT, 0); // stored as a row, whatever change brought it
        list.add(lo, e);
        stateBytes += e.bytes(); // its output is counted when refresh writes it
        int from = range ? firstPeer(list, lo) : lo;
        int to = preceding < 0 ? list.size() - 1 : (int) Math.min(list.size() - 1, lo + preceding);
        refresh(list, from, to, lo);
    }

    private void remove(RowReader row) {
        probe(row);
        ArrayList<Entry> list = sorted.get(probe);
        if (list == null) {
            return; // retracting a row never seen: nothing to undo
        }
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(wrap(a, aBuffer, list.get(mid).in), row) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == list.size() || compare(wrap(a, aBuffer, list.get(lo).in), row) != 0) {
            return;
        }
        Entry e = list.remove(lo);
        stateBytes -= e.bytes();
        emitStored(e.out, RowKind.DELETE);
        if (list.isEmpty()) {
            GroupKey key = probe.copy();
            sorted.remove(key);
            stateBytes -= PARTITION_OVERHEAD + key.bytes().length;
            return;
        }
        if (preceding == 0 || lo == list.size() && !range) {
            return; // no other frame held it
        }
        int from = lo;
        if (range) {
            // the removed row's peers now start where the first row that ties with it is
            RowReader removed = wrap(b, bBuffer, e.in);
            while (from > 0 && order.compare(wrap(a, aBuffer, list.get(from - 1).in), removed) == 0) {
                from--;
            }
        }
        int to = preceding < 0 ? list.size() - 1 : (int) Math.min(list.size() - 1, lo + preceding - 1);
        if (from <= to) {
            refresh(list, from, to, -1);
        }
    }

    /** The first position of the rows that tie with position {@code i} on the order keys. */
    private int firstPeer(List<Entry> list, int i) {
        RowReader row = wrap(b, bBuffer, list.get(i).in);
        int p = i;
        while (p > 0 && order.compare(wrap(a, aBuffer, list.get(p - 1).in), row) == 0) {
            p--;
        }
        return p;
    }

    /** Order keys first, then the row's bytes after the header: a total order that arrival cannot change. */
    private int compare(RowReader stored, RowReader row) {
        int c = order.compare(stored, row);
        if (c != 0) {
            return c;
        }
        return compareBytes(stored.buffer(), stored.offset(), stored.length(), row.buffer(), row.offset(),
                row.length());
    }

    private static int compareBytes(DirectBuffer x, int xo, int xl, DirectBuffer y, int yo, int yl) {
        int n = Math.min(xl, yl);
        for (int i = RowSchema.HEADER_LENGTH; i < n; i++) {
            int c = Integer.compare(x.getByte(xo + i) & 0xff, y.getByte(yo + i) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(xl, yl);
    }

    /**
     * Recomputes the results of positions {@code from..to} and emits what changed: +I for
     * {@code added} (the row just inserted), -U/+U for the others whose result differs.
     */
    private void refresh(List<Entry> list, int from, int to, int added) {
        if (preceding >= 0) {
            for (int q = from; q <= to; q++) {
                aggs.reset(scratch);
                for (int j = (int) Math.max(0, q - preceding); j <= q; j++) {
                    aggs.add(scratch, wrap(b, bBuffer, list.get(j).in));
                }
                update(list.get(q), q == added);
            }
            return;
        }
        aggs.reset(scratch);
        for (int j = 0; j < from; j++) {
            aggs.add(scratch, wrap(b, bBuffer, list.get(j).in));
        }
        int q = from;
        while (q <= to) {
            int end = q;
            if (range) {
                RowReader first = wrap(b, bBuffer, list.get(q).in);
                while (end + 1 < list.size() && order.compare(wrap(a, aBuffer, list.get(end + 1).in), first) == 0) {
                    end++;
                }
            }
            for (int j = q; j <= end; j++) {
                aggs.add(scratch, wrap(b, bBuffer, list.get(j).in));
            }
            for (int j = q; j <= end; j++) {
                update(list.get(j), j == added);
            }
            q = end + 1;
        }
    }

    /** Writes the entry's row with the aggregates in {@link #scratch}; emits it if new or changed. */
    private void update(Entry e, boolean added) {
        write(wrap(a, aBuffer, e.in), scratch, added ? RowKind.INSERT : RowKind.UPDATE_AFTER);
        if (!added) {
            if (sameResult(e.out)) {
                return;
            }
            emitStored(e.out, RowKind.UPDATE_BEFORE);
        }
        byte[] next = new byte[outWriter.length()];
        outWriter.buffer().getBytes(0, next);
        stateBytes += next.length - (e.out == null ? 0 : e.out.length);
        e.out = next;
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    private boolean sameResult(byte[] before) {
        int n = outWriter.length();
        if (n != before.length) {
            return false;
        }
        for (int i = RowSchema.HEADER_LENGTH; i < n; i++) {
            if (outWriter.buffer().getByte(i) != before[i]) {
                return false;
            }
        }
        return true;
    }

    private void emitStored(byte[] bytes, RowKind kind) {
        emitBuffer.putBytes(0, bytes);
        RowWriter.stampKindAndTag(emitBuffer, 0, kind, 0);
        out.accept(emitReader.wrap(emitBuffer, 0, bytes.length));
    }

    // ---- state

    @Override
    public void snapshot(StateWriter w) {
        w.putLong(watermark).putLong(lateRows());
        if (mode == OverNode.Mode.EVENT_TIME) {
            w.putInt(pending.size());
            for (Map.Entry<Long, List<byte[]>> e : pending.entrySet()) {
                w.putLong(e.getKey());
                w.putInt(e.getValue().size());
                for (byte[] row : e.getValue()) {
                    w.putBytes(row);
                }
            }
            w.putInt(parts.size());
            for (Map.Entry<GroupKey, Part> e : parts.entrySet()) {
                w.putBytes(e.getKey().bytes());
                if (preceding < 0) {
                    aggs.snapshot(e.getValue().acc, w);
                } else {
                    w.putInt(e.getValue().last.size());
                    for (byte[] row : e.getValue().last) {
                        w.putBytes(row);
                    }
                }
            }
            return;
        }
        w.putInt(sorted.size());
        for (Map.Entry<GroupKey, ArrayList<Entry>> e : sorted.entrySet()) {
            w.putBytes(e.getKey().bytes());
            w.putInt(e.getValue().size());
            for (Entry row : e.getValue()) {
                w.putBytes(row.in);
                w.putBytes(row.out);
            }
        }
    }

    @Override
    public void restore(StateReader r) {
        watermark = r.getLong();
        restoreLateRows(r.getLong());
        pending.clear();
        parts.clear();
        sorted.clear();
        stateBytes = 0;
        if (mode == OverNode.Mode.EVENT_TIME) {
            int times = r.getInt();
            for (int i = 0; i < times; i++) {
                long t = r.getLong();
                int n = r.getInt();
                List<byte[]> rows = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    byte[] row = r.getBytes();
                    rows.add(row);
                    stateBytes += ROW_OVERHEAD + row.length;
                }
                pending.put(t, rows);
            }
            int n = r.getInt();
            for (int i = 0; i < n; i++) {
                GroupKey key = new GroupKey(r.getBytes());
                Part p = new Part();
                if (preceding < 0) {
                    p.acc = aggs.restore(r);
                } else {
                    int size = r.getInt();
                    for (int k = 0; k < size; k++) {
                        byte[] row = r.getBytes();
                        p.last.addLast(row);
                        stateBytes += ROW_OVERHEAD + row.length;
                    }
                }
                parts.put(key, p);
                stateBytes += partBytes(key);
            }
            return;
        }
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            GroupKey key = new GroupKey(r.getBytes());
            int size = r.getInt();
            ArrayList<Entry> list = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                Entry e = new Entry(r.getBytes());
                e.out = r.getBytes();
                list.add(e);
                stateBytes += e.bytes();
            }
            sorted.put(key, list);
            stateBytes += PARTITION_OVERHEAD + key.bytes().length;
        }
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes);
    }

    /** Partition keys held (either mode); for tests. */
    int heldPartitions() {
        return parts.size() + sorted.size();
    }
}
