package io.sluice.engine.runtime;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.engine.plan.expr.Literal;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.List;

/**
 * The watermark of one partition of a stream: the highest value of the stream's watermark expression
 * over the rows read so far ({@code WATERMARK FOR ts AS ts - INTERVAL '5' SECOND}: the latest event
 * time minus five seconds). The usual shapes ({@code ts} and {@code ts - INTERVAL ...}) are read
 * straight off the row; anything else runs as compiled code.
 */
final class ScanWatermark {
    private final int column;
    private final long delay;
    private final CompiledCalc calc;
    private final RowWriter writer;
    private final RowReader reader;
    private long current = Long.MIN_VALUE;

    ScanWatermark(Expr expr, RowSchema schema, CalcCompiler compiler) {
        if (expr instanceof InputRef r) {
            column = r.index();
            delay = 0;
            calc = null;
        } else if (expr instanceof Call c && c.op().equals(Ops.MINUS) && c.operands().get(0) instanceof InputRef r
                && c.operands().get(1) instanceof Literal l && l.value() instanceof Number n
                && l.type().kind() == TypeKind.INTERVAL_DAY_TIME) {
            column = r.index();
            delay = n.longValue();
            calc = null;
        } else {
            column = -1;
            delay = 0;
            RowSchema out = new RowSchema(List.of(new Column("wm", DataType.of(TypeKind.TIMESTAMP))));
            calc = compiler.compile(schema, null, List.of(expr), out).get();
            writer = new RowWriter(out);
            reader = new RowReader(out);
            return;
        }
        writer = null;
        reader = null;
    }

    /** Takes a row into account; returns the (possibly advanced) watermark. */
    long observe(RowReader row) {
        long wm;
        if (calc == null) {
            if (row.isNull(column)) {
                return current;
            }
            wm = row.getLong(column) - delay;
        } else {
            writer.begin(RowKind.INSERT);
            if (!calc.apply(row, writer)) {
                return current;
            }
            reader.wrap(writer.buffer(), 0, writer.length());
            if (reader.isNull(0)) {
                return current;
            }
            wm = reader.getLong(0);
        }
        if (wm > current) {
            current = wm;
        }
        return current;
    }

    long current() {
        return current;
    }

    void restore(long wm) {
        current = wm;
    }
}
