package io.sluice.engine.operator.agg;

import io.sluice.engine.operator.RowSink;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.operator.window.WindowAssigner;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The groups of a windowed aggregate over HOP windows, kept per slice instead of per window: a HOP
 * window of size {@code size} every {@code step} is the union of the aligned slices of
 * {@code gcd(size, step)} it covers, so each row updates one group (of its slice) instead of one per
 * window ({@code size / step} of them), and a window's groups are merged from its slices when the
 * watermark closes it (Flink's "slicing windows"). Used only when every aggregate call can merge
 * ({@link Accumulators#mergeable}) and the input is append-only.
 *
 * <p>Same results, same order, as one group per window: a window fires on the same watermark, with the
 * rows that reached it before it fired (a row that arrives after some of its windows fired is late for
 * those only, as the assigner decides and counts; it still joins its slice, which only windows not yet
 * fired will read). A window lists its keys in the order rows first reached them: each slice group
 * remembers the arrival number of its first row ({@link Group#seq}), and a window merges its slices'
 * groups in that order. A slice is dropped once the last window that covers it has fired.
 *
 * <p>Called on the task's thread only: rows by the {@link WindowAssigner} below, the rest by the
 * {@link AggregateOperator} that owns it.
 */
final class HopSlices implements WindowAssigner.Slices {
    private final Accumulators accumulators;
    private final long size;
    private final long step;
    private final long slice;
    private final long offset;
    /** Per key column of the aggregate's output: its column in the slice key, or START / END. */
    private final int[] keyPlan;
    private static final int START = -1;
    private static final int END = -2;
    /** The input columns of the key other than the window's start and end: a slice's group key. */
    private final int[] sliceKeys;
    private final RowWriter keyWriter;
    private final RowReader keyReader;
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(new byte[0]);
    private final GroupKey.Probe probe = new GroupKey.Probe();
    /** As in {@link AggregateOperator}: look groups up by the key's longs when all of them are BIGINT/TIMESTAMP. */
    private final boolean longKeys;
    private final long[] tuple;
    private final RowWriter outWriter;
    private final RowReader outReader;

    /** Slices by start: the oldest fires first. */
    private final TreeMap<Long, Slice> slices = new TreeMap<>();
    /** The same, unboxed: most rows go to a slice that exists already. */
    private final Long2ObjectHashMap<Slice> byStart = new Long2ObjectHashMap<>();
    private long lastStart;
    private Slice lastSlice;
    /**
     * Windows restored from a snapshot written before slicing (one group per window and key), by end,
     * re-keyed as a slice's groups: a window that fires merges them before its slices (their rows came first).
     */
    private final TreeMap<Long, Slice> legacy = new TreeMap<>();
    /** The arrival number of the next new (key, slice) group. */
    private long seq;
    private long stateBytes;

    /** Scratch of a firing window: the merged group of each key, and the keys in first-seen order. */
    private final HashMap<GroupKey, Group> merged = new HashMap<>();
    private final List<GroupKey> order = new ArrayList<>();
    private final List<Group> pool = new ArrayList<>();
    private int pooled;
    private final List<Slice> sources = new ArrayList<>();
    private int[] heads = new int[8];

    /** One slice's groups, in the order their keys first arrived (increasing {@link Group#seq}). */
    private static final class Slice {
        final long start;
        final List<Group> groups = new ArrayList<>();
        final LongTupleMap byLongs;
        final HashMap<Object, Group> byKey;

        Slice(long start, boolean longKeys, int keyCount) {
            this.start = start;
            this.byLongs = longKeys ? new LongTupleMap(keyCount + 1) : null;
            this.byKey = longKeys ? null : new HashMap<>();
        }
    }

    /**
     * @param keys      the aggregate's key columns, in its input (the assigner's output: the assigner's
     *                  input columns, then window_start at {@code columns}, window_end after it)
     * @param columns   how many columns the assigner's input has
     * @param in        the assigner's input schema
     * @param out       the aggregate's output schema (keys, then one column per call)
     */
    HopSlices(Accumulators accumulators, long size, long step, long offset, int[] keys, int columns, RowSchema in,
              RowSchema out) {
        this.accumulators = accumulators;
        this.size = size;
        this.step = step;
        this.slice = gcd(size, step);
        this.offset = offset;
        this.keyPlan = new int[keys.length];
        List<Column> keyColumns = new ArrayList<>();
        List<Integer> sliceKeyList = new ArrayList<>();
        boolean allLongs = true;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == columns) {
                keyPlan[i] = START;
            } else if (keys[i] == columns + 1) {
                keyPlan[i] = END;
            } else {
                keyPlan[i] = sliceKeyList.size();
                sliceKeyList.add(keys[i]);
                keyColumns.add(in.column(keys[i]));
                TypeKind kind = in.column(keys[i]).type().kind();
                allLongs &= kind == TypeKind.BIGINT || kind == TypeKind.TIMESTAMP;
            }
        }
        this.sliceKeys = sliceKeyList.stream().mapToInt(Integer::intValue).toArray();
        RowSchema keySchema = new RowSchema(keyColumns);
        this.keyWriter = new RowWriter(keySchema);
        this.keyReader = new RowReader(keySchema);
        this.longKeys = allLongs && sliceKeys.length <= 4;
        this.tuple = new long[sliceKeys.length + 1];
        this.outWriter = new RowWriter(out);
        this.outReader = new RowReader(out);
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The start of the aligned period of {@code length} that holds {@code ts} (as the assigner aligns windows). */
    private long floor(long ts, long length) {
        return ts - Math.floorMod(ts - offset, length);
    }

    @Override
    public void onSlicedRow(RowReader row, long time) {
        long start = floor(time, slice);
        Slice s = lastSlice;
        if (s == null || start != lastStart) {
            s = byStart.get(start);
            if (s == null) {
                s = new Slice(start, longKeys, sliceKeys.length);
                byStart.put(start, s);
                slices.put(start, s);
            }
            lastSlice = s;
            lastStart = start;
        }
        boolean retract = row.kind() == RowKind.UPDATE_BEFORE || row.kind() == RowKind.DELETE;
        Group g;
        if (longKeys) {
            fillTuple(row, sliceKeys);
            g = s.byLongs.get(tuple);
        } else {
            probeKey(row);
            g = s.byKey.get(probe);
        }
        if (g == null) {
            if (retract) {
                return; // the input is append-only when slicing; a retraction of nothing undoes nothing
            }
            if (longKeys) {
                probeKey(row);
            }
            g = accumulators.newGroup(probe.copy());
            g.seq = seq++;
            add(s, g);
        }
        accumulators.accumulate(g, row, retract ? -1 : 1);
    }

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
        for (int i = 0; i < sliceKeys.length; i++) {
            keyWriter.copy(row, sliceKeys[i], i);
        }
        probe.wrap(keyWriter.buffer(), keyWriter.length());
    }

    /** Adds a new group to a slice; with long keys, {@link #tuple} holds its key. */
    private void add(Slice s, Group g) {
        if (longKeys) {
            s.byLongs.add(tuple, g);
        } else {
            s.byKey.put(g.key, g);
        }
        s.groups.add(g);
        stateBytes += accumulators.bytes(g);
    }

    /** The start of the first window (aligned to the step) that starts after {@code t}. */
    private long firstStartAfter(long t) {
        return floor(t, step) + step;
    }

    /**
     * Fires, oldest first, every window with data whose end the watermark has passed ({@code end - 1 <=
     * wm}) and that had not fired at {@code before} (the previous watermark), and drops the slices no
     * window left needs.
     */
    void fire(long before, long wm, RowSink out) {
        long done = before; // every window with end - 1 <= done has fired
        while (!slices.isEmpty() || !legacy.isEmpty()) {
            long end = Long.MAX_VALUE;
            if (!slices.isEmpty()) {
                end = firstStartAfter(slices.firstKey() - size) + size; // the oldest window of the oldest slice
                if (done != Long.MIN_VALUE) {
                    end = Math.max(end, firstStartAfter(done + 1 - size) + size);
                }
            }
            if (!legacy.isEmpty()) {
                end = Math.min(end, legacy.firstKey());
            }
            if (end - 1 > wm) {
                break;
            }
            emitWindow(end, out);
            done = end - 1;
            // a slice whose newest window (the one starting at or before it, last) has fired is done
            while (!slices.isEmpty() && floor(slices.firstKey(), step) + size <= end) {
                Slice gone = slices.pollFirstEntry().getValue();
                byStart.remove(gone.start);
                if (gone == lastSlice) {
                    lastSlice = null;
                }
                for (Group g : gone.groups) {
                    stateBytes -= accumulators.bytes(g);
                }
            }
        }
    }

    /** Merges the window ending at {@code end} from its slices (and a restored window) and emits its groups. */
    private void emitWindow(long end, RowSink out) {
        long start = end - size;
        sources.clear();
        Slice old = legacy.remove(end);
        if (old != null) {
            sources.add(old);
            for (Group g : old.groups) {
                stateBytes -= accumulators.bytes(g);
            }
        }
        sources.addAll(slices.subMap(start, true, end, false).values());
        if (sources.isEmpty()) {
            return;
        }
        if (sources.size() == 1) {
            for (Group g : sources.get(0).groups) {
                write(g.key, g, start, end, out);
            }
            return;
        }
        // the sources' groups in the order they were made (a k-way merge by seq; k is size / slice, small),
        // each key's first one setting its place in the window
        merged.clear();
        order.clear();
        pooled = 0;
        int k = sources.size();
        if (heads.length < k) {
            heads = new int[k];
        }
        java.util.Arrays.fill(heads, 0, k, 0);
        while (true) {
            int best = -1;
            long bestSeq = Long.MAX_VALUE;
            for (int i = 0; i < k; i++) {
                List<Group> gs = sources.get(i).groups;
                if (heads[i] < gs.size() && gs.get(heads[i]).seq < bestSeq) {
                    best = i;
                    bestSeq = gs.get(heads[i]).seq;
                }
            }
            if (best < 0) {
                break;
            }
            Group g = sources.get(best).groups.get(heads[best]++);
            Group into = merged.get(g.key);
            if (into == null) {
                into = scratch();
                merged.put(g.key, into);
                order.add(g.key);
            }
            accumulators.merge(into, g);
        }
        for (GroupKey key : order) {
            write(key, merged.get(key), start, end, out);
        }
    }

    private Group scratch() {
        Group g;
        if (pooled < pool.size()) {
            g = pool.get(pooled);
            accumulators.clear(g);
        } else {
            g = accumulators.newGroup(null);
            pool.add(g);
        }
        pooled++;
        return g;
    }

    private void write(GroupKey key, Group g, long start, long end, RowSink out) {
        outWriter.begin(RowKind.INSERT);
        keyBuffer.wrap(key.bytes());
        keyReader.wrap(keyBuffer, 0, key.bytes().length);
        for (int i = 0; i < keyPlan.length; i++) {
            int from = keyPlan[i];
            if (from == START) {
                outWriter.putLong(i, start);
            } else if (from == END) {
                outWriter.putLong(i, end);
            } else {
                outWriter.copy(keyReader, from, i);
            }
        }
        accumulators.write(g, outWriter, keyPlan.length);
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    long stateBytes() {
        return stateBytes;
    }

    /** Writes the slices and any restored windows not fired yet (see {@link AggregateOperator#snapshot}). */
    void snapshot(StateWriter w) {
        w.putInt(slices.size());
        for (Slice s : slices.values()) {
            w.putLong(s.start);
            putGroups(w, s);
        }
        w.putInt(legacy.size());
        for (Map.Entry<Long, Slice> e : legacy.entrySet()) {
            w.putLong(e.getKey());
            putGroups(w, e.getValue());
        }
    }

    private void putGroups(StateWriter w, Slice s) {
        w.putInt(s.groups.size());
        for (Group g : s.groups) {
            w.putLong(g.seq);
            accumulators.snapshot(g, w);
        }
    }

    /** Reads what {@link #snapshot} wrote, replacing everything held. */
    void restore(StateReader r) {
        clear();
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            long start = r.getLong();
            Slice s = readGroups(r, start);
            slices.put(start, s);
            byStart.put(start, s);
        }
        n = r.getInt();
        for (int i = 0; i < n; i++) {
            long end = r.getLong();
            legacy.put(end, readGroups(r, end - size));
        }
    }

    private Slice readGroups(StateReader r, long start) {
        Slice s = new Slice(start, longKeys, sliceKeys.length);
        int n = r.getInt();
        for (int j = 0; j < n; j++) {
            long groupSeq = r.getLong();
            Group g = accumulators.restore(r);
            g.seq = groupSeq;
            seq = Math.max(seq, groupSeq + 1);
            keyed(s, g);
        }
        return s;
    }

    /** Adds a group read back to a slice, filling {@link #tuple} from its key first. */
    private void keyed(Slice s, Group g) {
        if (longKeys) {
            keyBuffer.wrap(g.key.bytes());
            keyReader.wrap(keyBuffer, 0, g.key.bytes().length);
            for (int i = 0; i < sliceKeys.length; i++) {
                // the slice key row's column i is key column i
                tuple[i] = keyReader.isNull(i) ? 0 : keyReader.getLong(i);
            }
            long nulls = 0;
            for (int i = 0; i < sliceKeys.length; i++) {
                if (keyReader.isNull(i)) {
                    nulls |= 1L << i;
                }
            }
            tuple[sliceKeys.length] = nulls;
        }
        add(s, g);
    }

    /**
     * Takes over a window of a snapshot written before slicing: its groups, keyed by all the
     * aggregate's key columns, become the groups of a restored window keyed like a slice's, numbered
     * before any group made from now on (they were first seen before the restart).
     *
     * @param fullKeys the reader over a group's full key row (the aggregate's key schema)
     */
    void restoreWindow(long end, List<Group> groups, RowReader fullKeys) {
        Slice s = new Slice(end - size, longKeys, sliceKeys.length);
        UnsafeBuffer full = new UnsafeBuffer(new byte[0]);
        for (Group old : groups) {
            full.wrap(old.key.bytes());
            fullKeys.wrap(full, 0, old.key.bytes().length);
            keyWriter.begin(RowKind.INSERT);
            for (int i = 0; i < keyPlan.length; i++) {
                if (keyPlan[i] >= 0) {
                    keyWriter.copy(fullKeys, i, keyPlan[i]);
                }
            }
            probe.wrap(keyWriter.buffer(), keyWriter.length());
            Group g = accumulators.newGroup(probe.copy());
            System.arraycopy(old.longs, 0, g.longs, 0, old.longs.length);
            System.arraycopy(old.objects, 0, g.objects, 0, old.objects.length);
            g.seq = seq++;
            keyed(s, g);
        }
        legacy.put(end, s);
    }

    void clear() {
        slices.clear();
        byStart.clear();
        legacy.clear();
        lastSlice = null;
        seq = 0;
        stateBytes = 0;
    }
}
