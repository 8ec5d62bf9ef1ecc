package io.sluice.engine.operator.rank;

import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.agg.GroupKey;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.RankNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Top-N, first-row deduplication and window Top-N (the modes and their output are described on
 * {@link RankNode}). Called on the task's thread only.
 *
 * <p>Each partition's rows are kept as copies of their records, sorted by rank, at most N of them;
 * a new row goes after the rows it ties with, so ties rank by arrival. Partitions (and windows) are
 * kept in insertion-ordered maps, snapshotted and restored in that order, so a replay from a
 * checkpoint emits the same rows in the same order. A row that cannot enter a full partition is
 * rejected by one comparison with the partition's last row, without copying it.
 *
 * <p>The input must be append-only; a retraction (-U or -D) is refused with an
 * {@link IllegalStateException}, since the planner never wires a changelog into this operator.
 */
public final class RankOperator extends Operator {
    private final RankNode.Mode mode;
    private final int limit;
    private final boolean rankColumn;
    private final int windowEnd;
    private final int timeColumn;
    private final long ttl;
    private final int[] partitionKeys;
    private final int columns;
    private final RowOrder order;
    private final RowWriter keyWriter;
    private final GroupKey.Probe probe = new GroupKey.Probe();
    private final RowReader stored;
    private final RowReader other;
    private final UnsafeBuffer storedBuffer = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer otherBuffer = new UnsafeBuffer(new byte[0]);
    private final RowWriter outWriter;
    private final RowReader outReader;

    /** CHANGELOG: each partition's current top N. */
    private final LinkedHashMap<GroupKey, List<byte[]>> partitions = new LinkedHashMap<>();
    /** WINDOW: by window end, each partition's top N so far. */
    private final TreeMap<Long, LinkedHashMap<GroupKey, List<byte[]>>> windows = new TreeMap<>();
    /** FIRST_ROW: each key's kept row's event time. */
    private final LinkedHashMap<GroupKey, long[]> firsts = new LinkedHashMap<>();
    /** FIRST_ROW with a TTL: keys by the watermark at which they expire. */
    private final TreeMap<Long, List<GroupKey>> expiries = new TreeMap<>();

    private long watermark = Long.MIN_VALUE;
    private long stateBytes;

    public RankOperator(RankNode node) {
        this.mode = node.mode();
        this.limit = (int) Math.min(node.limit(), Integer.MAX_VALUE - 1);
        this.rankColumn = node.rankColumn();
        this.windowEnd = node.windowEnd();
        this.timeColumn = node.orderKeys()[0];
        this.ttl = node.stateTtlMs();
        this.partitionKeys = node.partitionKeys();
        RowSchema in = node.input().schema();
        this.columns = in.size();
        this.order = new RowOrder(in, node.orderKeys(), node.descending(), node.nullsLast());
        List<Column> keyColumns = new ArrayList<>();
        for (int k : partitionKeys) {
            keyColumns.add(in.column(k));
        }
        this.keyWriter = new RowWriter(new RowSchema(keyColumns));
        this.stored = new RowReader(in);
        this.other = new RowReader(in);
        this.outWriter = new RowWriter(node.schema());
        this.outReader = new RowReader(node.schema());
    }

    @Override
    public void onRow(int input, RowReader row) {
        if (row.kind() != RowKind.INSERT) {
            throw new IllegalStateException("Top-N input must be append-only, got a " + row.kind().shortName()
                    + " row");
        }
        switch (mode) {
            case FIRST_ROW -> firstRow(row);
            case WINDOW -> {
                long end = row.getLong(windowEnd);
                if (end - 1 <= watermark) {
                    late(row);
                    return;
                }
                LinkedHashMap<GroupKey, List<byte[]>> window = windows.get(end);
                if (window == null) {
                    window = new LinkedHashMap<>();
                    windows.put(end, window);
                }
                insert(window, row);
            }
            case CHANGELOG -> insert(partitions, row);
            default -> throw new IllegalStateException("unknown rank mode " + mode);
        }
    }

