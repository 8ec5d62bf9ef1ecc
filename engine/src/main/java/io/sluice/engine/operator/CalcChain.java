package io.sluice.engine.operator;

import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.CalcNode;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowWriter;
import java.util.List;

/**
 * The Calcs of one task, applied to one row at a time. Each Calc writes into its own reusable
 * {@link RowWriter} and the next one reads that through a flyweight, so a row passes the whole chain
 * without per-row allocation. One instance per task; not thread-safe.
 */
public final class CalcChain {
    private final CompiledCalc[] calcs;
    private final RowWriter[] writers;
    private final RowReader[] readers;

    public CalcChain(List<CalcNode> nodes, CalcCompiler compiler) {
        int n = nodes.size();
        calcs = new CompiledCalc[n];
        writers = new RowWriter[n];
        readers = new RowReader[n];
        for (int i = 0; i < n; i++) {
            CalcNode c = nodes.get(i);
            calcs[i] = compiler.compile(c.input().schema(), c.condition(), c.projects(), c.schema()).get();
            writers[i] = new RowWriter(c.schema());
            readers[i] = new RowReader(c.schema());
        }
    }

    /**
     * Runs the chain on {@code in}.
     *
     * @return the output row (valid until the next call), or null if a filter dropped it
     * @throws EvaluationException if an expression fails on this row
     */
    public RowReader apply(RowReader in) {
        RowReader row = in;
        for (int i = 0; i < calcs.length; i++) {
            RowWriter w = writers[i];
            w.begin(RowKind.INSERT);
            if (!calcs[i].apply(row, w)) {
                return null;
            }
            row = readers[i].wrap(w.buffer(), 0, w.length());
        }
        return row;
    }
}
