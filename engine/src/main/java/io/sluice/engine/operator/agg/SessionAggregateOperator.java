package io.sluice.engine.operator.agg;

import io.sluice.engine.operator.Operator;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.SessionAggregateNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * GROUP BY a SESSION window (see {@link SessionAggregateNode}). Called on the task's thread only.
 *
 * <p>Each key's open sessions are kept with copies of their rows: a row that bridges two sessions
 * merges them, and keeping rows makes merging exact for every aggregate (DISTINCT included) without
 * a merge function per accumulator; the aggregates are computed once, when the session is emitted.
 * State is therefore the rows of open sessions, released when the watermark closes them.
 *
 * <p>Two windows belong to one session when they overlap: [s1, e1) and [s2, e2) with s2 &lt; e1 and
 * s1 &lt; e2, so a row exactly one gap after the previous one starts a new session. Sessions close
 * in the order of their end, ties in the order the sessions were created (a sequence number kept in
 * the snapshot), which makes the output order the same after a restore.
 */
public final class SessionAggregateOperator extends Operator {
    private static final class Session {
        final long seq;
        final GroupKey key;
        long start;
        long end;
        final List<byte[]> rows = new ArrayList<>(4);

        Session(long seq, GroupKey key, long start, long end) {
            this.seq = seq;
            this.key = key;
            this.start = start;
            this.end = end;
        }
    }

    private static final Comparator<Session> BY_END = Comparator.<Session>comparingLong(s -> s.end)
            .thenComparingLong(s -> s.seq);

    private final int[] groupKeys;
    private final int[] sessionKeys;
    private final int windowStart;
    private final int windowEnd;
    private final Accumulators accumulators;
    private final RowWriter keyWriter;
    private final GroupKey.Probe probe = new GroupKey.Probe();
    private final RowReader stored;
    private final UnsafeBuffer storedBuffer = new UnsafeBuffer(new byte[0]);
    private final RowWriter outWriter;
    private final RowReader outReader;
    private final LinkedHashMap<GroupKey, List<Session>> byKey = new LinkedHashMap<>();
    private final TreeSet<Session> byEnd = new TreeSet<>(BY_END);
    private final List<Session> overlapping = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private long nextSeq;
    private long stateBytes;

    public SessionAggregateOperator(SessionAggregateNode node) {
        this.groupKeys = node.groupKeys();
        this.windowStart = node.windowStart();
        this.windowEnd = node.windowEnd();
        RowSchema in = node.input().schema();
        this.accumulators = new Accumulators(node.calls(), in);
        List<Integer> keys = new ArrayList<>();
        List<Column> keyColumns = new ArrayList<>();
        for (int k : groupKeys) {
            if (k != windowStart && k != windowEnd) {
                keys.add(k);
                keyColumns.add(in.column(k));
            }
        }
        this.sessionKeys = keys.stream().mapToInt(Integer::intValue).toArray();
        this.keyWriter = new RowWriter(new RowSchema(keyColumns));
        this.stored = new RowReader(in);
        this.outWriter = new RowWriter(node.schema());
        this.outReader = new RowReader(node.schema());
    }

    @Override
    public void onRow(int input, RowReader row) {
        if (row.kind() != RowKind.INSERT) {
            throw new IllegalStateException("a SESSION window's input must be append-only, got a "
                    + row.kind().shortName() + " row");
        }
        long start = row.getLong(windowStart);
        long end = row.getLong(windowEnd);
        probe.wrapKey(keyWriter, row, sessionKeys);
        List<Session> sessions = byKey.get(probe);
        overlapping.clear();
        if (sessions != null) {
            for (Session s : sessions) {
                if (start < s.end && s.start < end) {
                    overlapping.add(s);
                }
            }
        }
        if (overlapping.isEmpty() && end - 1 <= watermark) {
            late(row); // its session was emitted already
            return;
        }
        GroupKey key;
        if (sessions == null) {
            key = probe.copy();
            sessions = new ArrayList<>(2);
            byKey.put(key, sessions);
            stateBytes += 64 + key.bytes().length;
        } else {
            key = sessions.get(0).key; // a key's list is never empty: it goes when its last session closes
        }
        Session target;
        if (overlapping.isEmpty()) {
            target = new Session(nextSeq++, key, start, end);
            sessions.add(target);
            stateBytes += 64;
        } else {
            // merge into the oldest overlapping session; the others' rows join it in their creation order
            target = overlapping.get(0);
            for (Session s : overlapping) {
                if (s.seq < target.seq) {
                    target = s;
                }
            }
            byEnd.remove(target);
            for (Session s : overlapping) {
                if (s != target) {
                    byEnd.remove(s);
                    sessions.remove(s);
                    stateBytes -= 64;
                    target.start = Math.min(target.start, s.start);
                    target.end = Math.max(target.end, s.end);
                    target.rows.addAll(s.rows);
                }
            }
            target.start = Math.min(target.start, start);
            target.end = Math.max(target.end, end);
        }
        byte[] copy = new byte[row.length()];
        row.buffer().getBytes(row.offset(), copy);
        target.rows.add(copy);
        stateBytes += 16 + copy.length;
        byEnd.add(target);
    }

