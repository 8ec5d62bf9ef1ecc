package io.sluice.engine.operator.over;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.operator.OperatorHarness;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.OverNode;
import io.sluice.engine.plan.ValuesNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OVER operator through the harness, each case also with a snapshot and restore into a fresh
 * operator after every step: event-time frames (sliding, unbounded, RANGE peers, late rows) and
 * changelog frames (inserts and retractions shifting the frames after them).
 */
class OverOperatorTest {
    /** (k, t, v): partition key, order column (a TIMESTAMP), value. */
    private static final RowSchema IN = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("t", DataType.of(TypeKind.TIMESTAMP)), new Column("v", DataType.of(TypeKind.BIGINT)));

    private static AggCall call(String fn, int arg) {
        return new AggCall(fn, arg < 0 ? new int[0] : new int[] {arg}, false, -1, DataType.of(TypeKind.BIGINT));
    }

    private static OperatorHarness harness(OverNode.Mode mode, long preceding, boolean range, boolean restore,
                                           AggCall... calls) {
        List<Column> out = new ArrayList<>(IN.columns());
        for (int i = 0; i < calls.length; i++) {
            out.add(new Column("a" + i, calls[i].type()));
        }
        OverNode node = new OverNode(new ValuesNode(IN, List.of()), new int[] {0}, new int[] {1}, new boolean[] {false},
                new boolean[] {false}, List.of(calls), preceding, range, mode, new RowSchema(out));
        return new OperatorHarness(() -> new OverOperator(node), IN, restore);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eventTimeSlidingFrameEmitsRowsInTimeOrderOnceTheWatermarkPasses(boolean restore) {
        OperatorHarness h = harness(OverNode.Mode.EVENT_TIME, 1, false, restore, call(AggCall.SUM0, 2),
                call(AggCall.COUNT, -1));
        h.row(1L, 100L, 10L).row(1L, 300L, 30L).row(2L, 200L, 5L).row(1L, 200L, 20L);
        assertEquals(List.of(), h.take(), "nothing before the watermark");
        h.watermark(250);
        assertEquals(List.of("+I[1, 100, 10, 10, 1]", "+I[2, 200, 5, 5, 1]", "+I[1, 200, 20, 30, 2]"), h.take());
        h.row(1L, 250L, 99L); // at the watermark: late
        assertEquals(List.of("[1, 250, 99]"), h.lateRows());
        h.watermark(Long.MAX_VALUE);
        assertEquals(List.of("+I[1, 300, 30, 50, 2]"), h.take(), "the frame is the row and the one before: 20 + 30");
        assertEquals(1, h.operator().lateRows());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eventTimeUnboundedFrameKeepsRunningAggregatesPerPartition(boolean restore) {
        OperatorHarness h = harness(OverNode.Mode.EVENT_TIME, -1, false, restore, call(AggCall.MIN, 2),
                call(AggCall.MAX, 2), call(AggCall.AVG, 2));
        h.row(1L, 100L, 10L).row(2L, 100L, 1L).row(1L, 100L, 3L).watermark(100);
        assertEquals(List.of("+I[1, 100, 10, 10, 10, 10]", "+I[2, 100, 1, 1, 1, 1]", "+I[1, 100, 3, 3, 10, 6]"),
                h.take(), "ROWS: rows of one time are ordered by arrival, each sees the ones before it");
        h.row(1L, 200L, 20L).row(1L, 150L, null).watermark(300);
        assertEquals(List.of("+I[1, 150, null, 3, 10, 6]", "+I[1, 200, 20, 3, 20, 11]"), h.take(),
                "NULL is skipped by MIN, MAX and AVG; AVG of BIGINT truncates: 33 / 3");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eventTimeRangeFrameGivesPeersOneResult(boolean restore) {
        OperatorHarness h = harness(OverNode.Mode.EVENT_TIME, -1, true, restore, call(AggCall.SUM0, 2));
        h.row(1L, 100L, 1L).row(1L, 100L, 2L).row(2L, 100L, 7L).row(1L, 200L, 4L).watermark(1000);
        assertEquals(List.of("+I[1, 100, 1, 3]", "+I[1, 100, 2, 3]", "+I[2, 100, 7, 7]", "+I[1, 200, 4, 7]"), h.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void changelogSlidingFrameRetractsTheResultsAChangeShifts(boolean restore) {
        OperatorHarness h = harness(OverNode.Mode.CHANGELOG, 1, false, restore, call(AggCall.SUM0, 2));
        h.row(1L, 10L, 1L).row(1L, 30L, 3L);
        assertEquals(List.of("+I[1, 10, 1, 1]", "+I[1, 30, 3, 4]"), h.take());
        h.row(1L, 20L, 2L);
        assertEquals(List.of("+I[1, 20, 2, 3]", "-U[1, 30, 3, 4]", "+U[1, 30, 3, 5]"), h.take(),
                "a row arriving out of order takes its place and shifts the next row's frame");
        h.change(RowKind.UPDATE_BEFORE, 1L, 20L, 2L).change(RowKind.UPDATE_AFTER, 1L, 20L, 7L);
        assertEquals(List.of("-D[1, 20, 2, 3]", "-U[1, 30, 3, 5]", "+U[1, 30, 3, 4]",
                "+I[1, 20, 7, 8]", "-U[1, 30, 3, 4]", "+U[1, 30, 3, 10]"), h.take());
        h.change(RowKind.DELETE, 1L, 10L, 1L);
        assertEquals(List.of("-D[1, 10, 1, 1]", "-U[1, 20, 7, 8]", "+U[1, 20, 7, 7]"), h.take(),
                "the row after the removed one changes; the one after that keeps its frame (20, 30) and is not sent");
        h.change(RowKind.DELETE, 9L, 10L, 1L).change(RowKind.DELETE, 1L, 99L, 1L);
        assertEquals(List.of(), h.take(), "retracting rows never seen changes nothing");
        h.change(RowKind.DELETE, 1L, 20L, 7L).change(RowKind.DELETE, 1L, 30L, 3L);
        assertEquals(List.of("-D[1, 20, 7, 7]", "-U[1, 30, 3, 10]", "+U[1, 30, 3, 3]", "-D[1, 30, 3, 3]"), h.take());
        assertEquals(0, ((OverOperator) h.operator()).heldPartitions(), "an emptied partition is forgotten");
        assertEquals(0, h.operator().stateBytes());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void changelogUnboundedRangeFrameUpdatesEveryLaterRowAndThePeers(boolean restore) {
        OperatorHarness h = harness(OverNode.Mode.CHANGELOG, -1, true, restore, call(AggCall.COUNT, -1));
        h.row(1L, 20L, 1L).row(1L, 30L, 1L);
        assertEquals(List.of("+I[1, 20, 1, 1]", "+I[1, 30, 1, 2]"), h.take());
        h.row(1L, 20L, 2L);
        assertEquals(List.of("-U[1, 20, 1, 1]", "+U[1, 20, 1, 2]", "+I[1, 20, 2, 2]", "-U[1, 30, 1, 2]",
                "+U[1, 30, 1, 3]"), h.take(), "a peer joins the frame of every row tied with it");
        h.row(2L, 5L, 1L).change(RowKind.DELETE, 1L, 20L, 1L);
        assertEquals(List.of("+I[2, 5, 1, 1]", "-D[1, 20, 1, 2]", "-U[1, 20, 2, 2]", "+U[1, 20, 2, 1]",
                "-U[1, 30, 1, 3]", "+U[1, 30, 1, 2]"), h.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void changelogTiesAreOrderedByTheRowsNotByArrival(boolean restore) {
        OperatorHarness h = harness(OverNode.Mode.CHANGELOG, 1, false, restore, call(AggCall.SUM0, 2));
        h.row(1L, 10L, 5L).row(1L, 10L, 3L);
        assertEquals(List.of("+I[1, 10, 5, 5]", "+I[1, 10, 3, 3]", "-U[1, 10, 5, 5]", "+U[1, 10, 5, 8]"), h.take(),
                "(10, 3) sorts before (10, 5) though it came second");
        OperatorHarness other = harness(OverNode.Mode.CHANGELOG, 1, false, restore, call(AggCall.SUM0, 2));
        other.row(1L, 10L, 3L).row(1L, 10L, 5L);
        assertEquals(List.of("+I[1, 10, 3, 3]", "+I[1, 10, 5, 8]"), other.take(), "the same final rows");
    }

    /**
     * Random inserts and retractions against a changelog OVER; the changelog it emits, applied to a
     * multiset, must equal the frames recomputed from scratch over the rows still live, for each frame
     * kind. For ROWS, a partition's order values are kept distinct (ties order by the rows' bytes, which
     * a recomputation by value cannot tell apart); RANGE peers are the point of its case.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rows-0", "rows-2", "rows-unbounded", "range-unbounded"})
    void changelogOutputAppliedEqualsTheFramesRecomputed(String frame) {
        boolean range = frame.startsWith("range");
        long preceding = frame.endsWith("unbounded") ? -1 : Long.parseLong(frame.substring(5));
        OperatorHarness h = harness(OverNode.Mode.CHANGELOG, preceding, range, false, call(AggCall.SUM0, 2),
                call(AggCall.COUNT, -1), call(AggCall.MIN, 2));
        java.util.Random random = new java.util.Random(42 + frame.hashCode());
        List<long[]> live = new ArrayList<>();
        java.util.Map<String, Integer> applied = new java.util.HashMap<>();
        for (int step = 0; step < 600; step++) {
            if (!live.isEmpty() && random.nextInt(3) == 0) {
                long[] r = live.remove(random.nextInt(live.size()));
                h.change(random.nextBoolean() ? RowKind.DELETE : RowKind.UPDATE_BEFORE, r[0], r[1], r[2]);
            } else {
                long k = random.nextInt(3);
                long t = random.nextInt(range ? 6 : 40);
                if (!range && live.stream().anyMatch(r -> r[0] == k && r[1] == t)) {
                    continue;
                }
                long[] r = {k, t, random.nextInt(20)};
                live.add(r);
                h.change(random.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER, r[0], r[1], r[2]);
            }
            for (String change : h.take()) {
                String row = change.substring(2);
                if (change.startsWith("+")) {
                    applied.merge(row, 1, Integer::sum);
                } else {
                    Integer n = applied.get(row);
                    assertEquals(true, n != null, "step " + step + ": retracts " + row + ", which is not there");
                    if (n == 1) {
                        applied.remove(row);
                    } else {
                        applied.put(row, n - 1);
                    }
                }
            }
            assertEquals(recompute(live, preceding, range), applied, "after step " + step);
        }
    }

    private static java.util.Map<String, Integer> recompute(List<long[]> live, long preceding, boolean range) {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (long k = 0; k < 3; k++) {
            long key = k;
            List<long[]> rows = new ArrayList<>(live.stream().filter(r -> r[0] == key).toList());
            rows.sort(java.util.Comparator.comparingLong(r -> r[1]));
            for (int i = 0; i < rows.size(); i++) {
                long sum = 0;
                long count = 0;
                long min = Long.MAX_VALUE;
                for (int j = 0; j < rows.size(); j++) {
                    boolean in = range ? rows.get(j)[1] <= rows.get(i)[1]
                            : j <= i && (preceding < 0 || j >= i - preceding);
                    if (in) {
                        sum += rows.get(j)[2];
                        count++;
                        min = Math.min(min, rows.get(j)[2]);
                    }
                }
                long[] r = rows.get(i);
                out.merge("[" + r[0] + ", " + r[1] + ", " + r[2] + ", " + sum + ", " + count + ", " + min + "]", 1,
                        Integer::sum);
            }
        }
        return out;
    }
}
