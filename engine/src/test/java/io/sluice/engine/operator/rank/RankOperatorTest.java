package io.sluice.engine.operator.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.OperatorHarness;
import io.sluice.engine.plan.RankNode;
import io.sluice.engine.plan.ValuesNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Top-N, first-row deduplication and window Top-N: the rows they emit, and that snapshots hold all. */
class RankOperatorTest {
    private static final RowSchema IN = RowSchema.of(new Column("k", DataType.varchar(10)),
            new Column("price", DataType.of(TypeKind.BIGINT)), new Column("ts", DataType.of(TypeKind.TIMESTAMP)));

    private static RankNode node(int[] partition, int order, boolean desc, long limit, boolean rank, RankNode.Mode mode,
                                 int windowEnd, long ttl) {
        List<Column> cols = new ArrayList<>(IN.columns());
        if (rank) {
            cols.add(new Column("rn", DataType.of(TypeKind.BIGINT)));
        }
        return new RankNode(new ValuesNode(IN, List.of()), partition, new int[] {order}, new boolean[] {desc},
                new boolean[] {!desc}, limit, rank, mode, windowEnd, ttl, new RowSchema(cols));
    }

    private static OperatorHarness harness(RankNode node, boolean restoreEachStep) {
        return new OperatorHarness(() -> new RankOperator(node), IN, restoreEachStep);
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void topNWithoutRankColumnInsertsAndDeletesWhatLeavesTheTop(boolean restore) {
        OperatorHarness h = harness(node(new int[] {0}, 1, true, 2, false, RankNode.Mode.CHANGELOG, -1, 0), restore);
        assertEquals(List.of("+I[a, 10, 100]"), h.row("a", 10L, 100L).take());
        assertEquals(List.of("+I[a, 20, 101]"), h.row("a", 20L, 101L).take());
        assertEquals(List.of(), h.row("a", 5L, 102L).take(), "below the top 2: nothing changes");
        assertEquals(List.of("-D[a, 10, 100]", "+I[a, 30, 103]"), h.row("a", 30L, 103L).take());
        assertEquals(List.of("+I[b, 1, 104]"), h.row("b", 1L, 104L).take(), "partitions are independent");
        assertEquals(List.of(), h.row("a", 20L, 105L).take(), "a tie ranks after the row that came first");
        assertEquals(List.of("-D[a, 20, 101]", "+I[a, 25, 106]"), h.row("a", 25L, 106L).take());
        assertEquals(2, ((RankOperator) h.operator()).heldKeys());
        assertTrue(h.operator().stateBytes() > 0);
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void topNWithRankColumnUpdatesEveryRankThatMoves(boolean restore) {
        OperatorHarness h = harness(node(new int[] {0}, 1, true, 3, true, RankNode.Mode.CHANGELOG, -1, 0), restore);
        assertEquals(List.of("+I[a, 10, 1, 1]"), h.row("a", 10L, 1L).take());
        assertEquals(List.of("-U[a, 10, 1, 1]", "+U[a, 20, 2, 1]", "+I[a, 10, 1, 2]"), h.row("a", 20L, 2L).take());
        assertEquals(List.of("-U[a, 10, 1, 2]", "+U[a, 15, 3, 2]", "+I[a, 10, 1, 3]"), h.row("a", 15L, 3L).take());
        assertEquals(List.of("-U[a, 20, 2, 1]", "+U[a, 30, 4, 1]", "-U[a, 15, 3, 2]", "+U[a, 20, 2, 2]",
                "-U[a, 10, 1, 3]", "+U[a, 15, 3, 3]"), h.row("a", 30L, 4L).take());
        assertEquals(List.of("-U[a, 15, 3, 3]", "+U[a, 16, 5, 3]"), h.row("a", 16L, 5L).take());
        assertEquals(List.of(), h.row("a", 16L, 6L).take(), "ties with rank 3 and came later: not in the top 3");
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void ascendingOrderAndNullsLast(boolean restore) {
        OperatorHarness h = harness(node(new int[] {0}, 1, false, 1, false, RankNode.Mode.CHANGELOG, -1, 0), restore);
        assertEquals(List.of("+I[a, null, 1]"), h.row("a", null, 1L).take());
        assertEquals(List.of("-D[a, null, 1]", "+I[a, 7, 2]"), h.row("a", 7L, 2L).take(), "NULL sorts last");
        assertEquals(List.of("-D[a, 7, 2]", "+I[a, -3, 3]"), h.row("a", -3L, 3L).take());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void firstRowEmitsOnceAndCountsEarlierRowsAsLate(boolean restore) {
        OperatorHarness h = harness(node(new int[] {0}, 2, false, 1, false, RankNode.Mode.FIRST_ROW, -1, 0), restore);
        assertEquals(List.of("+I[a, 1, 100]"), h.row("a", 1L, 100L).take());
        assertEquals(List.of(), h.row("a", 2L, 200L).take());
        assertEquals(List.of(), h.row("a", 3L, 100L).take(), "same time, came later: not first");
        assertEquals(List.of(), h.row("a", 4L, 50L).take());
        assertEquals(List.of("[a, 4, 50]"), h.lateRows(), "earlier than the row emitted: late");
        assertEquals(1, h.operator().lateRows());
        assertEquals(List.of("+I[b, 5, 10]"), h.row("b", 5L, 10L).take(), "a new key's first row, even if old");
        assertEquals(List.of(), h.watermark(1_000_000L).row("a", 6L, 2_000_000L).take(), "no TTL: kept for ever");
        assertEquals(2, ((RankOperator) h.operator()).heldKeys());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void firstRowForgetsKeysAfterTheTtlInEventTime(boolean restore) {
        OperatorHarness h = harness(node(new int[] {0}, 2, false, 1, true, RankNode.Mode.FIRST_ROW, -1, 1000),
                restore);
        assertEquals(List.of("+I[a, 1, 100, 1]"), h.row("a", 1L, 100L).take());
        assertEquals(List.of("+I[b, 2, 600, 1]"), h.row("b", 2L, 600L).take());
        h.watermark(1099);
        assertEquals(2, ((RankOperator) h.operator()).heldKeys());
        h.watermark(1100);
        assertEquals(1, ((RankOperator) h.operator()).heldKeys(), "a expires at 100 + 1000");
        assertEquals(List.of("+I[a, 3, 1200, 1]"), h.row("a", 3L, 1200L).take(), "a is new again");
        assertEquals(List.of(), h.row("b", 4L, 1300L).take());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void windowTopNEmitsEachWindowOnceAtItsEnd(boolean restore) {
        // column 2 plays window_end; partitioned by it alone: the top 2 of each window
        OperatorHarness h = harness(node(new int[] {2}, 1, true, 2, true, RankNode.Mode.WINDOW, 2, 0), restore);
        h.row("a", 5L, 1000L).row("b", 7L, 1000L).row("c", 3L, 1000L).row("d", 9L, 2000L).row("e", 7L, 1000L);
        assertEquals(List.of(), h.watermark(998).take());
        assertEquals(List.of("+I[b, 7, 1000, 1]", "+I[e, 7, 1000, 2]"), h.watermark(999).take(),
                "ties in arrival order");
        assertEquals(List.of(), h.row("f", 100L, 1000L).take());
        assertEquals(List.of("[f, 100, 1000]"), h.lateRows());
        assertEquals(List.of("+I[d, 9, 2000, 1]"), h.watermark(Long.MAX_VALUE).take());
        assertEquals(0, ((RankOperator) h.operator()).heldKeys());
        assertEquals(0, h.operator().stateBytes());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void windowTopNPerKeyKeepsPartitionsInArrivalOrder(boolean restore) {
        OperatorHarness h = harness(node(new int[] {2, 0}, 1, false, 1, false, RankNode.Mode.WINDOW, 2, 0), restore);
        h.row("z", 5L, 1000L).row("a", 7L, 1000L).row("z", 2L, 1000L).row("a", 9L, 1000L);
        assertEquals(List.of("+I[z, 2, 1000]", "+I[a, 7, 1000]"), h.watermark(5000).take());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void refusesRetractions(boolean restore) {
        RankNode n = node(new int[] {0}, 1, true, 2, false, RankNode.Mode.CHANGELOG, -1, 0);
        RankOperator op = new RankOperator(n);
        op.output(row -> { });
        io.sluice.storage.row.RowWriter w = new io.sluice.storage.row.RowWriter(IN);
        w.begin(io.sluice.storage.row.RowKind.DELETE);
        w.putString(0, "a");
        w.putLong(1, 1);
        w.putLong(2, 1);
        io.sluice.storage.row.RowReader r = new io.sluice.storage.row.RowReader(IN).wrap(w.buffer(), 0, w.length());
        assertThrows(IllegalStateException.class, () -> op.onRow(0, r));
    }
}
