package io.sluice.engine.operator.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.JoinNode;
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
import java.util.Arrays;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event-time temporal join on its own: which version a stream row meets, when it is emitted,
 * deletes, late rows on either side, trimming of old versions, and (with {@code restoreEachStep}) that
 * a snapshot taken after any step, restored into a fresh operator, carries on identically.
 */
class TemporalJoinOperatorTest {
    /** Stream rows: (k, id, t); table rows: (k, v, t). */
    private static final RowSchema STREAM = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("id", DataType.of(TypeKind.BIGINT)), new Column("t", DataType.of(TypeKind.TIMESTAMP)));
    private static final RowSchema TABLE = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("v", DataType.varchar(DataType.UNBOUNDED)), new Column("t", DataType.of(TypeKind.TIMESTAMP)));
    private static final RowSchema OUT = RowSchema.of(new Column("k", DataType.of(TypeKind.BIGINT)),
            new Column("id", DataType.of(TypeKind.BIGINT)), new Column("t", DataType.of(TypeKind.TIMESTAMP)),
            new Column("k0", DataType.of(TypeKind.BIGINT)), new Column("v", DataType.varchar(DataType.UNBOUNDED)),
            new Column("t0", DataType.of(TypeKind.TIMESTAMP)));

    /** Drives one operator; with {@code restoreEachStep} it is replaced by a restored copy after every call. */
    private static final class Driver {
        final JoinNode node;
        final boolean restoreEachStep;
        final List<String> out = new ArrayList<>();
        final RowWriter streamWriter = new RowWriter(STREAM);
        final RowReader streamReader = new RowReader(STREAM);
        final RowWriter tableWriter = new RowWriter(TABLE);
        final RowReader tableReader = new RowReader(TABLE);
        TemporalJoinOperator op;

        Driver(JoinNode.Type type, boolean restoreEachStep) {
            this.node = new JoinNode(new ScanNode("s", STREAM, StartMode.EARLIEST),
                    new ScanNode("r", TABLE, StartMode.EARLIEST), type, new int[] {0}, new int[] {0}, null, null,
                    -1, -1, 0, OUT, new JoinNode.Temporal(2, 2));
            this.restoreEachStep = restoreEachStep;
            this.op = fresh();
        }

        TemporalJoinOperator fresh() {
            TemporalJoinOperator o = new TemporalJoinOperator(node, null);
            o.output(row -> out.add(row.kind().shortName() + Arrays.toString(row.toArray())));
            return o;
        }

        Driver stream(Long k, long id, long t) {
            streamWriter.begin(RowKind.INSERT);
            if (k != null) {
                streamWriter.putLong(0, k);
            }
            streamWriter.putLong(1, id);
            streamWriter.putLong(2, t);
            op.onRow(0, streamReader.wrap(streamWriter.buffer(), 0, streamWriter.length()));
            return step();
        }

        Driver table(RowKind kind, long k, String v, long t) {
            tableWriter.begin(kind);
            tableWriter.putLong(0, k);
            tableWriter.putString(1, v);
            tableWriter.putLong(2, t);
            op.onRow(1, tableReader.wrap(tableWriter.buffer(), 0, tableWriter.length()));
            return step();
        }

        Driver watermark(long wm) {
            op.onWatermark(wm);
            return step();
        }

        Driver step() {
            if (restoreEachStep) {
                StateWriter w = new StateWriter();
                op.snapshot(w);
                byte[] bytes = new byte[w.length()];
                w.buffer().getBytes(0, bytes);
                TemporalJoinOperator restored = fresh();
                StateReader r = new StateReader(new UnsafeBuffer(bytes), 0, bytes.length);
                restored.restore(r);
                assertTrue(!r.hasMore(), "restore reads the whole snapshot");
                assertEquals(op.stateBytes(), restored.stateBytes(), "state size survives a restore");
                assertEquals(op.lateRows(), restored.lateRows());
                op = restored;
            }
            return this;
        }

        List<String> take() {
            List<String> copy = List.copyOf(out);
            out.clear();
            return copy;
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachRowMeetsTheVersionValidAtItsTimeOnceTheWatermarkPassesIt(boolean restoreEachStep) {
        Driver d = new Driver(JoinNode.Type.INNER, restoreEachStep);
        d.table(RowKind.INSERT, 1, "a", 10).table(RowKind.UPDATE_BEFORE, 1, "a", 10)
                .table(RowKind.UPDATE_AFTER, 1, "b", 20);
        d.stream(1L, 100, 25).stream(1L, 101, 15).stream(1L, 102, 5).stream(1L, 103, 20);
        assertEquals(List.of(), d.take(), "nothing before the watermark reaches the rows' times");
        d.watermark(20);
        // in time order: 5 has no version yet (inner: dropped), 15 meets a, 20 meets b (valid from 20 on)
        assertEquals(List.of("+I[1, 101, 15, 1, a, 10]", "+I[1, 103, 20, 1, b, 20]"), d.take());
        d.watermark(30);
        assertEquals(List.of("+I[1, 100, 25, 1, b, 20]"), d.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void leftJoinPadsRowsWithoutVersionOrKey(boolean restoreEachStep) {
        Driver d = new Driver(JoinNode.Type.LEFT, restoreEachStep);
        d.stream(null, 1, 5);
        assertEquals(List.of("+I[null, 1, 5, null, null, null]"), d.take(), "a NULL key can never match: at once");
        d.table(RowKind.INSERT, 1, "a", 10).stream(1L, 2, 5).stream(1L, 3, 10).stream(2L, 4, 10).watermark(10);
        assertEquals(List.of("+I[1, 2, 5, null, null, null]", "+I[1, 3, 10, 1, a, 10]",
                "+I[2, 4, 10, null, null, null]"), d.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deleteEndsTheVersionAtTheTableSidesLatestTime(boolean restoreEachStep) {
        Driver d = new Driver(JoinNode.Type.LEFT, restoreEachStep);
        d.table(RowKind.INSERT, 1, "a", 10).table(RowKind.INSERT, 2, "x", 30);
        // the delete carries the deleted row (time 10); it takes effect at 30, the latest version time seen
        d.table(RowKind.DELETE, 1, "a", 10);
        d.stream(1L, 1, 29).stream(1L, 2, 30).stream(1L, 3, 40).watermark(50);
        assertEquals(List.of("+I[1, 1, 29, 1, a, 10]", "+I[1, 2, 30, null, null, null]",
                "+I[1, 3, 40, null, null, null]"), d.take());
        d.table(RowKind.INSERT, 1, "c", 60).stream(1L, 4, 55).stream(1L, 5, 60).watermark(60);
        assertEquals(List.of("+I[1, 4, 55, null, null, null]", "+I[1, 5, 60, 1, c, 60]"), d.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void lateStreamRowsAreCountedAndLateTableRowsStillDecideWaitingRows(boolean restoreEachStep) {
        Driver d = new Driver(JoinNode.Type.INNER, restoreEachStep);
        d.table(RowKind.INSERT, 1, "a", 10).watermark(100);
        d.stream(1L, 1, 150);
        d.stream(1L, 2, 100); // at the watermark: late
        assertEquals(1, d.op.lateRows());
        d.table(RowKind.UPDATE_AFTER, 1, "b", 90); // behind the watermark, still the latest version for 150
        d.watermark(200);
        assertEquals(List.of("+I[1, 1, 150, 1, b, 90]"), d.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theWatermarkDropsVersionsNoLaterRowCanSee(boolean restoreEachStep) {
        Driver d = new Driver(JoinNode.Type.INNER, restoreEachStep);
        for (int i = 0; i < 50; i++) {
            d.table(RowKind.UPDATE_AFTER, 1, "v" + i, i * 10L);
        }
        long full = d.op.stateBytes();
        d.watermark(395); // versions 0..380 can no longer be seen; 390 is valid at the watermark
        assertTrue(d.op.stateBytes() < full / 3, "old versions dropped: " + d.op.stateBytes() + " of " + full);
        d.stream(1L, 1, 396).stream(1L, 2, 405).watermark(1000);
        assertEquals(List.of("+I[1, 1, 396, 1, v39, 390]", "+I[1, 2, 405, 1, v40, 400]"), d.take());
        long one = d.op.stateBytes();
        d.table(RowKind.DELETE, 1, "v49", 490).watermark(2000);
        assertTrue(d.op.stateBytes() < one, "a delete the watermark passed leaves nothing of its key");
        assertEquals(0, d.op.stateBytes());
    }
}
