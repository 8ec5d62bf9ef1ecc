package io.sluice.engine.operator.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.JoinNode;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The join operator on its own: changelog semantics of regular outer joins (retractions on either
 * side), the event-time TTL, outer rows of interval joins at release, late rows, and state that
 * survives a snapshot and restore.
 */
class JoinOperatorTest {
    private static final RowSchema SIDE = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("v", DataType.varchar(DataType.UNBOUNDED)), new Column("t", DataType.of(TypeKind.TIMESTAMP)));
    private static final RowSchema OUT = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("v", DataType.varchar(DataType.UNBOUNDED)), new Column("t", DataType.of(TypeKind.TIMESTAMP)),
            new Column("k0", DataType.of(TypeKind.BIGINT)), new Column("v0", DataType.varchar(DataType.UNBOUNDED)),
            new Column("t0", DataType.of(TypeKind.TIMESTAMP)));

    private final List<String> out = new ArrayList<>();
    private final RowWriter writer = new RowWriter(SIDE);
    private final RowReader reader = new RowReader(SIDE);

    private static JoinNode node(JoinNode.Type type, JoinNode.TimeBound bound, long ttl) {
        ScanNode l = new ScanNode("l", SIDE, StartMode.EARLIEST);
        ScanNode r = new ScanNode("r", SIDE, StartMode.EARLIEST);
        return new JoinNode(l, r, type, new int[] {0}, new int[] {0}, null, bound, -1, -1, ttl, OUT);
    }

    private JoinOperator operator(JoinNode node) {
        JoinOperator op = new JoinOperator(node, null);
        op.output(row -> out.add(row.kind().shortName() + Arrays.toString(row.toArray())));
        return op;
    }

    private void send(JoinOperator op, int side, RowKind kind, long k, String v, long t) {
        writer.begin(kind);
        writer.putLong(0, k);
        writer.putString(1, v);
        writer.putLong(2, t);
        op.onRow(side, reader.wrap(writer.buffer(), 0, writer.length()));
    }

    private List<String> drain() {
        List<String> copy = List.copyOf(out);
        out.clear();
        return copy;
    }

    @Test
    void leftJoinRetractsPaddedRowWhenPartnerArrivesAndRestoresItWhenPartnerIsRetracted() {
        JoinOperator op = operator(node(JoinNode.Type.LEFT, null, 0));
        send(op, 0, RowKind.INSERT, 1, "a", 10);
        assertEquals(List.of("+I[1, a, 10, null, null, null]"), drain());
        send(op, 1, RowKind.INSERT, 1, "x", 20);
        assertEquals(List.of("-D[1, a, 10, null, null, null]", "+I[1, a, 10, 1, x, 20]"), drain());
        send(op, 1, RowKind.INSERT, 1, "y", 30);
        assertEquals(List.of("+I[1, a, 10, 1, y, 30]"), drain());
        send(op, 1, RowKind.DELETE, 1, "x", 20);
        assertEquals(List.of("-D[1, a, 10, 1, x, 20]"), drain());
        send(op, 1, RowKind.UPDATE_BEFORE, 1, "y", 30);
        assertEquals(List.of("-D[1, a, 10, 1, y, 30]", "+I[1, a, 10, null, null, null]"), drain());
        send(op, 0, RowKind.DELETE, 1, "a", 10);
        assertEquals(List.of("-D[1, a, 10, null, null, null]"), drain());
        // nothing is left: a new right row matches nothing and a LEFT join does not pad the right side
        send(op, 1, RowKind.INSERT, 1, "z", 40);
        assertEquals(List.of(), drain());
        send(op, 0, RowKind.INSERT, 2, "b", 50);
        assertEquals(List.of("+I[2, b, 50, null, null, null]"), drain());
    }

    @Test
    void innerJoinRetractionOfLeftRowRetractsEveryResultOfIt() {
        JoinOperator op = operator(node(JoinNode.Type.INNER, null, 0));
        send(op, 1, RowKind.INSERT, 1, "x", 1);
        send(op, 1, RowKind.INSERT, 1, "y", 2);
        send(op, 0, RowKind.INSERT, 1, "a", 3);
        assertEquals(List.of("+I[1, a, 3, 1, x, 1]", "+I[1, a, 3, 1, y, 2]"), drain());
        send(op, 0, RowKind.UPDATE_BEFORE, 1, "a", 3);
        send(op, 0, RowKind.UPDATE_AFTER, 1, "b", 3);
        assertEquals(List.of("-D[1, a, 3, 1, x, 1]", "-D[1, a, 3, 1, y, 2]", "+I[1, b, 3, 1, x, 1]",
                "+I[1, b, 3, 1, y, 2]"), drain());
    }

    @Test
    void stateTtlInEventTimeForgetsRowsOnceTheWatermarkPassesArrivalPlusTtl() {
        JoinOperator op = operator(node(JoinNode.Type.INNER, null, 1000));
        send(op, 0, RowKind.INSERT, 1, "early", 0); // before any watermark: its TTL starts at the first one
        op.onWatermark(5000);
        send(op, 0, RowKind.INSERT, 1, "a", 0);
        op.onWatermark(5999);
        send(op, 1, RowKind.INSERT, 1, "x", 0);
        assertEquals(List.of("+I[1, early, 0, 1, x, 0]", "+I[1, a, 0, 1, x, 0]"), drain());
        long held = op.stateBytes();
        op.onWatermark(6000); // early and a (5000 + 1000) go; x (5999 + 1000) stays
        assertTrue(op.stateBytes() < held);
        send(op, 0, RowKind.INSERT, 1, "b", 0);
        assertEquals(List.of("+I[1, b, 0, 1, x, 0]"), drain());
        op.onWatermark(7000);
        send(op, 0, RowKind.INSERT, 1, "c", 0);
        assertEquals(List.of(), drain());
    }

    @Test
    void intervalLeftJoinPadsUnmatchedRowsWhenTheirBoundClosesAndCountsLateRows() {
        // right.t - left.t in [0, 10]
        JoinOperator op = operator(node(JoinNode.Type.LEFT, new JoinNode.TimeBound(2, 2, 0, 10), 0));
        send(op, 0, RowKind.INSERT, 1, "a", 100);
        send(op, 0, RowKind.INSERT, 2, "b", 100);
        send(op, 1, RowKind.INSERT, 1, "x", 110);
        assertEquals(List.of("+I[1, a, 100, 1, x, 110]"), drain());
        op.onWatermark(109);
        assertEquals(List.of(), drain());
        op.onWatermark(110);
        assertEquals(List.of("+I[2, b, 100, null, null, null]"), drain());
        send(op, 1, RowKind.INSERT, 2, "late", 105); // at or behind the watermark
        send(op, 0, RowKind.INSERT, 3, "late", 110);
        assertEquals(List.of(), drain());
        assertEquals(2, op.lateRows());
        op.onWatermark(Long.MAX_VALUE);
        assertEquals(0, op.stateBytes());
    }

    @Test
    void aColumnBoundReleasesEachLeftRowAtItsOwnColumnAndEachRightRowAtItsTime() {
        // left (k, v, t, until) joined with right (k, v, t): right.t >= left.t and right.t <= left.until
        RowSchema lots = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
                new Column("v", DataType.varchar(DataType.UNBOUNDED)), new Column("t", DataType.of(TypeKind.TIMESTAMP)),
                new Column("until", DataType.of(TypeKind.TIMESTAMP)));
        List<Column> outColumns = new ArrayList<>(lots.columns());
        outColumns.addAll(SIDE.columns().stream().map(c -> new Column(c.name() + "0", c.type())).toList());
        JoinNode.TimeBound bound = new JoinNode.TimeBound(2, 2, 0, Long.MAX_VALUE, new JoinNode.Until(3, 0), null);
        JoinNode node = new JoinNode(new ScanNode("l", lots, StartMode.EARLIEST), new ScanNode("r", SIDE, StartMode.EARLIEST),
                JoinNode.Type.LEFT, new int[] {0}, new int[] {0}, null, bound, -1, -1, 0, new RowSchema(outColumns));
        assertEquals(3, node.version()); // an older Sluice must refuse the plan rather than keep rows wrongly
        JoinOperator op = operator(node);
        RowWriter lot = new RowWriter(lots);
        RowReader lotReader = new RowReader(lots);
        java.util.function.BiConsumer<Long, long[]> sendLot = (k, times) -> {
            lot.begin(RowKind.INSERT);
            lot.putLong(0, k);
            lot.putString(1, "lot" + k);
            lot.putLong(2, times[0]);
            lot.putLong(3, times[1]);
            op.onRow(0, lotReader.wrap(lot.buffer(), 0, lot.length()));
        };
        sendLot.accept(1L, new long[] {100, 500});
        sendLot.accept(2L, new long[] {100, 120});
        send(op, 1, RowKind.INSERT, 1, "x", 400); // kept until the watermark passes 400
        assertEquals(List.of("+I[1, lot1, 100, 500, 1, x, 400]"), drain());
        op.onWatermark(119);
        assertEquals(List.of(), drain());
        op.onWatermark(120); // lot 2 can meet nothing after its until
        assertEquals(List.of("+I[2, lot2, 100, 120, null, null, null]"), drain());
        op.onWatermark(400); // the right row goes: a later lot starts after the watermark
        long lotOnly = op.stateBytes();
        assertTrue(lotOnly > 0);
        send(op, 1, RowKind.INSERT, 1, "y", 500); // at lot 1's until: still matches
        assertEquals(List.of("+I[1, lot1, 100, 500, 1, y, 500]"), drain());
        op.onWatermark(499);
        assertEquals(List.of(), drain());
        op.onWatermark(500);
        assertEquals(List.of(), drain()); // lot 1 matched, so no padded row
        op.onWatermark(501);
        assertEquals(0, op.stateBytes());
    }

    @Test
    void unmatchedRowsAreReleasedInReleaseThenArrivalOrderHoweverTheyArrive() {
        // FULL, right.t - left.t in [0, 10]: a left row is released at t + 10, a right row at t; rows of
        // both sides interleaved, out-of-order times, ties, a restore midway; no key matches, so every
        // row comes out padded at its release
        java.util.function.Supplier<JoinOperator> fresh =
                () -> operator(node(JoinNode.Type.FULL, new JoinNode.TimeBound(2, 2, 0, 10), 0));
        JoinOperator op = fresh.get();
        java.util.Random random = new java.util.Random(11);
        List<long[]> sent = new ArrayList<>(); // {release, arrival, side, key, t}
        long base = 1000;
        long wm = Long.MIN_VALUE;
        for (int i = 0; i < 3000; i++) {
            base += random.nextInt(3);
            long t = Math.max(wm + 1, base - random.nextInt(50)); // mostly ascending, some behind, never late
            int side = random.nextInt(2);
            send(op, side, RowKind.INSERT, i, "r", t);
            sent.add(new long[] {side == 0 ? t + 10 : t, i, side, i, t});
            if (i % 500 == 499) {
                wm = base - 60;
                op.onWatermark(wm);
            }
            if (i == 1500) {
                StateWriter w = new StateWriter();
                op.snapshot(w);
                op = fresh.get();
                op.restore(new StateReader(w.buffer(), 0, w.length()));
            }
        }
        op.onWatermark(Long.MAX_VALUE);
        sent.sort(java.util.Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        List<String> expected = new ArrayList<>();
        for (long[] r : sent) {
            expected.add(r[2] == 0 ? "+I[" + r[3] + ", r, " + r[4] + ", null, null, null]"
                    : "+I[null, null, null, " + r[3] + ", r, " + r[4] + "]");
        }
        assertEquals(expected, drain());
    }

    @Test
    void snapshotAndRestoreKeepRowsMatchCountsAndTtlOrder() {
        JoinNode node = node(JoinNode.Type.LEFT, null, 100);
        JoinOperator op = operator(node);
        send(op, 0, RowKind.INSERT, 1, "a", 0);
        send(op, 0, RowKind.INSERT, 1, "b", 0);
        send(op, 1, RowKind.INSERT, 1, "x", 0);
        op.onWatermark(50);
        op.onWatermark(60);
        send(op, 0, RowKind.INSERT, 2, "c", 0);
        drain();
        StateWriter w = new StateWriter();
        op.snapshot(w);

        JoinOperator restored = operator(node);
        restored.restore(new StateReader(w.buffer(), 0, w.length()));
        assertEquals(op.stateBytes(), restored.stateBytes());
        send(restored, 1, RowKind.DELETE, 1, "x", 0);
        assertEquals(List.of("-D[1, a, 0, 1, x, 0]", "+I[1, a, 0, null, null, null]", "-D[1, b, 0, 1, x, 0]",
                "+I[1, b, 0, null, null, null]"), drain());
        restored.onWatermark(150); // a and b (TTL from the first watermark, 50 + 100) go; c (60 + 100) stays
        send(restored, 1, RowKind.INSERT, 1, "y", 0);
        send(restored, 1, RowKind.INSERT, 2, "z", 0);
        assertEquals(List.of("-D[2, c, 0, null, null, null]", "+I[2, c, 0, 2, z, 0]"), drain());
    }

    /** Drives the same rows into two operators; they must answer the same. */
    private void both(JoinOperator a, JoinOperator b, int side, RowKind kind, long k, String v) {
        send(a, side, kind, k, v, 0);
        List<String> fromA = drain();
        send(b, side, kind, k, v, 0);
        assertEquals(fromA, drain());
    }

    @Test
    void aChainOfAFullSnapshotAndDeltasRestoresWhatTheOperatorHeld() {
        JoinNode node = node(JoinNode.Type.LEFT, null, 100);
        JoinOperator op = operator(node);
        StateWriter w = new StateWriter();
        send(op, 0, RowKind.INSERT, 1, "a", 0); // waits for the first watermark for its TTL
        send(op, 0, RowKind.INSERT, 1, "b", 0);
        send(op, 1, RowKind.INSERT, 1, "x", 0);
        op.snapshot(w, true);
        op.onWatermark(50); // a, b, x now released at 150
        send(op, 0, RowKind.INSERT, 2, "c", 0); // released at 150
        op.snapshot(w, false);
        send(op, 1, RowKind.DELETE, 1, "x", 0); // removes a persisted row, a and b lose their match
        send(op, 1, RowKind.INSERT, 3, "gone", 0);
        send(op, 1, RowKind.DELETE, 3, "gone", 0); // added and removed between two snapshots
        op.snapshot(w, false);
        op.onWatermark(70);
        send(op, 1, RowKind.INSERT, 2, "y", 0); // c matches
        send(op, 0, RowKind.INSERT, 4, "d", 0); // released at 170
        op.snapshot(w, false);
        drain();

        JoinOperator restored = operator(node);
        StateReader r = new StateReader(w.buffer(), 0, w.length());
        while (r.hasMore()) {
            restored.restore(r);
        }
        assertEquals(op.stateBytes(), restored.stateBytes());
        both(op, restored, 1, RowKind.INSERT, 1, "z");
        both(op, restored, 1, RowKind.DELETE, 2, "y");
        both(op, restored, 1, RowKind.INSERT, 4, "w");
        op.onWatermark(160); // a, b, c, x-side rows go; d stays
        List<String> fromOp = drain();
        restored.onWatermark(160);
        assertEquals(fromOp, drain());
        both(op, restored, 0, RowKind.INSERT, 1, "e");
        both(op, restored, 1, RowKind.INSERT, 4, "v");
        assertEquals(op.stateBytes(), restored.stateBytes());

        // a delta written after a restore applies onto it too
        StateWriter again = new StateWriter();
        restored.snapshot(again, true);
        both(op, restored, 0, RowKind.INSERT, 4, "f");
        restored.snapshot(again, false);
        JoinOperator third = operator(node);
        StateReader r2 = new StateReader(again.buffer(), 0, again.length());
        while (r2.hasMore()) {
            third.restore(r2);
        }
        both(op, third, 1, RowKind.INSERT, 4, "u");
        assertEquals(op.stateBytes(), third.stateBytes());
    }

    /**
     * An interval FULL join driven with random rows and watermarks, checkpointed as a task does (a full
     * snapshot starts a chain, deltas follow until they outgrow it) and killed at some checkpoints: a
     * fresh operator restored from the chain so far carries on. Rows are released between the deltas,
     * both persisted ones and ones that never reached a snapshot; keys repeat, so buckets empty and come
     * back. The output and the late count must be those of one operator that was never restored. Run
     * with the key on a BIGINT column (buckets found by the long) and on a VARCHAR one (by the bytes).
     */
    @Test
    void anIntervalJoinRestoredFromAFullSnapshotAndDeltasAnswersAsOneNeverRestored() {
        for (int keyColumn : new int[] {0, 1}) {
            for (long seed = 1; seed <= 4; seed++) {
                JoinNode node = new JoinNode(new ScanNode("l", SIDE, StartMode.EARLIEST),
                        new ScanNode("r", SIDE, StartMode.EARLIEST), JoinNode.Type.FULL, new int[] {keyColumn},
                        new int[] {keyColumn}, null, new JoinNode.TimeBound(2, 2, -5, 10), -1, -1, 0, OUT);
                List<long[]> events = randomIntervalEvents(new java.util.Random(seed));

                JoinOperator reference = operator(node);
                for (long[] ev : events) {
                    apply(reference, ev);
                }
                reference.onWatermark(Long.MAX_VALUE);
                List<String> expected = drain();
                long expectedLate = reference.lateRows();

                JoinOperator op = operator(node);
                List<byte[]> chain = new ArrayList<>();
                long baseBytes = 0;
                long chainBytes = 0;
                int deltas = 0;
                int restores = 0;
                int checkpoints = 0;
                for (int i = 0; i < events.size(); i++) {
                    apply(op, events.get(i));
                    if (i % 53 != 52) {
                        continue;
                    }
                    checkpoints++;
                    boolean full = chain.isEmpty() || chainBytes > baseBytes;
                    StateWriter w = new StateWriter();
                    op.snapshot(w, full);
                    byte[] bytes = new byte[w.length()];
                    w.buffer().getBytes(0, bytes);
                    if (full) {
                        chain.clear();
                        baseBytes = bytes.length;
                        chainBytes = 0;
                    } else {
                        chainBytes += bytes.length;
                        deltas++;
                    }
                    chain.add(bytes);
                    if (checkpoints % 7 == 0) { // killed right after this checkpoint: restore the chain
                        JoinOperator restored = operator(node);
                        for (byte[] b : chain) {
                            StateReader r = new StateReader(new org.agrona.concurrent.UnsafeBuffer(b), 0, b.length);
                            restored.restore(r);
                            assertTrue(!r.hasMore());
                        }
                        assertEquals(op.stateBytes(), restored.stateBytes());
                        op = restored;
                        chain.clear(); // a new run starts a new chain
                        restores++;
                    }
                }
                op.onWatermark(Long.MAX_VALUE);
                assertEquals(expectedLate, op.lateRows());
                assertEquals(expected, drain());
                assertEquals(0, op.stateBytes());
                assertTrue(deltas > 20 && restores > 5, deltas + " deltas, " + restores + " restores");
            }
        }
    }

    /** {side, key, t} rows and {-1, watermark} marks: times mostly ascending, some late. */
    private static List<long[]> randomIntervalEvents(java.util.Random random) {
        List<long[]> events = new ArrayList<>();
        long base = 1000;
        for (int i = 0; i < 4000; i++) {
            base += random.nextInt(3);
            events.add(new long[] {random.nextInt(2), random.nextInt(40), base - random.nextInt(30)});
            if (random.nextInt(20) == 0) {
                events.add(new long[] {-1, base - 20});
            }
        }
        return events;
    }

    private void apply(JoinOperator op, long[] ev) {
        if (ev[0] < 0) {
            op.onWatermark(ev[1]);
        } else {
            writer.begin(RowKind.INSERT);
            writer.putLong(0, ev[1]);
            writer.putString(1, "k" + ev[1]);
            writer.putLong(2, ev[2]);
            op.onRow((int) ev[0], reader.wrap(writer.buffer(), 0, writer.length()));
        }
    }
}
