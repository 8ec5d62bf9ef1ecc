package io.sluice.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import org.junit.jupiter.api.Test;

/**
 * The stored form of a join keeps a temporal join's time columns (version 2) and an interval join's
 * column bounds (version 3); other joins stay version 1.
 */
class JoinPlanCodecTest {
    private static final RowSchema SIDE = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("t", DataType.of(TypeKind.TIMESTAMP)));
    private static final RowSchema OUT = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("t", DataType.of(TypeKind.TIMESTAMP)), new Column("k0", DataType.of(TypeKind.BIGINT)),
            new Column("t0", DataType.of(TypeKind.TIMESTAMP)));

    private static JoinNode join(JoinNode.Temporal asOf) {
        return new JoinNode(new ScanNode("s", SIDE, StartMode.EARLIEST), new ScanNode("r", SIDE, StartMode.EARLIEST),
                JoinNode.Type.LEFT, new int[] {0}, new int[] {0}, null, null, -1, -1, 0, OUT, asOf);
    }

    @Test
    void temporalJoinRoundTripsAsVersion2() {
        JoinNode temporal = join(new JoinNode.Temporal(1, 1));
        ObjectNode json = PlanCodec.write(temporal);
        assertEquals(2, json.get("v").asInt());
        JoinNode back = (JoinNode) PlanCodec.readPlan(json);
        assertTrue(back.temporal());
        assertEquals(new JoinNode.Temporal(1, 1), back.asOf());
        assertEquals(PlanCodec.write(temporal), PlanCodec.write(back));
        json.put("v", 4);
        assertThrows(IllegalStateException.class, () -> PlanCodec.readPlan(json));
    }

    @Test
    void columnBoundedIntervalJoinRoundTripsAsVersion3() {
        JoinNode.TimeBound bound = new JoinNode.TimeBound(1, 1, 0, Long.MAX_VALUE, new JoinNode.Until(1, 5), null);
        JoinNode interval = new JoinNode(new ScanNode("s", SIDE, StartMode.EARLIEST),
                new ScanNode("r", SIDE, StartMode.EARLIEST), JoinNode.Type.INNER, new int[] {0}, new int[] {0}, null,
                bound, -1, -1, 0, OUT);
        ObjectNode json = PlanCodec.write(interval);
        assertEquals(3, json.get("v").asInt());
        assertEquals(bound, ((JoinNode) PlanCodec.readPlan(json)).bound());
        assertEquals(1, PlanCodec.write(join(null)).get("v").asInt());
    }

    @Test
    void anIntervalJoinMustReleaseBothSides() {
        assertThrows(IllegalArgumentException.class, () -> new JoinNode.TimeBound(1, 1, 0, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class,
                () -> new JoinNode.TimeBound(1, 1, Long.MIN_VALUE, 0, new JoinNode.Until(1, 0), null));
    }

    @Test
    void otherJoinsStayVersion1() {
        ObjectNode json = PlanCodec.write(join(null));
        assertEquals(1, json.get("v").asInt());
        assertFalse(json.has("asOf"));
        assertNull(((JoinNode) PlanCodec.readPlan(json)).asOf());
    }

    @Test
    void temporalJoinsAreInnerOrLeftOnly() {
        assertThrows(IllegalArgumentException.class, () -> new JoinNode(new ScanNode("s", SIDE, StartMode.EARLIEST),
                new ScanNode("r", SIDE, StartMode.EARLIEST), JoinNode.Type.FULL, new int[] {0}, new int[] {0}, null,
                null, -1, -1, 0, OUT, new JoinNode.Temporal(1, 1)));
    }
}
