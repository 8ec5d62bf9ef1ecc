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
     * Whether groups are looked up by the key columns' longs ({@link LongTupleMap}) instead of their
     * encoded bytes: when every key column is a BIGINT or a TIMESTAMP (a window's start and end are
     * among them), at most four. The tuple holds the values, then a mask of the NULL ones. A map of
     * {@link GroupKey}s hashed and compared the key bytes behind two references for every row (a tenth
     * and more of Nexmark q4's worker).
     */
    private final boolean longKeys;
    private final long[] tuple;
    /** Key column i of a group's key row is column i. */
    private final int[] identity;
    /** The unwindowed groups by key, in the order they were made, when {@link #longKeys} is false. */
    private final LinkedHashMap<Object, Group> groups = new LinkedHashMap<>();
    /**
     * The unwindowed groups by their key's longs, when {@link #longKeys}; their order (the one the map
     * above keeps: made last goes last, a group removed and made again goes last) is the list from
     * {@link #oldest} through {@link Group#newer}.
     */
    private final LongTupleMap<Group> byLongs;
    private Group oldest;
    private Group newest;
    /**
     * Whether an unwindowed group's results depend only on its long slots ({@link Accumulators#plainLongs}):
     * then a row copies the slots to {@link #prior} instead of writing the row before, and a row that
     * changed no result slot (a MAX that did not move) emits nothing without writing a row at all.
     */
    private final boolean plain;
    private final Group prior;
    private long watermark = Long.MIN_VALUE;
    private long stateBytes;
    private final AggregateNode node;
    /** Set when the HOP assigner below hands rows over once each (see {@link #sliceFrom}); null otherwise. */
    private HopSlices slices;
    /** First long of a snapshot of a slicing aggregate; any other first long is an older snapshot's watermark. */
    private static final long SLICED = Long.MIN_VALUE + 2;

    public AggregateOperator(AggregateNode node) {
        this(node, true);
    }

    /**
     * @param fastPaths false: groups by key bytes and rows written before and after every update, as
     *                  before the long-key and plain-longs paths existed (for tests: the model they must match)
     */
    AggregateOperator(AggregateNode node, boolean fastPaths) {
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
        boolean allLongs = fastPaths && keys.length <= 4;
        for (int k : keys) {
            TypeKind kind = in.column(k).type().kind();
            allLongs &= kind == TypeKind.BIGINT || kind == TypeKind.TIMESTAMP;
        }
        this.longKeys = allLongs;
        this.byLongs = allLongs && windowEnd < 0 ? new LongTupleMap<>(keys.length + 1) : null;
        this.plain = fastPaths && accumulators.plainLongs();
        this.prior = accumulators.newGroup(null);
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

    /** Puts the key columns of {@code row} (or of a group's key row) into {@link #tuple}. */
    private void fillTuple(RowReader row, int[] columns) {
        LongTupleMap.fill(tuple, row, columns);
    }

    private void probeKey(RowReader row) {
        probe.wrapKey(keyWriter, row, keys);
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
        Group g;
        if (longKeys) {
            fillTuple(row, keys);
            g = byLongs.get(tuple);
        } else {
            probeKey(row);
            g = groups.get(probe);
        }
        boolean existed = g != null;
        if (!existed) {
            if (retract) {
                return; // retracting a row of a group never seen: nothing to undo
            }
            if (longKeys) {
                probeKey(row);
            }
            g = accumulators.newGroup(probe.copy());
            addUnwindowed(g);
        } else if (plain) {
            System.arraycopy(g.longs, 0, prior.longs, 0, g.longs.length);
        } else {
            write(g, row, beforeWriter, RowKind.UPDATE_BEFORE);
        }
        accumulators.accumulate(g, row, retract ? -1 : 1);
        if (g.longs[0] <= 0) {
            removeUnwindowed(g);
            if (plain) {
                write(prior, row, beforeWriter, RowKind.UPDATE_BEFORE);
            }
            RowWriter.stampKindAndTag(beforeWriter.buffer(), 0, RowKind.DELETE, 0);
            out.accept(beforeReader.wrap(beforeWriter.buffer(), 0, beforeWriter.length()));
            return;
        }
        if (existed && plain) {
            if (sameResultSlots(g)) {
                return; // no result slot changed, so no result did: nothing to write or compare
            }
            write(prior, row, beforeWriter, RowKind.UPDATE_BEFORE);
        }
        write(g, row, outWriter, existed ? RowKind.UPDATE_AFTER : RowKind.INSERT);
        if (existed) {
            if (sameResult()) {
                return;
            }
            out.accept(beforeReader.wrap(beforeWriter.buffer(), 0, beforeWriter.length()));
        }
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    /** Whether {@code g}'s long slots after the row count are those saved in {@link #prior}. */
    private boolean sameResultSlots(Group g) {
        long[] now = g.longs;
        long[] before = prior.longs;
        for (int i = 1; i < now.length; i++) {
            if (now[i] != before[i]) {
                return false;
            }
        }
        return true;
    }

    /** Adds a new unwindowed group last; with long keys, {@link #tuple} holds its key. */
    private void addUnwindowed(Group g) {
        if (byLongs != null) {
            byLongs.add(tuple, g);
            g.older = newest;
            g.newer = null;
            if (newest == null) {
                oldest = g;
            } else {
                newest.newer = g;
            }
            newest = g;
        } else {
            groups.put(g.key, g);
        }
        stateBytes += accumulators.bytes(g);
    }

    /** Forgets an unwindowed group (its count is back to 0); with long keys, {@link #tuple} holds its key. */
    private void removeUnwindowed(Group g) {
        if (byLongs != null) {
            byLongs.remove(tuple);
            if (g.older == null) {
                oldest = g.newer;
            } else {
                g.older.newer = g.newer;
            }
            if (g.newer == null) {
                newest = g.older;
            } else {
                g.newer.older = g.older;
            }
            g.older = null;
            g.newer = null;
        } else {
            groups.remove(g.key);
        }
        stateBytes -= accumulators.bytes(g);
    }

    private void clearUnwindowed() {
        groups.clear();
        if (byLongs != null) {
            byLongs.clear();
        }
        oldest = null;
        newest = null;
    }

    private boolean sameResult() {
        int n = outWriter.length();
        if (n != beforeWriter.length()) {
            return false;
        }
        // compare everything after the header (kinds differ)
        return GroupKey.sameBytes(outWriter.buffer(), beforeWriter.buffer(), RowSchema.HEADER_LENGTH, n);
    }

    /**
     * Writes {@code g}'s results after the key columns of {@code row}, which are the group's key (equal
     * values encode to equal bytes): copying them from the row spares decoding the group's key bytes.
     */
    private void write(Group g, RowReader row, RowWriter w, RowKind kind) {
        w.begin(kind);
        for (int i = 0; i < keys.length; i++) {
            w.copy(row, keys[i], i);
        }
        accumulators.write(g, w, keys.length);
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
            putUnwindowed(w);
            return;
        }
        w.putLong(watermark).putLong(lateRows());
        w.putInt(windows.size());
        for (Map.Entry<Long, Window> e : windows.entrySet()) {
            w.putLong(e.getKey());
            putGroups(w, e.getValue().groups);
        }
        putUnwindowed(w);
    }

    /** The unwindowed groups in the order they were made, as the map by key bytes writes them. */
    private void putUnwindowed(StateWriter w) {
        if (byLongs == null) {
            putGroups(w, groups.values());
            return;
        }
        w.putInt(byLongs.size());
        for (Group g = oldest; g != null; g = g.newer) {
            accumulators.snapshot(g, w);
        }
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
            clearUnwindowed();
            stateBytes = 0;
            readGroups(r);
            return;
        }
        watermark = first;
        restoreLateRows(r.getLong());
        windows.clear();
        byEnd.clear();
        lastWindow = null;
        clearUnwindowed();
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
        readGroups(r);
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
            for (Group g = oldest; g != null; g = g.newer) {
                stateBytes += accumulators.bytes(g);
            }
        }
    }

    /** Reads the unwindowed groups back, in their order. */
    private void readGroups(StateReader r) {
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            Group g = accumulators.restore(r);
            if (byLongs != null) {
                keyBuffer.wrap(g.key.bytes());
                fillTuple(keyReader.wrap(keyBuffer, 0, g.key.bytes().length), identity);
            }
            addUnwindowed(g);
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
