package io.sluice.engine.operator.join;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.JoinNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Runs a {@link JoinNode} (see there for the three kinds and their semantics). Input 0 is the left
 * side, input 1 the right. Each side keeps its rows per equi-key, in arrival order; a row arriving on
 * one side is matched against the other side's rows of its key, in their arrival order, and then
 * stored. Every stored row has a release time in event time (interval: its last possible partner's
 * time; window: its window's last millisecond; regular: the watermark at its arrival plus the TTL);
 * the watermark releases rows in (release time, arrival) order, which survives a snapshot, so a replay
 * emits the same rows in the same order.
 *
 * <p>Interval and window joins: a row whose time (window end - 1 for window joins) is already at or
 * behind the watermark is late: it is counted and dropped, since the rows it should have met may be
 * gone. An outer join emits a preserved row that never matched, padded with NULLs, when it is released.
 *
 * <p>Regular joins: +I/+U rows add, -U/-D rows retract (the first stored row equal to it) and retract
 * the results they produced. An outer join's padded row is retracted (-D) when its first partner
 * arrives and emitted again (+I) when its last partner is retracted. Rows released by the TTL are
 * forgotten silently: a later retraction of one of them still retracts its results with the partners
 * still held.
 */
public final class JoinOperator extends Operator {
    /** Release time of a TTL-bound row that arrived before the first watermark. */
    private static final long PENDING = Long.MIN_VALUE;
    private static final int ENTRY_OVERHEAD = 64;
    /*
     * Snapshot formats: the first long tells them apart. A snapshot written before deltas existed
     * starts with the watermark itself, which is never one of these two values.
     */
    private static final long FULL = Long.MIN_VALUE + 2;
    private static final long DELTA = Long.MIN_VALUE + 3;
    private static final byte UPDATED = 0;
    private static final byte ADDED = 1;

    private final JoinNode.Type type;
    private final boolean regular;
    private final JoinNode.TimeBound bound;
    private final long ttl;
    private final Side[] sides = new Side[2];
    private final CompiledCalc condition;
    private final RowWriter conditionOut = new RowWriter(RowSchema.of());
    private final RowWriter outWriter;
    /** Writes matched pairs by blocks of bytes when the output row is the two rows side by side (else null). */
    private final RowConcat concat;
    private final RowReader outReader;
    private final RowWriter padWriter;
    private final RowReader padReader;
    private final RowWriter keyWriter;
    private final RowReader keyReader;
    private final JoinKey.Probe probe = new JoinKey.Probe();
    /**
     * The equi-key is one column holding a long on both sides (BIGINT or TIMESTAMP): the buckets are
     * found by that long ({@link Side#byLong}), read straight from the row, and {@link #probeLong}
     * holds the current row's key instead of {@link #probe}.
     */
    private final boolean longKey;
    private long probeLong;
    /** Both sides' rows by key when the key is not one long (else null). */
    private final HashMap<JoinKey, Keyed> byBytes;
    /** Both sides' rows by key when it is one long (else null). */
    private final LongKeyMap<Keyed> byLong;
    /** Stored rows with a finite release time, earliest first (rows removed meanwhile are skipped). */
    private final ReleaseQueue releases = new ReleaseQueue();
    private final List<Entry> pendingTtl = new ArrayList<>();
    /*
     * Incremental snapshots: a regular join keeps every row, and an interval join as many as its bound
     * holds open (Nexmark q4 holds every open auction and the bids of the last seconds, tens of MB), so
     * writing all of it at every checkpoint costs O(state) per checkpoint. A delta holds only the
     * entries added or updated since the previous snapshot and the sequence numbers of those removed
     * (released or retracted) that an earlier snapshot of the chain holds.
     */
    private final List<Entry> changed = new ArrayList<>();
    /** {@link #changed} is cleared of removed entries when it reaches this size (see {@link #changed(Entry)}). */
    private int compactChangedAt = MIN_COMPACT;
    private static final int MIN_COMPACT = 1 << 16;
    private final LongArrayList removedSeqs = new LongArrayList();
    /** While restoring a chain: every entry by its sequence number, for the deltas to find. */
    private final Long2ObjectHashMap<Entry> bySeq = new Long2ObjectHashMap<>();
    /** After a restore: {@link #releases}, {@link #pendingTtl} are rebuilt before the next use. */
    private boolean indexesStale;
    private long watermark = Long.MIN_VALUE;
    private long seq;
    private long stateBytes;

    /** One input's stored rows. */
    private static final class Side {
        final int index;
        final int[] keys;
        final int offset;
        final RowSchema schema;
        /** {@code schema.size()}, read per column of every row. */
        final int columns;
        /** The current input row of this side in stored form. */
        final StoredForm form;
        final RowReader stored;
        final UnsafeBuffer storedBuffer = new UnsafeBuffer(new byte[0]);
        final int time;
        /**
         * Every non-empty bucket in insertion order (a bucket that empties leaves; when it gets a row
         * again it goes last), linked through the buckets, so that a snapshot writes the same bytes for
         * the same history.
         */
        Bucket first;
        Bucket last;
        int bucketCount;

        Side(int index, int[] keys, int offset, RowSchema schema, int time) {
            this.index = index;
            this.keys = keys;
            this.offset = offset;
            this.schema = schema;
            this.columns = schema.size();
            this.form = new StoredForm(schema);
            this.stored = new RowReader(schema);
            this.time = time;
        }

        /** Puts a bucket that just got its first row last in insertion order. */
        void link(Bucket b) {
            b.before = last;
            if (last == null) {
                first = b;
            } else {
                last.after = b;
            }
            last = b;
            bucketCount++;
        }

        /** Takes a bucket that lost its last row out of the insertion order. */
        void unlink(Bucket b) {
            if (b.before == null) {
                first = b.after;
            } else {
                b.before.after = b.after;
            }
            if (b.after == null) {
                last = b.before;
            } else {
                b.after.before = b.before;
            }
            b.before = null;
            b.after = null;
            bucketCount--;
        }

        void clear() {
            first = null;
            last = null;
            bucketCount = 0;
        }

        RowReader read(Entry e) {
            storedBuffer.wrap(e.row);
            return stored.wrap(storedBuffer, 0, e.row.length);
        }
    }

    /** A stored row. Identity matters: equal rows are distinct entries. */
    private static final class Entry extends ReleaseQueue.Item {
        /** The bucket holding it: releasing or retracting the entry needs no look-up by key. */
        final Bucket bucket;
        final byte[] row;
        int matches;
        /** In the snapshot chain written so far (a later delta must name it to remove or update it). */
        boolean persisted;
        /** In {@link #changed}: new or updated since the last snapshot. */
        boolean changed;
        /** Neighbours in the entry's bucket, in arrival order. */
        Entry prev;
        Entry next;

        Entry(int side, Bucket bucket, byte[] row, long seq, long release, int matches) {
            super(side, seq, release);
            this.bucket = bucket;
            this.row = row;
            this.matches = matches;
        }
    }

    /**
     * One equi-key's stored rows of one side in arrival order: an intrusive list (the entries carry the
     * links), since a join stores one row per input row and a set per key costs a map and a node each.
     */
    private static final class Bucket {
        final Keyed keyed;
        final int side;
        Entry head;
        Entry tail;
        /** Neighbours in the side's insertion order, while the bucket holds rows. */
        Bucket before;
        Bucket after;

        Bucket(Keyed keyed, int side) {
            this.keyed = keyed;
            this.side = side;
        }

        void add(Entry e) {
            e.prev = tail;
            e.next = null;
            if (tail == null) {
                head = e;
            } else {
                tail.next = e;
            }
            tail = e;
        }

        void remove(Entry e) {
            if (e.prev == null) {
                head = e.next;
            } else {
                e.prev.next = e.next;
            }
            if (e.next == null) {
                tail = e.prev;
            } else {
                e.next.prev = e.prev;
            }
            e.prev = null;
            e.next = null;
        }

        boolean isEmpty() {
            return head == null;
        }

        int size() {
            int n = 0;
            for (Entry e = head; e != null; e = e.next) {
                n++;
            }
            return n;
        }
    }

    /**
     * One equi-key's buckets of both sides, found with one look-up: a row probes the other side's
     * bucket and is stored in its own side's, and a key lives while either side holds rows of it (in
     * Nexmark q4 an auction's key is there for all its bids, which come and go, without a look-up
     * table insertion and removal per bid).
     */
    private static final class Keyed {
        /** The key in {@link #byBytes}, or null when the key is {@link #longKey} ({@link #byLong}). */
        final JoinKey key;
        final long longKey;
        /** The left and the right side's buckets; null until that side gets a row of the key. */
        Bucket left;
        Bucket right;

        Keyed(JoinKey key, long longKey) {
            this.key = key;
            this.longKey = longKey;
        }

        Bucket bucket(int side) {
            return side == 0 ? left : right;
        }

        /** The side's bucket, created (empty) when there is none. */
        Bucket bucketOrNew(int side) {
            Bucket b = bucket(side);
            if (b == null) {
                b = new Bucket(this, side);
                if (side == 0) {
                    left = b;
                } else {
                    right = b;
                }
            }
            return b;
        }

        boolean isEmpty() {
            return (left == null || left.isEmpty()) && (right == null || right.isEmpty());
        }
    }

    /**
     * @param condition the compiled residual condition over the output row (no projections), or null
     */
    public JoinOperator(JoinNode node, CompiledCalc condition) {
        this.type = node.type();
        this.bound = node.bound();
        this.regular = !node.interval() && !node.windowed();
        this.ttl = node.stateTtlMs();
        this.condition = condition;
        RowSchema left = node.left().schema();
        int leftTime = node.interval() ? node.bound().leftTime() : node.leftWindowEnd();
        int rightTime = node.interval() ? node.bound().rightTime() : node.rightWindowEnd();
        this.longKey = node.leftKeys().length == 1 && holdsLong(left.column(node.leftKeys()[0]))
                && holdsLong(node.right().schema().column(node.rightKeys()[0]));
        this.byBytes = longKey ? null : new HashMap<>();
        this.byLong = longKey ? new LongKeyMap<>() : null;
        sides[0] = new Side(0, node.leftKeys(), 0, left, leftTime);
        sides[1] = new Side(1, node.rightKeys(), left.size(), node.right().schema(), rightTime);
        List<Column> keyColumns = new ArrayList<>();
        for (int k : node.leftKeys()) {
            keyColumns.add(left.column(k));
        }
        RowSchema keySchema = new RowSchema(keyColumns);
        this.keyWriter = new RowWriter(keySchema);
        this.keyReader = new RowReader(keySchema);
        this.outWriter = new RowWriter(node.schema());
        this.concat = RowConcat.applies(left, node.right().schema(), node.schema())
                ? new RowConcat(left, node.right().schema(), node.schema()) : null;
        this.outReader = new RowReader(node.schema());
        this.padWriter = new RowWriter(node.schema());
        this.padReader = new RowReader(node.schema());
    }

    /** A column whose values are longs that are equal exactly when their encoded keys are. */
    private static boolean holdsLong(Column c) {
        TypeKind kind = c.type().kind();
        return kind == TypeKind.BIGINT || kind == TypeKind.TIMESTAMP;
    }

    @Override
    public void onRow(int input, RowReader row) {
        if (indexesStale) {
            rebuildIndexes();
        }
        Side me = sides[input];
        Side other = sides[1 - input];
        RowKind kind = row.kind();
        boolean retract = kind == RowKind.UPDATE_BEFORE || kind == RowKind.DELETE;
        long release;
        if (regular) {
            release = ttl == 0 ? Long.MAX_VALUE : watermark == Long.MIN_VALUE ? PENDING : saturatedAdd(watermark, ttl);
        } else {
            if (row.isNull(me.time)) {
                if (type.preserves(input)) {
                    emitPadded(me, row, RowKind.INSERT); // can never match: no time
                }
                return;
            }
            long t = row.getLong(me.time);
            if (bound == null ? t - 1 <= watermark : t <= watermark) {
                late(row);
                return;
            }
            release = bound == null ? t - 1 : release(input, row, t);
        }
        if (!key(me, row)) {
            if (type.preserves(input)) { // a NULL key never matches
                emitPadded(me, row, retract ? RowKind.DELETE : RowKind.INSERT);
            }
            return;
        }
        // the row in its stored form: matched pairs are written from it, and it is what store() keeps
        // or removeEqual() looks for
        me.form.write(row);
        Keyed keyed = find();
        Bucket partners = keyed == null ? null : keyed.bucket(other.index);
        int matched = 0;
        if (partners != null) {
            boolean padOther = regular && type.preserves(other.index);
            RowKind joinedKind = retract ? RowKind.DELETE : RowKind.INSERT;
            for (Entry e = partners.head; e != null; e = e.next) {
                RowReader stored = other.read(e);
                if (concat != null) {
                    byte[] mine = me.form.bytes();
                    int length = me.form.length();
                    if (input == 0) {
                        concat.write(joinedKind, mine, length, e.row, e.row.length);
                    } else {
                        concat.write(joinedKind, e.row, e.row.length, mine, length);
                    }
                    outReader.wrap(concat.buffer(), 0, concat.length());
                } else if (input == 0) {
                    writeJoined(joinedKind, row, stored);
                } else {
                    writeJoined(joinedKind, stored, row);
                }
                if (!conditionHolds()) {
                    continue;
                }
                matched++;
                if (type != JoinNode.Type.INNER) {
                    changed(e); // only outer joins read the count
                }
                if (!retract) {
                    if (padOther && e.matches == 0) {
                        emitPadded(other, stored, RowKind.DELETE);
                    }
                    e.matches++;
                    out.accept(outReader);
                } else {
                    e.matches = Math.max(0, e.matches - 1);
                    out.accept(outReader);
                    if (padOther && e.matches == 0) {
                        emitPadded(other, other.read(e), RowKind.INSERT);
                    }
                }
            }
        }
        if (regular && matched == 0 && type.preserves(input)) {
            emitPadded(me, row, retract ? RowKind.DELETE : RowKind.INSERT);
        }
        if (retract) {
            removeEqual(me, keyed);
        } else {
            store(me, keyed, release, matched);
        }
    }

    /**
     * An interval join row's release time: the latest time of a partner it can still meet, by the
     * constant bound and, when its side has one, by its until-column (a NULL there meets nothing, so
     * the row goes with the next watermark past its own time).
     */
    private long release(int input, RowReader row, long t) {
        long release = input == 0 ? saturatedAdd(t, bound.upperMs())
                : bound.lowerMs() == Long.MIN_VALUE ? Long.MAX_VALUE : saturatedAdd(t, -bound.lowerMs());
        JoinNode.Until until = input == 0 ? bound.leftUntil() : bound.rightUntil();
        if (until != null) {
            release = Math.min(release, row.isNull(until.column()) ? t : saturatedAdd(row.getLong(until.column()), until.ms()));
        }
        return release;
    }

    /** Builds the row's equi-key into the probe; false when a key column is NULL. */
    private boolean key(Side side, RowReader row) {
        if (longKey) {
            int k = side.keys[0];
            if (row.isNull(k)) {
                return false;
            }
            probeLong = row.getLong(k);
            return true;
        }
        keyWriter.begin(RowKind.INSERT);
        for (int i = 0; i < side.keys.length; i++) {
            if (row.isNull(side.keys[i])) {
                return false;
            }
            keyWriter.copy(row, side.keys[i], i);
        }
        probe.wrap(keyWriter.buffer(), keyWriter.length());
        return true;
    }

    /** The buckets of the key {@link #key} built last, or null. */
    private Keyed find() {
        return longKey ? byLong.get(probeLong) : byBytes.get(probe);
    }

    /** The buckets of the key {@link #key} built last, given {@link #find}'s answer; added when none. */
    private Keyed findOrAdd(Keyed found) {
        if (found != null) {
            return found;
        }
        Keyed keyed;
        if (longKey) {
            keyed = new Keyed(null, probeLong);
            byLong.add(probeLong, keyed);
        } else {
            keyed = new Keyed(probe.copy(), 0);
            byBytes.put(keyed.key, keyed);
        }
        return keyed;
    }

    /** The restored buckets of the encoded key {@code bytes}, added when none. */
    private Keyed restoredKey(byte[] bytes) {
        if (longKey) {
            long k = keyReader.wrap(new UnsafeBuffer(bytes), 0, bytes.length).getLong(0);
            Keyed keyed = byLong.get(k);
            if (keyed == null) {
                keyed = new Keyed(null, k);
                byLong.add(k, keyed);
            }
            return keyed;
        }
        JoinKey key = new JoinKey(bytes);
        return byBytes.computeIfAbsent(key, k -> new Keyed(k, 0));
    }

    /** Adds a row to a bucket, which joins its side's insertion order when it was empty. */
    private void add(Bucket bucket, Entry e) {
        if (bucket.isEmpty()) {
            sides[bucket.side].link(bucket);
        }
        bucket.add(e);
    }

    /** Removes a row from its bucket; an emptied bucket leaves its side's order, an emptied key the map. */
    private void remove(Entry e) {
        Bucket bucket = e.bucket;
        bucket.remove(e);
        if (bucket.isEmpty()) {
            sides[bucket.side].unlink(bucket);
            Keyed keyed = bucket.keyed;
            if (keyed.isEmpty()) {
                if (longKey) {
                    byLong.remove(keyed.longKey);
                } else {
                    byBytes.remove(keyed.key);
                }
            }
        }
    }

    /** Stores the side's row in {@link Side#form}; {@code keyed}: {@link #find}'s answer. */
    private void store(Side side, Keyed keyed, long release, int matched) {
        byte[] bytes = Arrays.copyOf(side.form.bytes(), side.form.length());
        Bucket bucket = findOrAdd(keyed).bucketOrNew(side.index);
        Entry e = new Entry(side.index, bucket, bytes, seq++, release, matched);
        add(bucket, e);
        index(e);
        changed(e);
        stateBytes += bytes.length + ENTRY_OVERHEAD;
    }

    private void index(Entry e) {
        if (e.release == PENDING) {
            pendingTtl.add(e);
        } else if (e.release != Long.MAX_VALUE) {
            releases.add(e);
        }
    }

    /**
     * Forgets the first stored row equal to the row (a retraction), which
     * the side's {@link Side#form} holds; none: nothing to forget.
     */
    private void removeEqual(Side side, Keyed keyed) {
        Bucket bucket = keyed == null ? null : keyed.bucket(side.index);
        if (bucket == null) {
            return;
        }
        byte[] wanted = side.form.bytes();
        int n = side.form.length();
        for (Entry e = bucket.head; e != null; e = e.next) {
            if (e.row.length == n && Arrays.equals(e.row, 0, n, wanted, 0, n)) {
                remove(e);
                if (e.release == PENDING) {
                    pendingTtl.remove(e);
                } // else: left in the release heap, which skips removed entries
                stateBytes -= e.row.length + ENTRY_OVERHEAD;
                removed(e);
                return;
            }
        }
    }

    /** Writes the joined row column by column and points {@link #outReader} at it. */
    private void writeJoined(RowKind kind, RowReader left, RowReader right) {
        outWriter.begin(kind);
        int l = sides[0].columns;
        for (int i = 0; i < l; i++) {
            outWriter.copy(left, i, i);
        }
        for (int i = 0; i < sides[1].columns; i++) {
            outWriter.copy(right, i, l + i);
        }
        outReader.wrap(outWriter.buffer(), 0, outWriter.length());
    }

    /** Whether the residual condition holds for the joined row {@link #outReader} reads. */
    private boolean conditionHolds() {
        if (condition == null) {
            return true;
        }
        conditionOut.begin(RowKind.INSERT);
        return condition.apply(outReader, conditionOut);
    }

    /** Emits {@code row} of {@code side} with the other side's columns NULL. */
    private void emitPadded(Side side, RowReader row, RowKind kind) {
        padWriter.begin(kind);
        for (int i = 0; i < side.columns; i++) {
            padWriter.copy(row, i, side.offset + i);
        }
        out.accept(padReader.wrap(padWriter.buffer(), 0, padWriter.length()));
    }

    @Override
    public void onWatermark(long wm) {
        if (wm <= watermark) {
            return;
        }
        if (indexesStale) {
            rebuildIndexes();
        }
        boolean first = watermark == Long.MIN_VALUE;
        watermark = wm;
        if (first && !pendingTtl.isEmpty()) {
            for (Entry e : pendingTtl) {
                e.release = saturatedAdd(wm, ttl);
                releases.add(e);
                changed(e);
            }
            pendingTtl.clear();
        }
        for (ReleaseQueue.Item next = releases.peek(); next != null && next.release <= wm; next = releases.peek()) {
            Entry e = (Entry) releases.poll();
            Side side = sides[e.side];
            remove(e);
            stateBytes -= e.row.length + ENTRY_OVERHEAD;
            removed(e);
            if (!regular && e.matches == 0 && type.preserves(e.side)) {
                emitPadded(side, side.read(e), RowKind.INSERT);
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
        }
        return r == PENDING ? PENDING + 1 : r;
    }

    private void changed(Entry e) {
        if (!e.changed) {
            e.changed = true;
            changed.add(e);
            if (changed.size() >= compactChangedAt) {
                compactChanged();
            }
        }
    }

    /**
     * Drops the removed entries from {@link #changed}: an interval join releases most rows soon after
     * they arrive, and without a checkpoint for a while (or ever, when nothing asks for snapshots) the
     * list would keep every released row reachable. The threshold doubles past what stays, so the
     * passes cost O(1) per entry.
     */
    private void compactChanged() {
        changed.removeIf(e -> e.removed);
        compactChangedAt = Math.max(MIN_COMPACT, 2 * changed.size());
    }

    private void removed(Entry e) {
        e.removed = true;
        if (e.persisted) {
            removedSeqs.addLong(e.seq);
        }
    }

    @Override
    public void snapshot(StateWriter w) {
        snapshot(w, true);
    }

    @Override
    public void snapshot(StateWriter w, boolean full) {
        if (indexesStale) {
            rebuildIndexes();
        }
        // Every kind of join writes deltas: rows released by the watermark are removals like retracted
        // ones (those an earlier snapshot of the chain holds are named; the others were never written).
        if (full) {
            w.putLong(FULL);
            w.putLong(watermark).putLong(lateRows()).putLong(seq);
            for (Side side : sides) {
                w.putInt(side.bucketCount);
                for (Bucket b = side.first; b != null; b = b.after) {
                    putKey(w, b.keyed);
                    w.putInt(b.size());
                    for (Entry e = b.head; e != null; e = e.next) {
                        w.putBytes(e.row).putLong(e.seq).putLong(e.release).putInt(e.matches);
                        e.persisted = true;
                    }
                }
            }
        } else {
            w.putLong(DELTA);
            w.putLong(watermark).putLong(lateRows()).putLong(seq);
            w.putInt(removedSeqs.size());
            for (int i = 0; i < removedSeqs.size(); i++) {
                w.putLong(removedSeqs.getLong(i));
            }
            // by sequence: updates of persisted entries, then the new ones in arrival order, which is
            // the order restore appends them to their buckets in
            changed.sort(Comparator.comparingLong(e -> e.seq));
            int n = 0;
            for (Entry e : changed) {
                n += e.removed ? 0 : 1;
            }
            w.putInt(n);
            for (Entry e : changed) {
                if (e.removed) {
                    continue;
                }
                if (e.persisted) {
                    w.putBoolean(false);
                } else {
                    w.putBoolean(true);
                    w.putInt(e.side);
                    putKey(w, e.bucket.keyed);
                    w.putBytes(e.row);
                }
                w.putLong(e.seq).putLong(e.release).putInt(e.matches);
                e.persisted = true;
            }
        }
        for (Entry e : changed) {
            e.changed = false;
        }
        changed.clear();
        compactChangedAt = MIN_COMPACT;
        removedSeqs.clear();
    }

    /** Writes a bucket's encoded key, the same bytes whether the bucket holds them or only its long. */
    private void putKey(StateWriter w, Keyed b) {
        if (b.key != null) {
            w.putBytes(b.key.bytes);
        } else {
            keyWriter.begin(RowKind.INSERT);
            keyWriter.putLong(0, b.longKey);
            w.putBytes(keyWriter.buffer(), 0, keyWriter.length());
        }
    }

    @Override
    public void restore(StateReader r) {
        long first = r.getLong();
        if (first == DELTA) {
            applyDelta(r);
        } else {
            restoreFull(r, first == FULL ? r.getLong() : first);
        }
        indexesStale = true;
    }

    private void restoreFull(StateReader r, long wm) {
        watermark = wm;
        restoreLateRows(r.getLong());
        seq = r.getLong();
        releases.clear();
        pendingTtl.clear();
        changed.clear();
        compactChangedAt = MIN_COMPACT;
        removedSeqs.clear();
        bySeq.clear();
        stateBytes = 0;
        if (longKey) {
            byLong.clear();
        } else {
            byBytes.clear();
        }
        for (Side side : sides) {
            side.clear();
        }
        for (Side side : sides) {
            int buckets = r.getInt();
            for (int i = 0; i < buckets; i++) {
                byte[] key = r.getBytes();
                int n = r.getInt();
                if (n == 0) {
                    continue; // never written so, but an empty bucket is no bucket
                }
                Bucket bucket = restoredKey(key).bucketOrNew(side.index);
                for (int j = 0; j < n; j++) {
                    byte[] row = r.getBytes();
                    Entry e = new Entry(side.index, bucket, row, r.getLong(), r.getLong(), r.getInt());
                    e.persisted = true;
                    add(bucket, e);
                    bySeq.put(e.seq, e);
                    stateBytes += row.length + ENTRY_OVERHEAD;
                }
            }
        }
    }

    private void applyDelta(StateReader r) {
        watermark = r.getLong();
        restoreLateRows(r.getLong());
        seq = r.getLong();
        int removedCount = r.getInt();
        for (int i = 0; i < removedCount; i++) {
            Entry e = bySeq.remove(r.getLong());
            if (e == null) {
                throw new IllegalStateException("a join state delta removes a row the snapshot does not hold");
            }
            remove(e);
            stateBytes -= e.row.length + ENTRY_OVERHEAD;
        }
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            if (r.getBoolean()) {
                Side side = sides[r.getInt()];
                Bucket bucket = restoredKey(r.getBytes()).bucketOrNew(side.index);
                byte[] row = r.getBytes();
                Entry e = new Entry(side.index, bucket, row, r.getLong(), r.getLong(), r.getInt());
                e.persisted = true;
                add(bucket, e);
                bySeq.put(e.seq, e);
                stateBytes += row.length + ENTRY_OVERHEAD;
            } else {
                Entry e = bySeq.get(r.getLong());
                if (e == null) {
                    throw new IllegalStateException("a join state delta updates a row the snapshot does not hold");
                }
                e.release = r.getLong();
                e.matches = r.getInt();
            }
        }
    }

    /** After a restore: the release order and the rows waiting for the first watermark, from the entries. */
    private void rebuildIndexes() {
        indexesStale = false;
        bySeq.clear();
        releases.clear();
        pendingTtl.clear();
        List<Entry> pending = new ArrayList<>();
        for (Side side : sides) {
            for (Bucket bucket = side.first; bucket != null; bucket = bucket.after) {
                for (Entry e = bucket.head; e != null; e = e.next) {
                    if (e.release == PENDING) {
                        pending.add(e);
                    } else if (e.release != Long.MAX_VALUE) {
                        releases.add(e);
                    }
                }
            }
        }
        pending.sort(Comparator.comparingLong(e -> e.seq)); // arrival order, as before the snapshot
        pendingTtl.addAll(pending);
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes);
    }
}
