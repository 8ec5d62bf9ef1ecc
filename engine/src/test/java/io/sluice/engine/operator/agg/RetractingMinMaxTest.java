package io.sluice.engine.operator.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.AggCall;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.PlanCodec;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** MIN and MAX over a changelog input: retracting the extreme value falls back to the next one. */
class RetractingMinMaxTest {
    private static final RowSchema IN = new RowSchema(List.of(new Column("k", DataType.of(TypeKind.VARCHAR)),
            new Column("v", DataType.of(TypeKind.BIGINT))));
    private static final RowSchema OUT = new RowSchema(List.of(new Column("k", DataType.of(TypeKind.VARCHAR)),
            new Column("lo", DataType.of(TypeKind.BIGINT)), new Column("hi", DataType.of(TypeKind.BIGINT))));

    private static AggregateNode node(boolean retracting) {
        return new AggregateNode(new ScanNode("s", IN, StartMode.EARLIEST), new int[] {0},
                List.of(new AggCall(AggCall.MIN, new int[] {1}, false, -1, DataType.of(TypeKind.BIGINT)),
                        new AggCall(AggCall.MAX, new int[] {1}, false, -1, DataType.of(TypeKind.BIGINT))),
                -1, OUT, retracting);
    }

    private final RowWriter writer = new RowWriter(IN);
    private final RowReader reader = new RowReader(IN);

    private RowReader row(RowKind kind, String k, long v) {
        writer.begin(kind);
        writer.putString(0, k);
        writer.putLong(1, v);
        return reader.wrap(writer.buffer(), 0, writer.length());
    }

    private static AggregateOperator operator(AggregateNode node, List<String> out) {
        AggregateOperator op = new AggregateOperator(node);
        op.output(r -> out.add(r.kind().shortName() + " " + r.getString(0) + " " + r.getLong(1) + " " + r.getLong(2)));
        return op;
    }

    @Test
    void retractingTheExtremeFallsBackToTheNextValueAcrossASnapshot() {
        List<String> out = new ArrayList<>();
        AggregateOperator op = operator(node(true), out);
        op.onRow(0, row(RowKind.INSERT, "a", 5));
        op.onRow(0, row(RowKind.INSERT, "a", 9));
        op.onRow(0, row(RowKind.INSERT, "a", 9));
        op.onRow(0, row(RowKind.INSERT, "a", 1));

        StateWriter w = new StateWriter();
        op.snapshot(w);
        List<String> restoredOut = new ArrayList<>();
        AggregateOperator restored = operator(node(true), restoredOut);
        restored.restore(new StateReader(w.buffer(), 0, w.length()));

        for (AggregateOperator o : List.of(op, restored)) {
            List<String> seen = o == op ? out : restoredOut;
            seen.clear();
            o.onRow(0, row(RowKind.UPDATE_BEFORE, "a", 9)); // one 9 is left: the max stays
            o.onRow(0, row(RowKind.DELETE, "a", 1));        // min falls back to 5
            o.onRow(0, row(RowKind.DELETE, "a", 9));        // max falls back to 5
            // the first retraction leaves the result as it was (another 9 remains): nothing is emitted
            assertEquals(List.of("-U a 1 9", "+U a 5 9", "-U a 5 9", "+U a 5 5"), seen);
        }
    }

    @Test
    void theLastRowRetractedDeletesTheGroup() {
        List<String> out = new ArrayList<>();
        AggregateOperator op = operator(node(true), out);
        op.onRow(0, row(RowKind.INSERT, "a", 3));
        op.onRow(0, row(RowKind.DELETE, "a", 3));
        assertEquals(List.of("+I a 3 3", "-D a 3 3"), out);
    }

    @Test
    void anAppendOnlyAggregateRefusesARetractionAndItsPlanSaysSo() {
        AggregateOperator op = operator(node(false), new ArrayList<>());
        op.onRow(0, row(RowKind.INSERT, "a", 3));
        assertThrows(EvaluationException.class, () -> op.onRow(0, row(RowKind.DELETE, "a", 3)));
        assertEquals(true, ((AggregateNode) PlanCodec.readPlan(PlanCodec.write(node(true)))).retracting());
        assertEquals(false, ((AggregateNode) PlanCodec.readPlan(PlanCodec.write(node(false)))).retracting());
    }
}
