package io.sluice.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.plan.CalcNode;
import io.sluice.engine.plan.ExchangeNode;
import io.sluice.engine.plan.JoinNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.StreamSinkNode;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a pipeline's plan is cut into stages, with and without a shared subtree. */
class StagePlanTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final RowSchema ONE = RowSchema.of(new Column("k", BIGINT));
    private static final RowSchema TWO = RowSchema.of(new Column("k", BIGINT), new Column("k0", BIGINT));

    private static PlanNode calc(PlanNode in) {
        return new CalcNode(in, null, List.of(new InputRef(0, BIGINT)), ONE);
    }

    private static PlanNode scan() {
        return new ScanNode("s", ONE, StartMode.EARLIEST);
    }

    private static StreamSinkNode joinOf(PlanNode left, PlanNode right) {
        return new StreamSinkNode(new JoinNode(left, right, JoinNode.Type.INNER, new int[] {0}, new int[] {0}, null,
                null, -1, -1, 0, TWO), "out", 1, -1);
    }

    @Test
    void aTreeIsCutAtEveryExchange() {
        StagePlan plan = new StagePlan(joinOf(new ExchangeNode(calc(calc(scan())), new int[] {0}, 2),
                new ExchangeNode(calc(calc(scan())), new int[] {0}, 2)));
        assertEquals(3, plan.stages().size());
        assertArrayEquals(new int[] {0}, plan.stages().get(1).tags());
        assertArrayEquals(new int[] {1}, plan.stages().get(2).tags());
        assertEquals(2, plan.exchangePartitions(0));
    }

    @Test
    void exchangesOverASharedSubtreeAreWrittenByOneStage() {
        PlanNode shared = calc(scan());
        ExchangeNode left = new ExchangeNode(calc(shared), new int[] {0}, 2);
        ExchangeNode right = new ExchangeNode(calc(shared), new int[] {0}, 2);
        StagePlan plan = new StagePlan(joinOf(left, right));
        assertEquals(2, plan.stages().size());
        StagePlan.Stage st = plan.stages().get(1);
        assertEquals(List.of(left, right), st.outputs());
        assertArrayEquals(new int[] {0, 1}, st.tags());
        assertEquals(0, st.consumer());
        assertSame(((CalcNode) shared).input(), StagePlan.scanOf(st)); // one scan: the stream is read once
        assertTrue(StagePlan.unsupportedSharing(plan.sink()).isEmpty());
    }

    @Test
    void aNodeSharedBetweenTwoStagesIsRefused() {
        // one use right under the join's exchange, the other below a further exchange: two stages
        PlanNode shared = calc(scan());
        ExchangeNode left = new ExchangeNode(calc(shared), new int[] {0}, 1);
        ExchangeNode right = new ExchangeNode(calc(new ExchangeNode(calc(shared), new int[] {}, 1)), new int[] {0}, 1);
        StreamSinkNode sink = joinOf(left, right);
        assertTrue(StagePlan.unsupportedSharing(sink).contains(shared));
        assertThrows(IllegalArgumentException.class, () -> new StagePlan(sink));
    }

    @Test
    void aPlanWithoutSinkSharesNothing() {
        PlanNode shared = calc(scan());
        PlanNode query = new JoinNode(new ExchangeNode(shared, new int[] {0}, 1), new ExchangeNode(shared,
                new int[] {0}, 1), JoinNode.Type.INNER, new int[] {0}, new int[] {0}, null, null, -1, -1, 0, TWO);
        assertTrue(StagePlan.unsupportedSharing(query).contains(shared));
    }
}
