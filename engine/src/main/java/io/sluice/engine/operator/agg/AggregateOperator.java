package io.sluice.engine.operator.agg;

import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.operator.window.WindowAssigner;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.CalcNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.WindowNode;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import java.util.HashMap;
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
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    /**
     * The same windows by end, without boxing: a HOP row goes to several windows in turn, and looking
     * each up in the sorted map boxed its end every time. The sorted map is touched only when a window
     * opens or fires.
     */
    private final Long2ObjectHashMap<Window> byEnd = new Long2ObjectHashMap<>();
    /** The groups of the window the last row went to: most rows go to the same window as the one before. */
    private long lastEnd = Long.MIN_VALUE;
    private Window lastWindow;
    /**
     * Whether windows look their groups up by the key columns' longs ({@link LongTupleMap}): when every
     * key column is a BIGINT or a TIMESTAMP (the window's start and end are among them), at most four.
     * The tuple holds the values, then a mask of the NULL ones.
     */
    private final boolean longKeys;
    private final long[] tuple;
    /** Key column i of a group's key row is column i. */
    private final int[] identity;
    private final LinkedHashMap<Object, Group> groups = new LinkedHashMap<>();
    private long watermark = Long.MIN_VALUE;
    private long stateBytes;
    private final AggregateNode node;
    /** Set when the HOP assigner below hands rows over once each (see {@link #sliceFrom}); null otherwise. */
    private HopSlices slices;
    /** First long of a snapshot of a slicing aggregate; any other first long is an older snapshot's watermark. */
    private static final long SLICED = Long.MIN_VALUE + 2;

    public AggregateOperator(AggregateNode node) {
        this.node = node;
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
        boolean allLongs = windowEnd >= 0 && keys.length <= 4;
        for (int k : keys) {
            TypeKind kind = in.column(k).type().kind();
            allLongs &= kind == TypeKind.BIGINT || kind == TypeKind.TIMESTAMP;
        }
        this.longKeys = allLongs;
        this.tuple = new long[keys.length + 1];
        this.identity = java.util.stream.IntStream.range(0, keys.length).toArray();
    }

    /**
     * Lets this aggregate keep its HOP windows by slices, taking each row once from {@code assigner},
     * when this aggregate's input is exactly that assigner's output (its only consumer, in the same
     * task) and slicing cannot change a result: windowed, append-only input, every call mergeable
     * ({@link Accumulators#mergeable}), no call reads window_start or window_end. Called once while the
     * task is wired, before any row or restore.
     *
     * @return whether it now slices (false: nothing changed, rows keep coming one per window)
     */
    public boolean sliceFrom(WindowAssigner assigner, WindowNode window) {
        if (slices != null || windowEnd < 0 || node.retracting() || window.kind() != WindowNode.Kind.HOP
                || !accumulators.mergeable()) {
            return false;
        }
        int[] map = windowColumns(window);
        if (map == null) {
            return false;
        }
        int columns = window.input().schema().size();
        if (map[windowEnd] != columns + 1) {
            return false;
        }
        int[] windowKeys = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            windowKeys[i] = map[keys[i]];
        }
        // the calls, reading the assigner's input row instead of this aggregate's input
        List<AggCall> calls = new ArrayList<>();
        for (AggCall c : node.calls()) {
            int[] args = new int[c.args().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = map[c.args()[i]];
                if (args[i] >= columns) {
                    return false; // reads window_start or window_end, which a slice does not have
                }
            }
            int filter = c.filterArg() < 0 ? -1 : map[c.filterArg()];
            if (filter >= columns) {
                return false;
            }
            calls.add(new AggCall(c.function(), args, c.distinct(), filter, c.type()));
        }
        HopSlices s = new HopSlices(new Accumulators(calls, window.input().schema(), false), window.sizeMs(),
                window.stepMs(), window.offsetMs(), windowKeys, columns, window.input().schema(), node.schema());
        if (!assigner.sliceInto(s)) {
            return false;
        }
        slices = s;
        return true;
    }

    /**
     * Per input column of this aggregate, the column of {@code window}'s output it is: the identity when
     * the window is the input, the picked columns of a projection (no condition, only column
     * references of the same type) over it; null for anything else.
     */
    private int[] windowColumns(WindowNode window) {
        PlanNode in = node.input();
        int n = in.schema().size();
        int[] map = new int[n];
        if (in == window) {
            for (int i = 0; i < n; i++) {
                map[i] = i;
            }
            return map;
        }
        if (!(in instanceof CalcNode c) || c.input() != window || c.condition() != null) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!(c.projects().get(i) instanceof InputRef r)
                    || !r.type().equals(window.schema().type(r.index()))
                    || !in.schema().type(i).equals(window.schema().type(r.index()))) {
                return null;
            }
            map[i] = r.index();
        }
        return map;
    }

    /** One window's groups, in the order they were first seen (the order they are emitted and snapshotted in). */
    private static final class Window {
        final List<Group> groups = new ArrayList<>();
        final HashMap<Object, Group> byKey;
        final LongTupleMap<Group> byLongs;

        Window(boolean longKeys, int keyCount) {
            byLongs = longKeys ? new LongTupleMap<>(keyCount + 1) : null;
            byKey = longKeys ? null : new HashMap<>();
        }
    }

    /** The key columns of {@code row} (or of a group's key row) as longs, then the mask of NULL ones. */
    private void fillTuple(RowReader row, int[] columns) {
        long nulls = 0;
        for (int i = 0; i < columns.length; i++) {
            if (row.isNull(columns[i])) {
                nulls |= 1L << i;
                tuple[i] = 0;
            } else {
                tuple[i] = row.getLong(columns[i]);
            }
        }
        tuple[columns.length] = nulls;
    }

    private void probeKey(RowReader row) {
        keyWriter.begin(RowKind.INSERT);
        for (int i = 0; i < keys.length; i++) {
            keyWriter.copy(row, keys[i], i);
        }
        probe.wrap(keyWriter.buffer(), keyWriter.length());
    }

    /** The window's group of the row, added when new; null for a retraction of a group never seen. */
    private Group windowGroup(Window window, RowReader row, boolean retract) {
        Group g;
        if (longKeys) {
            fillTuple(row, keys);
            g = window.byLongs.get(tuple);
        } else {
            probeKey(row);
            g = window.byKey.get(probe);
        }
        if (g != null || retract) {
            return g;
        }
        if (longKeys) {
            probeKey(row);
        }
        g = accumulators.newGroup(probe.copy());
        add(window, g);
        return g;
    }

    /** Adds a new group; with long keys, {@link #tuple} holds its key (see {@link #fillTuple}). */
    private void add(Window window, Group g) {
        if (longKeys) {
            window.byLongs.add(tuple, g);
        } else {
            window.byKey.put(g.key, g);
        }
        window.groups.add(g);
        stateBytes += accumulators.bytes(g);
    }

    @Override
    public void onRow(int input, RowReader row) {
        boolean retract = row.kind() == RowKind.UPDATE_BEFORE || row.kind() == RowKind.DELETE;
        if (windowEnd >= 0) {
            long end = row.getLong(windowEnd);
            if (end - 1 <= watermark) {
                late(row);
                return;
            }
            if (end != lastEnd || lastWindow == null) {
                Window window = byEnd.get(end);
                if (window == null) {
                    window = new Window(longKeys, keys.length);
                    byEnd.put(end, window);
                    windows.put(end, window);
                }
                lastWindow = window;
                lastEnd = end;
            }
            Group g = windowGroup(lastWindow, row, retract);
            if (g != null) {
                accumulators.accumulate(g, row, retract ? -1 : 1);
            }
            return;
        }
        Map<Object, Group> map = groups;
        probeKey(row);
        Group g = map.get(probe);
        if (g == null) {
            if (retract) {
                return; // retracting a row of a group never seen: nothing to undo
            }
            g = accumulators.newGroup(probe.copy());
            map.put(g.key, g);
            stateBytes += accumulators.bytes(g);
        } else {
            write(g, beforeWriter, RowKind.UPDATE_BEFORE);
        }
        boolean existed = g.longs[0] > 0;
        accumulators.accumulate(g, row, retract ? -1 : 1);
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
        long before = watermark;
        watermark = wm;
        if (slices != null) {
            slices.fire(before, wm, out);
            return;
        }
        while (!windows.isEmpty() && windows.firstKey() - 1 <= wm) {
            Map.Entry<Long, Window> first = windows.pollFirstEntry();
            byEnd.remove(first.getKey().longValue());
            Window fired = first.getValue();
            if (fired == lastWindow) {
                lastWindow = null; // emitted: a row for it now is late
            }
            for (Group g : fired.groups) {
                write(g, outWriter, RowKind.INSERT);
                stateBytes -= accumulators.bytes(g);
                out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
            }
        }
    }

    @Override
    public void snapshot(StateWriter w) {
        if (slices != null) {
            w.putLong(SLICED).putLong(watermark).putLong(lateRows());
            slices.snapshot(w);
            putGroups(w, groups.values());
            return;
        }
        w.putLong(watermark).putLong(lateRows());
        w.putInt(windows.size());
        for (Map.Entry<Long, Window> e : windows.entrySet()) {
            w.putLong(e.getKey());
            putGroups(w, e.getValue().groups);
        }
        putGroups(w, groups.values());
    }

    private void putGroups(StateWriter w, java.util.Collection<Group> in) {
        w.putInt(in.size());
        for (Group g : in) {
            accumulators.snapshot(g, w);
        }
    }

    @Override
    public void restore(StateReader r) {
        long first = r.getLong();
        if (first == SLICED) {
            if (slices == null) {
                throw new IllegalStateException("this snapshot of a windowed aggregate keeps its HOP windows by "
                        + "slices, which this aggregate does not (a newer version wrote it?)");
            }
            watermark = r.getLong();
            restoreLateRows(r.getLong());
            slices.restore(r);
            groups.clear();
            stateBytes = 0;
            readGroups(r, groups);
            return;
        }
        watermark = first;
        restoreLateRows(r.getLong());
        windows.clear();
        byEnd.clear();
        lastWindow = null;
        groups.clear();
        stateBytes = 0;
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            long end = r.getLong();
            Window window = new Window(longKeys, keys.length);
            int groupCount = r.getInt();
            for (int j = 0; j < groupCount; j++) {
                Group g = accumulators.restore(r);
                if (longKeys) {
                    keyBuffer.wrap(g.key.bytes());
                    fillTuple(keyReader.wrap(keyBuffer, 0, g.key.bytes().length), identity);
                }
                add(window, g);
            }
            windows.put(end, window);
            byEnd.put(end, window);
        }
        readGroups(r, groups);
        if (slices != null) {
            // written before this aggregate sliced: its windows so far fire as they are, merged with the
            // slices of the rows from now on
            slices.clear();
            for (Map.Entry<Long, Window> e : windows.entrySet()) {
                slices.restoreWindow(e.getKey(), e.getValue().groups, keyReader);
            }
            windows.clear();
            byEnd.clear();
            stateBytes = 0;
            for (Group g : groups.values()) {
                stateBytes += accumulators.bytes(g);
            }
        }
    }

    private void readGroups(StateReader r, Map<Object, Group> map) {
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            Group g = accumulators.restore(r);
            map.put(g.key, g);
            stateBytes += accumulators.bytes(g);
        }
    }

    /** Keys held by the slices of a slicing aggregate; 0 otherwise (package-private: for tests). */
    int slicedKeys() {
        return slices == null ? 0 : slices.liveKeys();
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes + (slices == null ? 0 : slices.stateBytes()));
    }
}
