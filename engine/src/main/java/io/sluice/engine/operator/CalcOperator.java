package io.sluice.engine.operator;

import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowWriter;

/**
 * A compiled filter and projection. The output row keeps the input row's kind, so a Calc over a
 * changelog passes updates and deletes through.
 */
public final class CalcOperator extends Operator {
    private final CompiledCalc calc;
    private final RowWriter writer;
    private final RowReader reader;

    public CalcOperator(CompiledCalc calc, RowWriter writer, RowReader reader) {
        this.calc = calc;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public void onRow(int input, RowReader row) {
        writer.begin(row.kind());
        if (calc.apply(row, writer)) {
            out.accept(reader.wrap(writer.buffer(), 0, writer.length()));
        }
    }
}