    private void probe(RowReader row) {
        probe.wrapKey(keyWriter, row, partitionKeys);
    }

    private void firstRow(RowReader row) {
        if (row.isNull(timeColumn)) {
            return; // a row without a time orders after every row with one: it is never emitted as first
        }
        long ts = row.getLong(timeColumn);
        probe(row);
        long[] kept = firsts.get(probe);
        if (kept != null) {
            if (ts < kept[0]) {
                late(row); // earlier than the row already emitted, which cannot be taken back
            }
            return;
        }
        GroupKey key = probe.copy();
        firsts.put(key, new long[] {ts});
        stateBytes += 64 + key.bytes().length;
        if (ttl > 0) {
            expiries.computeIfAbsent(expiry(ts), e -> new ArrayList<>()).add(key);
        }
        emit(row, RowKind.INSERT, 1);
    }

    private long expiry(long ts) {
        long e = ts + ttl;
        return e < ts ? Long.MAX_VALUE : e; // saturate
    }

    /** Inserts a row into its partition's sorted top N, emitting the changes in CHANGELOG mode. */
    private void insert(Map<GroupKey, List<byte[]>> map, RowReader row) {
        probe(row);
        List<byte[]> rows = map.get(probe);
        if (rows != null && rows.size() >= limit && order.compare(row, wrap(stored, storedBuffer,
                rows.get(rows.size() - 1))) >= 0) {
            return; // does not beat the last of a full top N
        }
        if (rows == null) {
            GroupKey key = probe.copy();
            rows = new ArrayList<>(Math.min(limit, 16) + 1);
            map.put(key, rows);
            stateBytes += 64 + key.bytes().length;
        }
        // first position whose row ranks strictly after the new one: ties stay in arrival order
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(wrap(stored, storedBuffer, rows.get(mid)), row) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int pos = lo;
        byte[] copy = new byte[row.length()];
        row.buffer().getBytes(row.offset(), copy);
        rows.add(pos, copy);
        stateBytes += 16 + copy.length;
        byte[] removed = null;
        if (rows.size() > limit) {
            removed = rows.remove(rows.size() - 1);
            stateBytes -= 16 + removed.length;
        }
        if (mode != RankNode.Mode.CHANGELOG) {
            return;
        }
        if (!rankColumn) {
            if (removed != null) {
                emitStored(removed, RowKind.DELETE, 0);
            }
            emitStored(copy, RowKind.INSERT, 0);
            return;
        }
        // with the row number: every rank from the new row's down moves one row along
        for (int r = pos; r < rows.size(); r++) {
            byte[] before = r + 1 < rows.size() ? rows.get(r + 1) : removed;
            if (before == null) {
                emitStored(rows.get(r), RowKind.INSERT, r + 1);
            } else {
                emitStored(before, RowKind.UPDATE_BEFORE, r + 1);
                emitStored(rows.get(r), RowKind.UPDATE_AFTER, r + 1);
            }
        }
    }

    private static RowReader wrap(RowReader reader, UnsafeBuffer buffer, byte[] bytes) {
        buffer.wrap(bytes);
        return reader.wrap(buffer, 0, bytes.length);
    }

    private void emitStored(byte[] bytes, RowKind kind, long rank) {
        emit(wrap(other, otherBuffer, bytes), kind, rank);
    }

