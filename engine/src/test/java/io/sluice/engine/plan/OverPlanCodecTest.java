package io.sluice.engine.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of the OVER node reads back as written, and its constructor refuses frames it cannot run. */
class OverPlanCodecTest {
    private static final RowSchema IN = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("ts", DataType.of(TypeKind.TIMESTAMP)), new Column("v", DataType.of(TypeKind.BIGINT)));
    private static final ScanNode SCAN = new ScanNode("s", IN, StartMode.EARLIEST, null, 0);
    private static final RowSchema OUT = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("ts", DataType.of(TypeKind.TIMESTAMP)), new Column("v", DataType.of(TypeKind.BIGINT)),
            new Column("s", DataType.of(TypeKind.BIGINT)));
    private static final List<AggCall> SUM = List.of(new AggCall(AggCall.SUM0, new int[] {2}, false, -1,
            DataType.of(TypeKind.BIGINT)));

    @Test
    void overNodeRoundTrips() {
        OverNode over = new OverNode(SCAN, new int[] {0}, new int[] {1, 2}, new boolean[] {false, true},
                new boolean[] {false, true}, SUM, 9, false, OverNode.Mode.CHANGELOG, OUT);
        ObjectNode json = PlanCodec.write(over);
        assertEquals("changelog", json.get("mode").asText());
        OverNode back = (OverNode) PlanCodec.readPlan(json);
        assertEquals(OverNode.Mode.CHANGELOG, back.mode());
        assertArrayEquals(new int[] {0}, back.partitionKeys());
        assertArrayEquals(new int[] {1, 2}, back.orderKeys());
        assertArrayEquals(new boolean[] {false, true}, back.descending());
        assertEquals(9, back.preceding());
        assertEquals(SUM.get(0).function(), back.calls().get(0).function());
        assertEquals(OUT, back.schema());
        assertEquals(PlanCodec.write(over), PlanCodec.write(back));
        json.put("v", 2);
        assertThrows(IllegalStateException.class, () -> PlanCodec.readPlan(json));
        json.put("v", 1);
        json.put("mode", "sideways");
        assertThrows(IllegalStateException.class, () -> PlanCodec.readPlan(json));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new OverNode(SCAN, new int[] {0}, new int[] {1},
                new boolean[] {false}, new boolean[] {false}, SUM, 3, true, OverNode.Mode.CHANGELOG, OUT),
                "RANGE with an offset");
        assertThrows(IllegalArgumentException.class, () -> new OverNode(SCAN, new int[] {0}, new int[] {1},
                new boolean[] {true}, new boolean[] {false}, SUM, -1, false, OverNode.Mode.EVENT_TIME, OUT),
                "event time descending");
        assertThrows(IllegalArgumentException.class, () -> new OverNode(SCAN, new int[] {0}, new int[0],
                new boolean[0], new boolean[0], SUM, -1, false, OverNode.Mode.CHANGELOG, OUT), "no ORDER BY");
    }
}
