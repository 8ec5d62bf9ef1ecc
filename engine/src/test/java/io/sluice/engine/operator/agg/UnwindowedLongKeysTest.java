package io.sluice.engine.operator.agg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An unwindowed aggregate whose key columns are all BIGINT/TIMESTAMP looks its groups up by their longs
 * and skips rows that changed no result slot; it must emit exactly the changelog, and write exactly the
 * snapshot bytes, of the same aggregate keeping its groups by key bytes and writing every row (the
 * model, {@code fastPaths} false): same rows in the same order, NULL keys, groups that empty and come
 * back (last in the order), restores from either one's snapshots.
 */
class UnwindowedLongKeysTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TS = DataType.of(TypeKind.TIMESTAMP);
    private static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
    private static final RowSchema IN = new RowSchema(List.of(new Column("a", BIGINT), new Column("b", TS),
            new Column("v", BIGINT), new Column("s", VARCHAR)));

    private static AggregateNode node(int[] keys, List<AggCall> calls, boolean retracting) {
        List<Column> out = new ArrayList<>();
        for (int k : keys) {
            out.add(IN.column(k));
        }
        for (int i = 0; i < calls.size(); i++) {
            out.add(new Column("c" + i, calls.get(i).type()));
        }
        return new AggregateNode(new ScanNode("s", IN, StartMode.EARLIEST), keys, calls, -1, new RowSchema(out),
                retracting);
    }

    private static AggCall call(String fn, int arg, DataType type) {
        return new AggCall(fn, arg < 0 ? new int[0] : new int[] {arg}, false, -1, type);
    }

    /** Plans: q4's two aggregates, retracting ones (removal), ones keeping objects (no plain path), no keys. */
    private static List<AggregateNode> plans() {
        return List.of(
                node(new int[] {0, 1}, List.of(call(AggCall.MAX, 2, BIGINT)), false),
                node(new int[] {0}, List.of(call(AggCall.AVG, 2, BIGINT)), true),
                node(new int[] {1, 0}, List.of(call(AggCall.COUNT, -1, BIGINT), call(AggCall.SUM, 2, BIGINT),
                        call(AggCall.MIN, 2, BIGINT), call(AggCall.COUNT, 3, BIGINT)), false),
                node(new int[] {0, 1}, List.of(call(AggCall.SUM, 2, BIGINT), call(AggCall.COUNT, 2, BIGINT),
                        call(AggCall.AVG, 2, BIGINT), call(AggCall.SUM0, 2, BIGINT)), true),
                node(new int[] {1}, List.of(call(AggCall.MIN, 2, BIGINT), call(AggCall.MAX, 2, BIGINT)), true),
                node(new int[] {0}, List.of(call(AggCall.MAX, 3, VARCHAR), call(AggCall.MAX, 2, BIGINT)), false),
                node(new int[] {1, 0}, List.of(new AggCall(AggCall.COUNT, new int[] {2}, true, -1, BIGINT)), true),
                node(new int[0], List.of(call(AggCall.COUNT, -1, BIGINT), call(AggCall.MAX, 2, BIGINT)), false),
                node(new int[0], List.of(call(AggCall.COUNT, -1, BIGINT), call(AggCall.SUM, 2, BIGINT)), true));
    }

    private final RowWriter writer = new RowWriter(IN);
    private final RowReader reader = new RowReader(IN);

    private RowReader row(RowKind kind, Long[] r) {
        writer.begin(kind);
        for (int i = 0; i < 3; i++) {
            if (r[i] == null) {
                writer.setNull(i);
            } else {
                writer.putLong(i, r[i]);
            }
        }
        if (r[3] == null) {
            writer.setNull(3);
        } else {
            writer.putString(3, "s" + r[3]);
        }
        return reader.wrap(writer.buffer(), 0, writer.length());
    }

    /** An operator and the bytes of every row it emitted (kind included), as hex lines. */
    private static final class Run {
        final AggregateNode node;
        final boolean fast;
        final List<String> out = new ArrayList<>();
        AggregateOperator op;

        Run(AggregateNode node, boolean fast) {
            this.node = node;
            this.fast = fast;
            op = fresh();
        }

        AggregateOperator fresh() {
            AggregateOperator o = new AggregateOperator(node, fast);
            o.output(r -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < r.length(); i++) {
                    b.append(String.format("%02x", r.buffer().getByte(r.offset() + i)));
                }
                out.add(b.toString());
            });
            return o;
        }

        byte[] snapshot() {
            StateWriter w = new StateWriter();
            op.snapshot(w);
            byte[] b = new byte[w.length()];
            w.buffer().getBytes(0, b);
            return b;
        }

        void restore(byte[] snapshot) {
            op = fresh();
            op.restore(new StateReader(new org.agrona.concurrent.UnsafeBuffer(snapshot), 0, snapshot.length));
        }
    }

    private static Long maybe(Random random, int nullPercent, long value) {
        return random.nextInt(100) < nullPercent ? null : value;
    }

    @Test
    void randomChangelogsAndSnapshotsMatchTheGroupsByKeyBytes() {
        Random random = new Random(7);
        for (int round = 0; round < 180; round++) {
            AggregateNode node = plans().get(round % plans().size());
            Run fast = new Run(node, true);
            Run model = new Run(node, false);
            List<Long[]> live = new ArrayList<>(); // rows added and not retracted yet
            int keyRange = 1 + random.nextInt(round % 3 == 0 ? 3 : 40);
            int steps = 50 + random.nextInt(400);
            for (int step = 0; step < steps; step++) {
                int what = random.nextInt(100);
                if (node.retracting() && what < 35 && !live.isEmpty()) {
                    // retract a row added before (some groups empty and go; a later row makes them again)
                    Long[] r = live.remove(random.nextInt(live.size()));
                    RowKind kind = random.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE;
                    fast.op.onRow(0, row(kind, r));
                    model.op.onRow(0, row(kind, r));
                } else if (node.retracting() && what < 38) {
                    // a retraction of a group never seen (or of a value it does not hold) changes nothing
                    Long[] r = {maybe(random, 10, 1000 + random.nextInt(3)), null, 5L, 1L};
                    fast.op.onRow(0, row(RowKind.DELETE, r));
                    model.op.onRow(0, row(RowKind.DELETE, r));
                } else if (what < 43) {
                    byte[] a = fast.snapshot();
                    byte[] b = model.snapshot();
                    assertArrayEquals(b, a, "snapshot bytes, round " + round + " step " + step);
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            fast.restore(a);
                            model.restore(b);
                        }
                        case 1 -> { // the bytes are the same: either reads the other's
                            fast.restore(b);
                            model.restore(a);
                        }
                        default -> {
                        }
                    }
                } else {
                    Long[] r = {maybe(random, 8, random.nextInt(keyRange) - keyRange / 2),
                            maybe(random, 8, Long.MIN_VALUE + random.nextInt(3) * (1L << 62) + random.nextInt(keyRange)),
                            maybe(random, 5, random.nextInt(200) - 50), maybe(random, 10, random.nextInt(30))};
                    fast.op.onRow(0, row(RowKind.INSERT, r));
                    model.op.onRow(0, row(RowKind.INSERT, r));
                    live.add(r);
                }
                assertEquals(model.out, fast.out, "changelog, round " + round + " step " + step);
            }
            assertArrayEquals(model.snapshot(), fast.snapshot(), "final snapshot, round " + round);
            assertEquals(model.op.stateBytes(), fast.op.stateBytes(), "state bytes, round " + round);
        }
    }

    /** The keys of an unwindowed, one-key, plain-longs aggregate's snapshot, in its order. */
    private static List<String> snapshotKeys(StateWriter w) {
        StateReader r = new StateReader(w.buffer(), 0, w.length());
        r.getLong(); // watermark
        r.getLong(); // late rows
        assertEquals(0, r.getInt()); // windows
        int n = r.getInt();
        RowReader key = new RowReader(new RowSchema(List.of(IN.column(0))));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = r.getBytes();
            key.wrap(new org.agrona.concurrent.UnsafeBuffer(b), 0, b.length);
            keys.add(key.isNull(0) ? "null" : Long.toString(key.getLong(0)));
            r.getLongs();
        }
        return keys;
    }

    @Test
    void aGroupThatEmptiesAndComesBackGoesLastAndAMaxThatDoesNotMoveEmitsNothing() {
        AggregateNode node = node(new int[] {0}, List.of(call(AggCall.SUM, 2, BIGINT), call(AggCall.COUNT, 2, BIGINT)),
                true);
        AggregateOperator op = new AggregateOperator(node);
        List<String> out = new ArrayList<>();
        op.output(r -> out.add(r.kind().shortName() + " " + (r.isNull(0) ? "null" : r.getLong(0)) + " "
                + r.getLong(1) + " " + r.getLong(2)));
        op.onRow(0, row(RowKind.INSERT, new Long[] {1L, 0L, 5L, null}));
        op.onRow(0, row(RowKind.INSERT, new Long[] {null, 0L, 7L, null}));
        op.onRow(0, row(RowKind.INSERT, new Long[] {2L, 0L, 3L, null}));
        op.onRow(0, row(RowKind.DELETE, new Long[] {1L, 0L, 5L, null}));
        op.onRow(0, row(RowKind.INSERT, new Long[] {1L, 0L, 6L, null}));
        assertEquals(List.of("+I 1 5 1", "+I null 7 1", "+I 2 3 1", "-D 1 5 1", "+I 1 6 1"), out);

        // the snapshot lists the NULL key's group, then 2, then 1 (made again, so last); a restore keeps that
        AggregateOperator restored = new AggregateOperator(node);
        StateWriter w = new StateWriter();
        op.snapshot(w);
        restored.restore(new StateReader(w.buffer(), 0, w.length()));
        StateWriter w2 = new StateWriter();
        restored.snapshot(w2);
        for (StateWriter s : List.of(w, w2)) {
            assertEquals(List.of("null", "2", "1"), snapshotKeys(s));
        }
        out.clear();
        restored.output(r -> out.add(r.kind().shortName() + " " + r.getLong(0) + " " + r.getLong(1) + " "
                + r.getLong(2)));
        restored.onRow(0, row(RowKind.INSERT, new Long[] {2L, 0L, 8L, null}));
        assertEquals(List.of("-U 2 3 1", "+U 2 11 2"), out);

        // an append-only MAX over long keys: a smaller value changes nothing, a larger one updates
        AggregateNode max = node(new int[] {0, 1}, List.of(call(AggCall.MAX, 2, BIGINT)), false);
        AggregateOperator m = new AggregateOperator(max);
        List<String> mout = new ArrayList<>();
        m.output(rr -> mout.add(rr.kind().shortName() + " " + rr.getLong(2)));
        m.onRow(0, row(RowKind.INSERT, new Long[] {9L, 9L, 10L, null}));
        m.onRow(0, row(RowKind.INSERT, new Long[] {9L, 9L, 4L, null}));
        m.onRow(0, row(RowKind.INSERT, new Long[] {9L, 9L, 10L, null}));
        m.onRow(0, row(RowKind.INSERT, new Long[] {9L, 9L, 12L, null}));
        assertEquals(List.of("+I 10", "-U 10", "+U 12"), mout);
    }
}
