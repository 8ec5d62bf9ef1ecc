package io.sluice.engine.operator.agg;

import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GROUP BY with aggregate functions (see {@link AggregateNode} for the two modes).
 *
 * <p>Windowed: groups are kept per window end, in a sorted map; a watermark at or past a window's
 * last millisecond ({@code end - 1}) emits each of its groups once, in the order they were first seen,
 * and forgets them. Unwindowed: every row updates its group and emits the change at once (+I for a
 * new group, -U and +U when the result changes, -D when a changelog input retracts its last row).
 * Both orders are insertion orders, kept across snapshots, so that a replay emits the same rows in
 * the same order.
 */
public final class AggregateOperator extends Operator {
    private final int[] keys;
    private final int windowEnd;
    private final Accumulators accumulators;
    private final RowWriter keyWriter;
    private final RowReader keyReader;
    private final GroupKey.Probe probe = new GroupKey.Probe();
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(new byte[0]);
    private final RowWriter outWriter;
    private final RowReader outReader;
    private final RowWriter beforeWriter;
    private final RowReader beforeReader;
    private final TreeMap<Long, LinkedHashMap<Object, Group>> windows = new TreeMap<>();
    /**
     * The same windows by end, without boxing: a HOP row goes to several windows in turn, and looking
     * each up in the sorted map boxed its end every time. The sorted map is touched only when a window
     * opens or fires.
     */
    private final Long2ObjectHashMap<LinkedHashMap<Object, Group>> byEnd = new Long2ObjectHashMap<>();
    /** The groups of the window the last row went to: most rows go to the same window as the one before. */
    private long lastEnd = Long.MIN_VALUE;
    private LinkedHashMap<Object, Group> lastWindow;
    private final LinkedHashMap<Object, Group> groups = new LinkedHashMap<>();
    private long watermark = Long.MIN_VALUE;
    private long stateBytes;

    public AggregateOperator(AggregateNode node) {
        this.keys = node.groupKeys();
        this.windowEnd = node.windowEnd();
        RowSchema in = node.input().schema();
        this.accumulators = new Accumulators(node.calls(), in, node.retracting());
        List<Column> keyColumns = new ArrayList<>();
        for (int k : keys) {
            keyColumns.add(in.column(k));
        }
        RowSchema keySchema = new RowSchema(keyColumns);
        this.keyWriter = new RowWriter(keySchema);
        this.keyReader = new RowReader(keySchema);
        this.outWriter = new RowWriter(node.schema());
        this.outReader = new RowReader(node.schema());
        this.beforeWriter = new RowWriter(node.schema());
        this.beforeReader = new RowReader(node.schema());
    }

    @Override
    public void onRow(int input, RowReader row) {
        Map<Object, Group> map;
        if (windowEnd >= 0) {
            long end = row.getLong(windowEnd);
            if (end - 1 <= watermark) {
                late(row);
                return;
            }
            if (end != lastEnd || lastWindow == null) {
                LinkedHashMap<Object, Group> window = byEnd.get(end);
                if (window == null) {
                    window = new LinkedHashMap<>();
                    byEnd.put(end, window);
                    windows.put(end, window);
                }
                lastWindow = window;
                lastEnd = end;
            }
            map = lastWindow;
        } else {
            map = groups;
        }
        keyWriter.begin(RowKind.INSERT);
        for (int i = 0; i < keys.length; i++) {
            keyWriter.copy(row, keys[i], i);
        }
        probe.wrap(keyWriter.buffer(), keyWriter.length());
        Group g = map.get(probe);
        boolean retract = row.kind() == RowKind.UPDATE_BEFORE || row.kind() == RowKind.DELETE;
        if (g == null) {
            if (retract) {
                return; // retracting a row of a group never seen: nothing to undo
            }
            g = accumulators.newGroup(probe.copy());
            map.put(g.key, g);
            stateBytes += accumulators.bytes(g);
        } else if (windowEnd < 0) {
            write(g, beforeWriter, RowKind.UPDATE_BEFORE);
        }
        boolean existed = g.longs[0] > 0;
        accumulators.accumulate(g, row, retract ? -1 : 1);
        if (windowEnd >= 0) {
            return;
        }
        if (g.longs[0] <= 0) {
            map.remove(g.key);
            stateBytes -= accumulators.bytes(g);
            RowWriter.stampKindAndTag(beforeWriter.buffer(), 0, RowKind.DELETE, 0);
            out.accept(beforeReader.wrap(beforeWriter.buffer(), 0, beforeWriter.length()));
            return;
        }
        write(g, outWriter, existed ? RowKind.UPDATE_AFTER : RowKind.INSERT);
        if (existed) {
            if (sameResult()) {
                return;
            }
            out.accept(beforeReader.wrap(beforeWriter.buffer(), 0, beforeWriter.length()));
        }
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    private boolean sameResult() {
        int n = outWriter.length();
        if (n != beforeWriter.length()) {
            return false;
        }
        // compare everything after the header (kinds differ)
        return GroupKey.sameBytes(outWriter.buffer(), beforeWriter.buffer(), RowSchema.HEADER_LENGTH, n);
    }

    private void write(Group g, RowWriter w, RowKind kind) {
        w.begin(kind);
        keyBuffer.wrap(g.key.bytes());
        keyReader.wrap(keyBuffer, 0, g.key.bytes().length);
        for (int i = 0; i < keys.length; i++) {
            w.copy(keyReader, i, i);
        }
        accumulators.write(g, w, keys.length);
    }

    @Override
    public void onWatermark(long wm) {
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        while (!windows.isEmpty() && windows.firstKey() - 1 <= wm) {
            Map.Entry<Long, LinkedHashMap<Object, Group>> first = windows.pollFirstEntry();
            byEnd.remove(first.getKey().longValue());
            Map<Object, Group> fired = first.getValue();
            if (fired == lastWindow) {
                lastWindow = null; // emitted: a row for it now is late
            }
            for (Iterator<Group> it = fired.values().iterator(); it.hasNext(); ) {
                Group g = it.next();
                write(g, outWriter, RowKind.INSERT);
                stateBytes -= accumulators.bytes(g);
                out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
            }
        }
    }

    @Override
    public void snapshot(StateWriter w) {
        w.putLong(watermark).putLong(lateRows());
        w.putInt(windows.size());
        for (Map.Entry<Long, LinkedHashMap<Object, Group>> e : windows.entrySet()) {
            w.putLong(e.getKey());
            putGroups(w, e.getValue());
        }
        putGroups(w, groups);
    }

    private void putGroups(StateWriter w, Map<Object, Group> map) {
        w.putInt(map.size());
        for (Group g : map.values()) {
            accumulators.snapshot(g, w);
        }
    }

    @Override
    public void restore(StateReader r) {
        watermark = r.getLong();
        restoreLateRows(r.getLong());
        windows.clear();
        byEnd.clear();
        lastWindow = null;
        groups.clear();
        stateBytes = 0;
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            long end = r.getLong();
            LinkedHashMap<Object, Group> map = new LinkedHashMap<>();
            readGroups(r, map);
            windows.put(end, map);
            byEnd.put(end, map);
        }
        readGroups(r, groups);
    }

    private void readGroups(StateReader r, Map<Object, Group> map) {
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            Group g = accumulators.restore(r);
            map.put(g.key, g);
            stateBytes += accumulators.bytes(g);
        }
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes);
    }
}
