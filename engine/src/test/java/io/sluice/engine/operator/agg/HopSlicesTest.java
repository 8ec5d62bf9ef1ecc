package io.sluice.engine.operator.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.operator.window.WindowAssigner;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.WindowNode;
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
 * A HOP aggregate that keeps its groups by slices emits exactly what one group per window emits: the
 * same rows in the same order, the same late rows, across snapshots (its own, and ones written before
 * it sliced). The per-window pair (assigner copying each row per window into the aggregate) is the model.
 */
class HopSlicesTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType TS = DataType.of(TypeKind.TIMESTAMP);
    private static final RowSchema IN = new RowSchema(List.of(new Column("k", BIGINT), new Column("v", BIGINT),
            new Column("ts", TS), new Column("s", DataType.of(TypeKind.VARCHAR))));
    private static final RowSchema WINDOWED = new RowSchema(List.of(new Column("k", BIGINT), new Column("v", BIGINT),
            new Column("ts", TS), new Column("s", DataType.of(TypeKind.VARCHAR)), new Column("window_start", TS),
            new Column("window_end", TS)));

    /** The plan: HOP over the input, then an aggregate keyed by {@code keys} (window_end among them). */
    private record Plan(WindowNode window, AggregateNode aggregate) {
    }

    private static Plan plan(long size, long step, long offset, int[] keys, List<AggCall> calls) {
        WindowNode window = new WindowNode(new ScanNode("s", IN, StartMode.EARLIEST), WindowNode.Kind.HOP, 2, size,
                step, offset, true, null, WINDOWED);
        List<Column> out = new ArrayList<>();
        for (int k : keys) {
            out.add(WINDOWED.column(k));
        }
        for (int i = 0; i < calls.size(); i++) {
            out.add(new Column("c" + i, calls.get(i).type()));
        }
        return new Plan(window, new AggregateNode(window, keys, calls, 5, new RowSchema(out)));
    }

    private static List<AggCall> longCalls() {
        return List.of(new AggCall(AggCall.COUNT, new int[0], false, -1, BIGINT),
                new AggCall(AggCall.SUM, new int[] {1}, false, -1, BIGINT),
                new AggCall(AggCall.MIN, new int[] {1}, false, -1, BIGINT),
                new AggCall(AggCall.MAX, new int[] {1}, false, -1, BIGINT),
                new AggCall(AggCall.AVG, new int[] {1}, false, -1, BIGINT),
                new AggCall(AggCall.COUNT, new int[] {3}, false, -1, BIGINT),
                new AggCall(AggCall.MAX, new int[] {3}, false, -1, DataType.of(TypeKind.VARCHAR)));
    }

    /** An assigner and aggregate wired together, sliced or one copy per window; output as text lines. */
    private static final class Pair {
        final WindowAssigner assigner;
        final AggregateOperator aggregate;
        final List<String> out;
        final List<String> late;
        final boolean sliced;

        Pair(Plan plan, boolean slice, List<String> out, List<String> late) {
            this.out = out;
            this.late = late;
            assigner = new WindowAssigner(plan.window);
            aggregate = new AggregateOperator(plan.aggregate);
            assigner.output(r -> aggregate.onRow(0, r));
            assigner.lateOutput(r -> late.add(r.getLong(2) + "/" + r.getLong(1)));
            RowSchema schema = plan.aggregate.schema();
            aggregate.output(r -> out.add(render(r, schema)));
            sliced = slice && aggregate.sliceFrom(assigner, plan.window);
        }

        void row(RowReader r) {
            assigner.onRow(0, r);
        }

        void watermark(long wm) {
            assigner.onWatermark(wm);
            aggregate.onWatermark(wm);
        }

        StateWriter snapshot() {
            StateWriter w = new StateWriter();
            assigner.snapshot(w);
            aggregate.snapshot(w);
            return w;
        }

        void restore(StateWriter w) {
            StateReader r = new StateReader(w.buffer(), 0, w.length());
            assigner.restore(r);
            aggregate.restore(r);
        }

        long lateRows() {
            return assigner.lateRows() + aggregate.lateRows();
        }
    }

    private static String render(RowReader r, RowSchema schema) {
        StringBuilder b = new StringBuilder(r.kind().shortName());
        for (int i = 0; i < schema.size(); i++) {
            b.append(' ');
            if (r.isNull(i)) {
                b.append("null");
            } else if (schema.type(i).kind() == TypeKind.VARCHAR) {
                b.append(r.getString(i));
            } else {
                b.append(r.getLong(i));
            }
        }
        return b.toString();
    }

    private final RowWriter writer = new RowWriter(IN);
    private final RowReader reader = new RowReader(IN);

    private RowReader row(Long k, long v, long ts, String s) {
        writer.begin(RowKind.INSERT);
        if (k == null) {
            writer.setNull(0);
        } else {
            writer.putLong(0, k);
        }
        writer.putLong(1, v);
        writer.putLong(2, ts);
        if (s == null) {
            writer.setNull(3);
        } else {
            writer.putString(3, s);
        }
        return reader.wrap(writer.buffer(), 0, writer.length());
    }

    @Test
    void aCountPerKeyAndWindowComesOutAsWithOneGroupPerWindow() {
        Plan plan = plan(10, 2, 0, new int[] {0, 4, 5}, List.of(new AggCall(AggCall.COUNT, new int[0], false, -1, BIGINT)));
        List<String> sliced = new ArrayList<>();
        List<String> model = new ArrayList<>();
        Pair a = new Pair(plan, true, sliced, new ArrayList<>());
        Pair b = new Pair(plan, false, model, new ArrayList<>());
        assertTrue(a.sliced);
        assertFalse(b.sliced);
        for (Pair p : List.of(a, b)) {
            p.row(row(8L, 1, 5, "x"));
            p.row(row(7L, 1, 3, "x")); // an older slice than key 8's, yet key 8 reached windows ending 6 and 8 first
            p.row(row(7L, 1, 1, "x"));
            p.watermark(7);
        }
        // the windows ending at 2 to 8 fire; each lists its keys as they first reached it
        assertEquals(List.of("+I 7 -8 2 1", "+I 7 -6 4 2", "+I 8 -4 6 1", "+I 7 -4 6 2", "+I 8 -2 8 1",
                "+I 7 -2 8 2"), sliced);
        assertEquals(model, sliced);
    }

    @Test
    void randomInputsGiveTheSameRowsLateRowsAndOrderAcrossSnapshots() {
        Random random = new Random(42);
        long[][] shapes = {{10, 2}, {10, 4}, {6, 6}, {9, 6}, {12, 3}, {5, 1}};
        int[][] keySets = {{0, 4, 5}, {5, 0}, {3, 5, 4}, {4, 5}, {0, 3, 5}};
        for (int round = 0; round < 300; round++) {
            long[] shape = shapes[random.nextInt(shapes.length)];
            Plan plan = plan(shape[0], shape[1], random.nextInt(4), keySets[random.nextInt(keySets.length)],
                    longCalls());
            runRandom(plan, random, round, false);
            runRandom(plan, random, round, true);
        }
    }

    /**
     * Feeds the same random rows and watermarks to a slicing pair and the model, restarting both from
     * their snapshots now and then; {@code legacy}: the slicing pair restarts from the model's snapshot
     * (written by an aggregate that did not slice).
     */
    private void runRandom(Plan plan, Random random, int round, boolean legacy) {
        List<String> sliced = new ArrayList<>();
        List<String> model = new ArrayList<>();
        List<String> slicedLate = new ArrayList<>();
        List<String> modelLate = new ArrayList<>();
        Pair a = new Pair(plan, true, sliced, slicedLate);
        Pair b = new Pair(plan, false, model, modelLate);
        assertTrue(a.sliced);
        long time = random.nextInt(50) - 25;
        long wm = Long.MIN_VALUE;
        int keys = 1 + random.nextInt(6);
        int steps = 50 + random.nextInt(250);
        for (int i = 0; i < steps; i++) {
            int what = random.nextInt(20);
            if (what < 15) {
                time += random.nextInt(3);
                long ts = time - (random.nextInt(4) == 0 ? random.nextInt(25) : 0);
                Long k = random.nextInt(10) == 0 ? null : (long) random.nextInt(keys);
                String s = random.nextInt(8) == 0 ? null : "s" + random.nextInt(keys);
                long v = random.nextInt(100) - 50;
                a.row(row(k, v, ts, s));
                b.row(row(k, v, ts, s));
            } else if (what < 19) {
                long next = time - random.nextInt(12);
                if (next > wm) {
                    wm = next;
                    a.watermark(wm);
                    b.watermark(wm);
                }
            } else {
                StateWriter modelState = b.snapshot();
                StateWriter slicedState = legacy ? modelState : a.snapshot();
                a = new Pair(plan, true, sliced, slicedLate);
                a.restore(slicedState);
                b = new Pair(plan, false, model, modelLate);
                b.restore(modelState);
            }
            assertEquals(model, sliced, "round " + round + " step " + i);
        }
        a.watermark(Long.MAX_VALUE);
        b.watermark(Long.MAX_VALUE);
        assertEquals(model, sliced, "round " + round + " at the end");
        assertEquals(modelLate, slicedLate, "round " + round + " late rows");
        assertEquals(b.lateRows(), a.lateRows(), "round " + round + " late count");
        assertEquals(0, a.aggregate.stateBytes(), "round " + round + ": everything fired, nothing is held");
        assertEquals(0, a.aggregate.slicedKeys(), "round " + round + ": every key let go");
    }

    @Test
    void anAggregateThatDoesNotSliceRefusesASlicedSnapshot() {
        Plan plan = plan(10, 2, 0, new int[] {0, 4, 5}, longCalls());
        Pair a = new Pair(plan, true, new ArrayList<>(), new ArrayList<>());
        a.row(row(1L, 1, 3, "x"));
        StateWriter state = a.snapshot();
        Pair b = new Pair(plan, false, new ArrayList<>(), new ArrayList<>());
        assertThrows(IllegalStateException.class, () -> b.restore(state));
    }

    @Test
    void callsWhoseMergeCouldChangeAResultDoNotSlice() {
        DataType dbl = DataType.of(TypeKind.DOUBLE);
        for (AggCall call : List.of(new AggCall(AggCall.COUNT, new int[] {1}, true, -1, BIGINT),
                new AggCall(AggCall.MAX, new int[] {4}, false, -1, TS))) {
            Plan plan = plan(10, 2, 0, new int[] {0, 4, 5}, List.of(call));
            assertFalse(new Pair(plan, true, new ArrayList<>(), new ArrayList<>()).sliced, call.toString());
        }
        assertFalse(new Accumulators(List.of(new AggCall(AggCall.SUM, new int[] {0}, false, -1, dbl)),
                new RowSchema(List.of(new Column("d", dbl)))).mergeable());
    }
}