    private void emit(RowReader row, RowKind kind, long rank) {
        outWriter.begin(kind);
        for (int i = 0; i < columns; i++) {
            outWriter.copy(row, i, i);
        }
        if (rankColumn) {
            outWriter.putLong(columns, rank);
        }
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    @Override
    public void onWatermark(long wm) {
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        if (mode == RankNode.Mode.WINDOW) {
            while (!windows.isEmpty() && windows.firstKey() - 1 <= wm) {
                for (Map.Entry<GroupKey, List<byte[]>> e : windows.pollFirstEntry().getValue().entrySet()) {
                    List<byte[]> rows = e.getValue();
                    for (int r = 0; r < rows.size(); r++) {
                        emitStored(rows.get(r), RowKind.INSERT, r + 1);
                        stateBytes -= 16 + rows.get(r).length;
                    }
                    stateBytes -= 64 + e.getKey().bytes().length;
                }
            }
        } else if (mode == RankNode.Mode.FIRST_ROW && ttl > 0) {
            while (!expiries.isEmpty() && expiries.firstKey() <= wm) {
                for (GroupKey key : expiries.pollFirstEntry().getValue()) {
                    firsts.remove(key);
                    stateBytes -= 64 + key.bytes().length;
                }
            }
        }
    }

    @Override
    public void snapshot(StateWriter w) {
        w.putLong(watermark).putLong(lateRows());
        switch (mode) {
            case CHANGELOG -> putPartitions(w, partitions);
            case WINDOW -> {
                w.putInt(windows.size());
                for (Map.Entry<Long, LinkedHashMap<GroupKey, List<byte[]>>> e : windows.entrySet()) {
                    w.putLong(e.getKey());
                    putPartitions(w, e.getValue());
                }
            }
            case FIRST_ROW -> {
                w.putInt(firsts.size());
                for (Map.Entry<GroupKey, long[]> e : firsts.entrySet()) {
                    w.putBytes(e.getKey().bytes());
                    w.putLong(e.getValue()[0]);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void putPartitions(StateWriter w, Map<GroupKey, List<byte[]>> map) {
        w.putInt(map.size());
        for (Map.Entry<GroupKey, List<byte[]>> e : map.entrySet()) {
            w.putBytes(e.getKey().bytes());
            w.putInt(e.getValue().size());
            for (byte[] row : e.getValue()) {
                w.putBytes(row);
            }
        }
    }

    @Override
    public void restore(StateReader r) {
        watermark = r.getLong();
        restoreLateRows(r.getLong());
        partitions.clear();
        windows.clear();
        firsts.clear();
        expiries.clear();
        stateBytes = 0;
        switch (mode) {
            case CHANGELOG -> readPartitions(r, partitions);
            case WINDOW -> {
                int n = r.getInt();
                for (int i = 0; i < n; i++) {
                    long end = r.getLong();
                    LinkedHashMap<GroupKey, List<byte[]>> window = new LinkedHashMap<>();
                    readPartitions(r, window);
                    windows.put(end, window);
                }
            }
            case FIRST_ROW -> {
                int n = r.getInt();
                for (int i = 0; i < n; i++) {
                    GroupKey key = new GroupKey(r.getBytes());
                    long ts = r.getLong();
                    firsts.put(key, new long[] {ts});
                    stateBytes += 64 + key.bytes().length;
                    if (ttl > 0) {
                        expiries.computeIfAbsent(expiry(ts), e -> new ArrayList<>()).add(key);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void readPartitions(StateReader r, Map<GroupKey, List<byte[]>> map) {
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            GroupKey key = new GroupKey(r.getBytes());
            int size = r.getInt();
            List<byte[]> rows = new ArrayList<>(Math.min(limit, 16) + 1);
            for (int k = 0; k < size; k++) {
                byte[] row = r.getBytes();
                rows.add(row);
                stateBytes += 16 + row.length;
            }
            map.put(key, rows);
            stateBytes += 64 + key.bytes().length;
        }
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes);
    }

    /** Partitions (CHANGELOG, or across open windows for WINDOW) or keys (FIRST_ROW) held; for tests. */
    int heldKeys() {
        int n = partitions.size() + firsts.size();
        for (Iterator<LinkedHashMap<GroupKey, List<byte[]>>> it = windows.values().iterator(); it.hasNext(); ) {
            n += it.next().size();
        }
        return n;
    }
}