    @Override
    public void onWatermark(long wm) {
        if (wm <= watermark) {
            return;
        }
        watermark = wm;
        while (!byEnd.isEmpty() && byEnd.first().end - 1 <= wm) {
            Session s = byEnd.pollFirst();
            emit(s);
            List<Session> sessions = byKey.get(s.key);
            sessions.remove(s);
            stateBytes -= 64;
            for (byte[] r : s.rows) {
                stateBytes -= 16 + r.length;
            }
            if (sessions.isEmpty()) {
                byKey.remove(s.key);
                stateBytes -= 64 + s.key.bytes().length;
            }
        }
    }

    private void emit(Session s) {
        Group g = accumulators.newGroup(s.key);
        for (byte[] r : s.rows) {
            accumulators.accumulate(g, wrap(r), 1);
        }
        RowReader first = wrap(s.rows.get(0));
        outWriter.begin(RowKind.INSERT);
        for (int i = 0; i < groupKeys.length; i++) {
            int k = groupKeys[i];
            if (k == windowStart) {
                outWriter.putLong(i, s.start);
            } else if (k == windowEnd) {
                outWriter.putLong(i, s.end);
            } else {
                outWriter.copy(first, k, i);
            }
        }
        accumulators.write(g, outWriter, groupKeys.length);
        out.accept(outReader.wrap(outWriter.buffer(), 0, outWriter.length()));
    }

    private RowReader wrap(byte[] bytes) {
        storedBuffer.wrap(bytes);
        return stored.wrap(storedBuffer, 0, bytes.length);
    }

    @Override
    public void snapshot(StateWriter w) {
        w.putLong(watermark).putLong(lateRows()).putLong(nextSeq);
        w.putInt(byKey.size());
        for (Map.Entry<GroupKey, List<Session>> e : byKey.entrySet()) {
            w.putBytes(e.getKey().bytes());
            w.putInt(e.getValue().size());
            for (Session s : e.getValue()) {
                w.putLong(s.seq).putLong(s.start).putLong(s.end);
                w.putInt(s.rows.size());
                for (byte[] r : s.rows) {
                    w.putBytes(r);
                }
            }
        }
    }

    @Override
    public void restore(StateReader r) {
        watermark = r.getLong();
        restoreLateRows(r.getLong());
        nextSeq = r.getLong();
        byKey.clear();
        byEnd.clear();
        stateBytes = 0;
        int keys = r.getInt();
        for (int i = 0; i < keys; i++) {
            GroupKey key = new GroupKey(r.getBytes());
            int n = r.getInt();
            List<Session> sessions = new ArrayList<>(Math.max(2, n));
            for (int j = 0; j < n; j++) {
                Session s = new Session(r.getLong(), key, r.getLong(), r.getLong());
                int rows = r.getInt();
                for (int k = 0; k < rows; k++) {
                    byte[] row = r.getBytes();
                    s.rows.add(row);
                    stateBytes += 16 + row.length;
                }
                sessions.add(s);
                byEnd.add(s);
                stateBytes += 64;
            }
            byKey.put(key, sessions);
            stateBytes += 64 + key.bytes().length;
        }
    }

    @Override
    public long stateBytes() {
        return Math.max(0, stateBytes);
    }

    /** Open sessions, for tests. */
    int openSessions() {
        int n = 0;
        for (Iterator<List<Session>> it = byKey.values().iterator(); it.hasNext(); ) {
            n += it.next().size();
        }
        return n;
    }
}
