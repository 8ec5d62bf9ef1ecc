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
    private final List<KeyEntry> order = new ArrayList<>();
    private final List<Group> pool = new ArrayList<>();
    private int pooled;
    private final List<Slice> sources = new ArrayList<>();
    private int[] heads = new int[8];

    /** One slice's groups, in the order their keys first arrived (increasing {@link Group#seq}). */
    private static final class Slice {
        final long start;
        final List<Group> groups = new ArrayList<>();

        Slice(long start) {
            this.start = start;
        }
    }

    /**
     * One key while any live slice (or restored window) has a group of it: its groups by slice, and
     * where a firing window merges them. A row finds its group here in one look-up (its key's newest
     * slice, mostly), and a firing window merges a key's groups without hashing: the first group of a
     * key stamps its entry with the window's end.
     */
    static final class KeyEntry {
        final GroupKey key;
        /** The key's longs and NULL mask, with long keys (to remove it); null otherwise. */
        final long[] tuple;
        /** Its groups in live slices, by slice start, oldest first. */
        long[] starts = new long[4];
        Group[] groups = new Group[4];
        int n;
        /** Groups of it anywhere (slices and restored windows): the entry goes when none is left. */
        int refs;
        /** The end of the window that last merged this key, and its merged group there. */
        long stamp = Long.MIN_VALUE;
        Group merged;

        KeyEntry(GroupKey key, long[] tuple) {
            this.key = key;
            this.tuple = tuple;
        }

        Group find(long start) {
            for (int i = n - 1; i >= 0; i--) {
                if (starts[i] == start) {
                    return groups[i];
                }
                if (starts[i] < start) {
                    return null;
                }
            }
            return null;
        }

        void insert(long start, Group g) {
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * n);
                groups = java.util.Arrays.copyOf(groups, 2 * n);
            }
            int at = n;
            while (at > 0 && starts[at - 1] > start) {
                starts[at] = starts[at - 1];
                groups[at] = groups[at - 1];
                at--;
            }
            starts[at] = start;
            groups[at] = g;
            n++;
        }

        void removeSlice(long start) {
            for (int i = 0; i < n; i++) {
                if (starts[i] == start) {
                    System.arraycopy(starts, i + 1, starts, i, n - i - 1);
                    System.arraycopy(groups, i + 1, groups, i, n - i - 1);
                    n--;
                    groups[n] = null;
                    return;
                }
            }
        }
    }

    /** The live keys: by their longs (long keys) or by their encoded bytes. */
    private final LongTupleMap<KeyEntry> entriesByLongs;
    private final HashMap<Object, KeyEntry> entriesByKey;

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
        this.entriesByLongs = longKeys ? new LongTupleMap<>(sliceKeys.length + 1) : null;
        this.entriesByKey = longKeys ? null : new HashMap<>();
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
                s = new Slice(start);
                byStart.put(start, s);
                slices.put(start, s);
            }
            lastSlice = s;
            lastStart = start;
        }
        boolean retract = row.kind() == RowKind.UPDATE_BEFORE || row.kind() == RowKind.DELETE;
        KeyEntry e;
        if (longKeys) {
            fillTuple(row, sliceKeys);
            e = entriesByLongs.get(tuple);
        } else {
            probeKey(row);
            e = entriesByKey.get(probe);
        }
        Group g = e == null ? null : e.find(start);
        if (g == null) {
            if (retract) {
                return; // the input is append-only when slicing; a retraction of nothing undoes nothing
            }
            if (e == null) {
                if (longKeys) {
                    probeKey(row);
                }
                e = entry(probe.copy());
            }
            g = accumulators.newGroup(e.key);
            g.seq = seq++;
            add(s, e, g);
        }
        accumulators.accumulate(g, row, retract ? -1 : 1);
    }

    /** A new entry for {@code key}; with long keys, {@link #tuple} holds its longs. */
    private KeyEntry entry(GroupKey key) {
        KeyEntry e;
        if (longKeys) {
            e = new KeyEntry(key, tuple.clone());
            entriesByLongs.add(e.tuple, e);
        } else {
            e = new KeyEntry(key, null);
            entriesByKey.put(key, e);
        }
        return e;
    }

    /** A group of a key, whose entry it joins (and which goes with its last group). */
    private void add(Slice s, KeyEntry e, Group g) {
        g.entry = e;
        e.insert(s.start, g);
        e.refs++;
        s.groups.add(g);
        stateBytes += accumulators.bytes(g);
    }

    /** One group of an entry is gone (its slice, or the restored window it was in). */
    private void release(Group g) {
        KeyEntry e = g.entry;
        stateBytes -= accumulators.bytes(g);
        if (--e.refs == 0) {
            if (longKeys) {
                entriesByLongs.remove(e.tuple);
            } else {
                entriesByKey.remove(e.key);
            }
        }
    }

    private void fillTuple(RowReader row, int[] columns) {
        LongTupleMap.fill(tuple, row, columns);
    }

    private void probeKey(RowReader row) {
        probe.wrapKey(keyWriter, row, sliceKeys);
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
                    g.entry.removeSlice(gone.start);
                    release(g);
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
        }
        sources.addAll(slices.subMap(start, true, end, false).values());
        if (sources.size() == 1) {
            for (Group g : sources.get(0).groups) {
                write(g.key, g, start, end, out);
            }
        } else if (sources.size() > 1) {
            merge(start, end, out);
        }
        if (old != null) {
            for (Group g : old.groups) {
                release(g);
            }
        }
    }

    private void merge(long start, long end, RowSink out) {
        // the sources' groups in the order they were made (a k-way merge by seq; k is size / slice, small),
        // each key's first one setting its place in the window, its entry (no hashing) where they merge
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
            KeyEntry e = g.entry;
            if (e.stamp != end) {
                e.stamp = end; // window ends are distinct: the first group of this key in this window
                e.merged = scratch();
                order.add(e);
                accumulators.copy(e.merged, g);
            } else {
                accumulators.merge(e.merged, g);
            }
        }
        for (KeyEntry e : order) {
            write(e.key, e.merged, start, end, out);
            e.merged = null;
        }
    }

    private Group scratch() {
        Group g;
        if (pooled < pool.size()) {
            g = pool.get(pooled); // overwritten whole by the first group merged into it
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

    /** How many keys have a group in a live slice or restored window (for tests: none once all fired). */
    int liveKeys() {
        return longKeys ? entriesByLongs.size() : entriesByKey.size();
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
            Slice s = readGroups(r, start, true);
            slices.put(start, s);
            byStart.put(start, s);
        }
        n = r.getInt();
        for (int i = 0; i < n; i++) {
            long end = r.getLong();
            legacy.put(end, readGroups(r, end - size, false));
        }
    }

    private Slice readGroups(StateReader r, long start, boolean slice) {
        Slice s = new Slice(start);
        int n = r.getInt();
        for (int j = 0; j < n; j++) {
            long groupSeq = r.getLong();
            Group g = accumulators.restore(r);
            g.seq = groupSeq;
            seq = Math.max(seq, groupSeq + 1);
            keyed(s, g, slice);
        }
        return s;
    }

    /**
     * Adds a group read back to its key's entry (made if new) and to {@code s}: a slice, or
     * ({@code slice} false) a restored window, whose groups an entry counts but does not list by slice.
     */
    private void keyed(Slice s, Group g, boolean slice) {
        KeyEntry e;
        if (longKeys) {
            keyBuffer.wrap(g.key.bytes());
            keyReader.wrap(keyBuffer, 0, g.key.bytes().length);
            long nulls = 0;
            for (int i = 0; i < sliceKeys.length; i++) {
                // the slice key row's column i is key column i
                if (keyReader.isNull(i)) {
                    nulls |= 1L << i;
                    tuple[i] = 0;
                } else {
                    tuple[i] = keyReader.getLong(i);
                }
            }
            tuple[sliceKeys.length] = nulls;
            e = entriesByLongs.get(tuple);
        } else {
            e = entriesByKey.get(g.key);
        }
        if (e == null) {
            e = entry(g.key);
        }
        if (slice) {
            add(s, e, g);
        } else {
            g.entry = e;
            e.refs++;
            s.groups.add(g);
            stateBytes += accumulators.bytes(g);
        }
    }

    /**
     * Takes over a window of a snapshot written before slicing: its groups, keyed by all the
     * aggregate's key columns, become the groups of a restored window keyed like a slice's, numbered
     * before any group made from now on (they were first seen before the restart).
     *
     * @param fullKeys the reader over a group's full key row (the aggregate's key schema)
     */
    void restoreWindow(long end, List<Group> groups, RowReader fullKeys) {
        Slice s = new Slice(end - size);
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
            keyed(s, g, false);
        }
        legacy.put(end, s);
    }

    void clear() {
        slices.clear();
        byStart.clear();
        legacy.clear();
        if (longKeys) {
            entriesByLongs.clear();
        } else {
            entriesByKey.clear();
        }
        lastSlice = null;
        seq = 0;
        stateBytes = 0;
    }
}
