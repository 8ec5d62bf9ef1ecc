package io.sluice.engine.operator;

import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives one operator the way a task does (rows and watermarks on one thread) and records its output
 * as text ({@code "+I[a, 1]"}). With {@code restoreEachStep}, after every row and watermark the
 * operator is snapshotted and replaced by a fresh instance restored from that snapshot, so a test
 * passes only if the snapshot holds everything the operator needs.
 */
public final class OperatorHarness {
    private final Supplier<Operator> factory;
    private final boolean restoreEachStep;
    private final RowWriter writer;
    private final RowReader reader;
    private final List<String> output = new ArrayList<>();
    private final List<String> late = new ArrayList<>();
    private Operator op;
    private int restores;

    public OperatorHarness(Supplier<Operator> factory, RowSchema input, boolean restoreEachStep) {
        this.factory = factory;
        this.restoreEachStep = restoreEachStep;
        this.writer = new RowWriter(input);
        this.reader = new RowReader(input);
        this.op = wire(factory.get());
    }

    private Operator wire(Operator o) {
        o.output(row -> output.add(row.kind().shortName() + Arrays.toString(row.toArray())));
        o.lateOutput(row -> late.add(Arrays.toString(row.toArray())));
        return o;
    }

    /** Sends one +I row of the input schema, values in internal representation. */
    public OperatorHarness row(Object... values) {
        return change(io.sluice.storage.row.RowKind.INSERT, values);
    }

    /** Sends one row of the given change kind (a changelog input), values in internal representation. */
    public OperatorHarness change(io.sluice.storage.row.RowKind kind, Object... values) {
        writer.begin(kind);
        for (int i = 0; i < values.length; i++) {
            writer.putObject(i, values[i]);
        }
        op.onRow(0, reader.wrap(writer.buffer(), 0, writer.length()));
        step();
        return this;
    }

    public OperatorHarness watermark(long wm) {
        op.onWatermark(wm);
        step();
        return this;
    }

    private void step() {
        if (!restoreEachStep) {
            return;
        }
        StateWriter w = new StateWriter();
        op.snapshot(w);
        byte[] bytes = new byte[w.length()];
        w.buffer().getBytes(0, bytes);
        Operator fresh = wire(factory.get());
        StateReader r = new StateReader(new UnsafeBuffer(bytes), 0, bytes.length);
        fresh.restore(r);
        if (r.hasMore()) {
            throw new AssertionError("restore left " + bytes.length + " bytes of snapshot partly unread");
        }
        if (fresh.stateBytes() != op.stateBytes()) {
            throw new AssertionError("state size " + op.stateBytes() + " became " + fresh.stateBytes()
                    + " after a restore");
        }
        op = fresh;
        restores++;
    }

    /** Output so far, then forgotten. */
    public List<String> take() {
        List<String> out = new ArrayList<>(output);
        output.clear();
        return out;
    }

    public List<String> lateRows() {
        return late;
    }

    public Operator operator() {
        return op;
    }

    public int restores() {
        return restores;
    }
}
