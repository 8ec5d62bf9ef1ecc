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

/** The stored form of the Top-N and SESSION nodes reads back as written. */
class RankPlanCodecTest {
    private static final RowSchema IN = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("ts", DataType.of(TypeKind.TIMESTAMP)),
            new Column("window_start", DataType.of(TypeKind.TIMESTAMP)),
            new Column("window_end", DataType.of(TypeKind.TIMESTAMP)));
    private static final ScanNode SCAN = new ScanNode("s", RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("ts", DataType.of(TypeKind.TIMESTAMP))), StartMode.EARLIEST, null, 0);

    @Test
    void rankNodeRoundTrips() {
        RowSchema out = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
                new Column("ts", DataType.of(TypeKind.TIMESTAMP)), new Column("rn", DataType.of(TypeKind.BIGINT)));
        RankNode rank = new RankNode(SCAN, new int[] {0}, new int[] {1}, new boolean[] {false}, new boolean[] {true}, 1,
                true, RankNode.Mode.FIRST_ROW, -1, 60_000, out);
        ObjectNode json = PlanCodec.write(rank);
        assertEquals("first-row", json.get("mode").asText());
        RankNode back = (RankNode) PlanCodec.readPlan(json);
        assertEquals(RankNode.Mode.FIRST_ROW, back.mode());
        assertArrayEquals(new int[] {0}, back.partitionKeys());
        assertArrayEquals(new int[] {1}, back.orderKeys());
        assertArrayEquals(new boolean[] {true}, back.nullsLast());
        assertEquals(60_000, back.stateTtlMs());
        assertEquals(out, back.schema());
        assertEquals(PlanCodec.write(rank), PlanCodec.write(back));
        json.put("v", 2);
        assertThrows(IllegalStateException.class, () -> PlanCodec.readPlan(json));
    }

    @Test
    void sessionAggregateNodeRoundTrips() {
        WindowNode w = new WindowNode(SCAN, WindowNode.Kind.SESSION, 1, 5000, 5000, 0, false, null, IN);
        RowSchema out = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
                new Column("window_start", DataType.of(TypeKind.TIMESTAMP)),
                new Column("window_end", DataType.of(TypeKind.TIMESTAMP)), new Column("n", DataType.of(TypeKind.BIGINT)));
        SessionAggregateNode s = new SessionAggregateNode(w, new int[] {0, 2, 3},
                List.of(new AggCall(AggCall.COUNT, new int[0], false, -1, DataType.of(TypeKind.BIGINT))), 2, 3, out);
        SessionAggregateNode back = (SessionAggregateNode) PlanCodec.readPlan(PlanCodec.write(s));
        assertEquals(WindowNode.Kind.SESSION, ((WindowNode) back.input()).kind());
        assertEquals(2, back.windowStart());
        assertEquals(3, back.windowEnd());
        assertEquals(PlanCodec.write(s), PlanCodec.write(back));
    }
}
