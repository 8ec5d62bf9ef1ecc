package io.sluice.engine.operator.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.operator.OperatorHarness;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.SessionAggregateNode;
import io.sluice.engine.plan.ValuesNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SESSION windows: merging as rows arrive, emission at the watermark, late rows, snapshots. */
class SessionAggregateOperatorTest {
    private static final long GAP = 100;
    // what the SESSION window node produces: the row, then its own window [ts, ts + gap)
    private static final RowSchema IN = RowSchema.of(new Column("k", DataType.varchar(10)),
            new Column("v", DataType.of(TypeKind.BIGINT)), new Column("ts", DataType.of(TypeKind.TIMESTAMP)),
            new Column("window_start", DataType.of(TypeKind.TIMESTAMP)),
            new Column("window_end", DataType.of(TypeKind.TIMESTAMP)));

    private static OperatorHarness harness(boolean restore) {
        // GROUP BY window_start, window_end, k: COUNT(*), SUM(v), COUNT(DISTINCT v)
        RowSchema out = RowSchema.of(new Column("k", DataType.varchar(10)),
                new Column("window_start", DataType.of(TypeKind.TIMESTAMP)),
                new Column("window_end", DataType.of(TypeKind.TIMESTAMP)),
                new Column("n", DataType.of(TypeKind.BIGINT)), new Column("total", DataType.of(TypeKind.BIGINT)),
                new Column("distinct_v", DataType.of(TypeKind.BIGINT)));
        List<AggCall> calls = List.of(new AggCall(AggCall.COUNT, new int[0], false, -1, DataType.of(TypeKind.BIGINT)),
                new AggCall(AggCall.SUM, new int[] {1}, false, -1, DataType.of(TypeKind.BIGINT)),
                new AggCall(AggCall.COUNT, new int[] {1}, true, -1, DataType.of(TypeKind.BIGINT)));
        SessionAggregateNode node = new SessionAggregateNode(new ValuesNode(IN, List.of()), new int[] {0, 3, 4}, calls,
                3, 4, out);
        return new OperatorHarness(() -> new SessionAggregateOperator(node), IN, restore);
    }

    private static void row(OperatorHarness h, String k, long v, long ts) {
        h.row(k, v, ts, ts, ts + GAP);
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void rowsWithinTheGapFormOneSessionEmittedWhenTheWatermarkPassesItsEnd(boolean restore) {
        OperatorHarness h = harness(restore);
        row(h, "a", 1, 1000);
        row(h, "a", 2, 1050);
        row(h, "b", 5, 1020);
        row(h, "a", 2, 1149); // 1050 + 100 > 1149: same session
        row(h, "a", 7, 1249); // exactly one gap after 1149: a new session
        assertEquals(List.of(), h.watermark(1118).take());
        assertEquals(List.of("+I[b, 1020, 1120, 1, 5, 1]"), h.watermark(1119).take());
        assertEquals(List.of("+I[a, 1000, 1249, 3, 5, 2]"), h.watermark(1248).take());
        assertEquals(List.of("+I[a, 1249, 1349, 1, 7, 1]"), h.watermark(2000).take());
        assertEquals(0, ((SessionAggregateOperator) h.operator()).openSessions());
        assertEquals(0, h.operator().stateBytes());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void aRowBetweenTwoSessionsMergesThem(boolean restore) {
        OperatorHarness h = harness(restore);
        row(h, "a", 1, 1000);
        row(h, "a", 2, 1300);
        row(h, "a", 3, 1150); // [1150, 1250) overlaps neither [1000, 1100) nor [1300, 1400)
        assertEquals(3, ((SessionAggregateOperator) h.operator()).openSessions());
        row(h, "a", 4, 1080); // [1080, 1180) joins [1000, 1100) and [1150, 1250)
        assertEquals(2, ((SessionAggregateOperator) h.operator()).openSessions());
        row(h, "a", 5, 1240); // [1240, 1340) joins [1000, 1250) and [1300, 1400)
        assertEquals(1, ((SessionAggregateOperator) h.operator()).openSessions());
        assertEquals(List.of("+I[a, 1000, 1400, 5, 15, 5]"), h.watermark(1399).take());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void aRowForAClosedSessionIsLateButOneThatJoinsAnOpenSessionIsNot(boolean restore) {
        OperatorHarness h = harness(restore);
        row(h, "a", 1, 1000);
        row(h, "a", 1, 1090);
        h.watermark(1150);
        row(h, "a", 9, 1010); // its own window [1010, 1110) ends behind the watermark, but joins [1000, 1190)
        assertEquals(List.of(), h.lateRows());
        row(h, "b", 9, 1010); // b has no open session: late
        assertEquals(List.of("[b, 9, 1010, 1010, 1110]"), h.lateRows());
        assertEquals(1, h.operator().lateRows());
        assertEquals(List.of("+I[a, 1000, 1190, 3, 11, 2]"), h.watermark(1189).take());
        row(h, "a", 1, 1050);
        assertEquals(2, h.operator().lateRows(), "the session it belonged to was emitted");
        row(h, "a", 1, 1100); // [1100, 1200) is still open: a new session
        assertEquals(2, h.operator().lateRows());
        assertEquals(List.of("+I[a, 1100, 1200, 1, 1, 1]"), h.watermark(1199).take());
    }

    @ParameterizedTest(name = "restore each step: {0}")
    @ValueSource(booleans = {false, true})
    void sessionsCloseInOrderOfTheirEnd(boolean restore) {
        OperatorHarness h = harness(restore);
        row(h, "a", 1, 1000);
        row(h, "b", 1, 1000);
        row(h, "a", 1, 1050);
        assertEquals(List.of("+I[b, 1000, 1100, 1, 1, 1]", "+I[a, 1000, 1150, 2, 2, 1]"),
                h.watermark(Long.MAX_VALUE).take());
    }
}
