package io.sluice.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plan that holds one node instance under two parents (a subtree computed once) is stored with the
 * node written once and referenced after, and reads back with the one instance under both parents.
 */
class SharedPlanCodecTest {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final RowSchema ONE = RowSchema.of(new Column("k", BIGINT));
    private static final RowSchema TWO = RowSchema.of(new Column("k", BIGINT), new Column("k0", BIGINT));

    /** sink <- join(exchange(calc(shared)), exchange(calc(shared))), shared = calc(scan). */
    static StreamSinkNode plan(boolean share) {
        PlanNode scan = new ScanNode("s", ONE, StartMode.EARLIEST);
        PlanNode shared = new CalcNode(scan, null, List.of(new InputRef(0, BIGINT)), ONE);
        PlanNode other = share ? shared : new CalcNode(new ScanNode("s", ONE, StartMode.EARLIEST), null,
                List.of(new InputRef(0, BIGINT)), ONE);
        PlanNode left = new ExchangeNode(new CalcNode(shared, null, List.of(new InputRef(0, BIGINT)), ONE),
                new int[] {0}, 1);
        PlanNode right = new ExchangeNode(new CalcNode(other, null, List.of(new InputRef(0, BIGINT)), ONE),
                new int[] {0}, 1);
        JoinNode join = new JoinNode(left, right, JoinNode.Type.INNER, new int[] {0}, new int[] {0}, null, null, -1,
                -1, 0, TWO);
        return new StreamSinkNode(join, "out", 1, -1);
    }

    private static PlanNode sharedOf(PlanNode sink, boolean left) {
        JoinNode j = (JoinNode) ((StreamSinkNode) sink).input();
        return ((ExchangeNode) (left ? j.left() : j.right())).input().inputs().get(0);
    }

    @Test
    void aSharedNodeIsWrittenOnceAndReadBackAsOneInstance() {
        ObjectNode json = PlanCodec.write(plan(true));
        String text = json.toString();
        assertEquals(1, count(text, "\"node\":\"scan\""), text);
        assertEquals(1, count(text, "\"node\":\"ref\""), text);
        PlanNode back = PlanCodec.readPlan(json);
        assertSame(sharedOf(back, true), sharedOf(back, false));
        assertEquals(json, PlanCodec.write(back));
    }

    @Test
    void equalNodesThatAreNotSharedStayApart() {
        ObjectNode json = PlanCodec.write(plan(false));
        String text = json.toString();
        // a plan without sharing is stored exactly as before: no ids, no references
        assertFalse(text.contains("\"node\":\"ref\"") || text.contains("\"id\":"), text);
        assertEquals(2, count(text, "\"node\":\"scan\""), text);
        PlanNode back = PlanCodec.readPlan(json);
        assertNotSame(sharedOf(back, true), sharedOf(back, false));
    }

    @Test
    void unknownReferencesAreRefused() {
        ObjectNode json = PlanCodec.write(plan(true));
        ObjectNode ref = findRef(json);
        ref.put("v", 2); // a reference form from a newer Sluice
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PlanCodec.readPlan(json));
        assertTrue(e.getMessage().contains("'ref'"), e.getMessage());
        ref.put("v", 1);
        ref.put("id", 7); // a reference to nothing written before it
        assertThrows(IllegalStateException.class, () -> PlanCodec.readPlan(json));
    }

    private static ObjectNode findRef(com.fasterxml.jackson.databind.JsonNode n) {
        if (n instanceof ObjectNode o && PlanCodec.REF.equals(o.path("node").asText())) {
            return o;
        }
        for (com.fasterxml.jackson.databind.JsonNode c : n) {
            ObjectNode found = c.isContainerNode() ? findRef(c) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
