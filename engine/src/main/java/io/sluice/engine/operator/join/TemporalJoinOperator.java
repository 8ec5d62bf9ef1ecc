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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Runs an event-time temporal join ({@link JoinNode#asOf()} set; SQL's {@code FOR SYSTEM_TIME AS OF}).
 * Input 0 is the stream (left), input 1 the table's changelog (right); both arrive partitioned by the
 * join key, which covers the table's primary key.
 *
 * <p>The table side keeps, per key, its versions by version time (the right time column): an +I or +U
 * row is the key's value from its time on; a -U is skipped (the +U that follows it is the new
 * version); a -D ends the key's value. A retraction carries the deleted row, not the moment of its
 * deletion, so a delete takes effect at the latest version time this task has seen on the table side
 * (at least the deleted row's own time): a stream row at or after it finds no version.
 *
 * <p>A stream row is held until the watermark (the minimum of both inputs') reaches its time, so that
 * every version up to its time has arrived; then it is joined with the version valid at its time (the
 * latest not after it; none if that one is a delete) and emitted as +I, or, for a LEFT join, padded
 * with NULLs when there is no such version or the residual condition is not TRUE. Rows leave in (time,
 * arrival) order, which a snapshot keeps, so a replay emits the same rows in the same order. A stream
 * row whose time is already at or behind the watermark is late: counted and dropped. A table row
 * behind the watermark is still applied: it decides the rows still waiting (all later than the
 * watermark) if it is their latest version; rows already emitted are final. A row with a NULL time
 * or key on the stream side can match nothing (LEFT pads it at once); on the table side it is no
 * version and is skipped.
 *
 * <p>State is bounded by the watermark: once it passes, a key keeps only its version valid at the
 * watermark and the later ones (a delete valid at the watermark leaves nothing), and the emitted
 * stream rows are gone.
 */
public final class TemporalJoinOperator extends Operator {
    /** A delete in a key's versions. Compared by identity. */
    private static final byte[] DELETED = new byte[0];
    private static final int ENTRY_OVERHEAD = 64;

    private final boolean left;
    private final int[] streamKeys;
    private final int[] tableKeys;
    private final int streamTime;
    private final int tableTime;
    private final RowSchema streamSchema;
    private final RowSchema tableSchema;
    private final CompiledCalc condition;
    private final RowWriter conditionOut = new RowWriter(RowSchema.of());
    private final RowWriter streamCopier;
    private final RowWriter tableCopier;
    private final RowReader storedStream;
    private final RowReader storedTable;
    private final UnsafeBuffer streamBuffer = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer tableBuffer = new UnsafeBuffer(new byte[0]);
    private final RowWriter keyWriter;
    private final JoinKey.Probe probe = new JoinKey.Probe();
    private final RowWriter outWriter;
    private final RowReader outReader;

    /** Stream rows waiting for the watermark, in (time, arrival) order. */
    private final TreeSet<Waiting> waiting = new TreeSet<>(
            Comparator.comparingLong((Waiting w) -> w.time).thenComparingLong(w -> w.seq));
    /** Per key, its versions. Insertion order: for snapshots. */
    private final LinkedHashMap<JoinKey, Versions> versions = new LinkedHashMap<>();
    /** Keys with more than one version or a delete: the only ones the watermark may trim. */
    private final LinkedHashSet<JoinKey> trimmable = new LinkedHashSet<>();
    private long watermark = Long.MIN_VALUE;
    private long latestVersion = Long.MIN_VALUE;
    private long seq;
    private long stateBytes;

    /** One key's versions by time ({@link #DELETED} for a delete). */
    private static final class Versions {
        final JoinKey key;
        final TreeMap<Long, byte[]> byTime = new TreeMap<>();

        Versions(JoinKey key) {
            this.key = key;
        }
    }

    /** A stream row held until the watermark reaches its time. */
    private record Waiting(long time, long seq, JoinKey key, byte[] row) {
    }

    /**
     * @param node      a temporal join (INNER or LEFT)
     * @param condition the compiled residual condition over the output row (no projections), or null
     */
    public TemporalJoinOperator(JoinNode node, CompiledCalc condition) {
        if (!node.temporal()) {
            throw new IllegalArgumentException("not a temporal join");
        }
        this.left = node.type() == JoinNode.Type.LEFT;
        this.streamKeys = node.leftKeys();
        this.tableKeys = node.rightKeys();
        this.streamTime = node.asOf().leftTime();
        this.tableTime = node.asOf().rightTime();
        this.streamSchema = node.left().schema();
        this.tableSchema = node.right().schema();
        this.condition = condition;
        this.streamCopier = new RowWriter(streamSchema);
        this.tableCopier = new RowWriter(tableSchema);
        this.storedStream = new RowReader(streamSchema);
        this.storedTable = new RowReader(tableSchema);
        List<Column> keyColumns = new ArrayList<>();
        for (int k : streamKeys) {
            keyColumns.add(streamSchema.column(k));
        }
        this.keyWriter = new RowWriter(new RowSchema(keyColumns));
        this.outWriter = new RowWriter(node.schema());
        this.outReader = new RowReader(node.schema());
    }

    @Override
    public void onRow(int input, RowReader row) {
        if (input == 0) {
            onStreamRow(row);
        } else {
            onTableRow(row);
        }
    }

    private void onStreamRow(RowReader row) {
        if (row.isNull(streamTime) || !key(streamKeys, row)) {
            if (left) {
                emit(row, null); // no time or no key: no version can ever match
            }
            return;
        }
        long t = row.getLong(streamTime);
        if (t <= watermark) {
            late(row);
            return;
        }
        byte[] bytes = copy(streamCopier, streamSchema, row);
        waiting.add(new Waiting(t, seq++, probe.copy(), bytes));
        stateBytes += bytes.length + ENTRY_OVERHEAD;
    }

    private void onTableRow(RowReader row) {
        RowKind kind = row.kind();
        if (kind == RowKind.UPDATE_BEFORE || !key(tableKeys, row)) {
            return;
        }
        boolean delete = kind == RowKind.DELETE;
        long t;
        if (row.isNull(tableTime)) {
            if (!delete) {
                return; // a version needs a time
            }
            t = latestVersion;
        } else {
            t = delete ? Math.max(row.getLong(tableTime), latestVersion) : row.getLong(tableTime);
        }
        Versions mine = versions.get(probe);
        if (mine == null) {
            if (delete) {
                return; // nothing to end
            }
            mine = new Versions(probe.copy());
            versions.put(mine.key, mine);
        }
        byte[] value = delete ? DELETED : copy(tableCopier, tableSchema, row);
        byte[] before = mine.byTime.put(t, value);
        stateBytes += value.length + (before == null ? ENTRY_OVERHEAD : -before.length);
        latestVersion = Math.max(latestVersion, t);
        if (mine.byTime.size() > 1 || delete) {
            trimmable.add(mine.key);
        }
    }

    /** Builds the row's key into the probe; false when a key column is NULL. */
    private boolean key(int[] keys, RowReader row) {
        keyWriter.begin(RowKind.INSERT);
        for (int i = 0; i < keys.length; i++) {
            if (row.isNull(keys[i])) {
                return false;
            }
            keyWriter.copy(row, keys[i], i);
        }
        probe.wrap(keyWriter.buffer(), keyWriter.length());
        return true;
    }

    /** The row canonically (columns in order, a plain +I header), as bytes to keep. */
    private static byte[] copy(RowWriter copier, RowSchema schema, RowReader row) {
        copier.begin(RowKind.INSERT);
        for (int i = 0; i < schema.size(); i++) {
            copier.copy(row, i, i);
        }
        byte[] bytes = new byte[copier.length()];
        copier.buffer().getBytes(0, bytes);
        return bytes;
    }

    @Override
    public void onWatermark(long wm) {
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        while (!waiting.isEmpty() && waiting.first().time() <= wm) {
            Waiting w = waiting.pollFirst();
            stateBytes -= w.row().length + ENTRY_OVERHEAD;
            streamBuffer.wrap(w.row());
            RowReader row = storedStream.wrap(streamBuffer, 0, w.row().length);
            Versions mine = versions.get(w.key());
            Map.Entry<Long, byte[]> version = mine == null ? null : mine.byTime.floorEntry(w.time());
            RowReader match = null;
            if (version != null && version.getValue() != DELETED) {
                tableBuffer.wrap(version.getValue());
                match = storedTable.wrap(tableBuffer, 0, version.getValue().length);
            }
            emit(row, match);
        }
        trim(wm);
    }

    /** Joins {@code row} with {@code version} (null: none) and emits it, or pads it (LEFT), or drops it. */
    private void emit(RowReader row, RowReader version) {
        int n = streamSchema.size();
        outWriter.begin(RowKind.INSERT);
        for (int i = 0; i < n; i++) {
            outWriter.copy(row, i, i);
        }
        if (version != null) {
            for (int i = 0; i < tableSchema.size(); i++) {
                outWriter.copy(version, i, n + i);
            }
            if (conditionHolds()) {
                out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
                return;
            }
            if (!left) {
                return;
            }
            outWriter.begin(RowKind.INSERT); // the condition failed: pad instead (begin makes every column NULL)
            for (int i = 0; i < n; i++) {
                outWriter.copy(row, i, i);
            }
        } else if (!left) {
            return;
        }
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    private boolean conditionHolds() {
        if (condition == null) {
            return true;
        }
        conditionOut.begin(RowKind.INSERT);
        return condition.apply(outReader.wrap(outWriter.buffer(), 0, outWriter.length()), conditionOut);
    }

    /** Drops the versions no waiting or future stream row can see: all before the one valid at {@code wm}. */
    private void trim(long wm) {
        for (Iterator<JoinKey> it = trimmable.iterator(); it.hasNext(); ) {
            JoinKey key = it.next();
            TreeMap<Long, byte[]> mine = versions.get(key).byTime;
            Long valid = mine.floorKey(wm);
            if (valid != null) {
                while (mine.firstKey() < valid) {
                    stateBytes -= mine.pollFirstEntry().getValue().length + ENTRY_OVERHEAD;
                }
                if (mine.firstEntry().getValue() == DELETED) {
                    mine.pollFirstEntry(); // ended before every row still to come
                    stateBytes -= ENTRY_OVERHEAD;
                }
            }
            if (mine.isEmpty()) {
                versions.remove(key);
                it.remove();
            } else if (mine.size() == 1 && mine.firstEntry().getValue() != DELETED) {
                it.remove();
            }
        }
    }

    @Override
    public void snapshot(StateWriter w) {
        w.putLong(watermark).putLong(lateRows()).putLong(seq).putLong(latestVersion);
        w.putInt(waiting.size());
        for (Waiting row : waiting) {
            w.putLong(row.time()).putLong(row.seq()).putBytes(row.key().bytes).putBytes(row.row());
        }
        w.putInt(versions.size());
        for (Versions e : versions.values()) {
            w.putBytes(e.key.bytes).putInt(e.byTime.size());
            for (Map.Entry<Long, byte[]> v : e.byTime.entrySet()) {
                boolean deleted = v.getValue() == DELETED;
                w.putLong(v.getKey()).putInt(deleted ? 1 : 0);
                if (!deleted) {
                    w.putBytes(v.getValue());
                }
            }
        }
    }

    @Override
    public void restore(StateReader r) {
        watermark = r.getLong();
        restoreLateRows(r.getLong());
        seq = r.getLong();
        latestVersion = r.getLong();
        waiting.clear();
        versions.clear();
        trimmable.clear();
        stateBytes = 0;
        int n = r.getInt();
        for (int i = 0; i < n; i++) {
            long time = r.getLong();
            long s = r.getLong();
            JoinKey key = new JoinKey(r.getBytes());
            byte[] row = r.getBytes();
            waiting.add(new Waiting(time, s, key, row));
            stateBytes += row.length + ENTRY_OVERHEAD;
        }
        int keys = r.getInt();
        for (int i = 0; i < keys; i++) {
            Versions mine = new Versions(new JoinKey(r.getBytes()));
            int count = r.getInt();
            boolean anyDeleted = false;
            for (int j = 0; j < count; j++) {
                long t = r.getLong();
                byte[] value = r.getInt() == 1 ? DELETED : r.getBytes();
                anyDeleted |= value == DELETED;
                mine.byTime.put(t, value);
                stateBytes += value.length + ENTRY_OVERHEAD;
            }
            versions.put(mine.key, mine);
            if (count > 1 || anyDeleted) {
                trimmable.add(mine.key);
            }
        }
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes);
    }
}
