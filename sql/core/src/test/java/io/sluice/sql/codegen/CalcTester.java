package io.sluice.sql.codegen;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.engine.plan.expr.Literal;
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

/** Builds expressions and rows, runs compiled Calcs and reads their output, for the codegen tests. */
final class CalcTester {
    static final JaninoCalcCompiler COMPILER = new JaninoCalcCompiler();

    static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);
    static final DataType INT = DataType.of(TypeKind.INT);
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
    static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
    static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
    static final DataType DAY_TIME = DataType.of(TypeKind.INTERVAL_DAY_TIME);
    static final DataType YEAR_MONTH = DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
    static final DataType NULL = DataType.of(TypeKind.NULL);

    private CalcTester() {
    }

    static DataType decimal(int precision, int scale) {
        return DataType.decimal(precision, scale);
    }

    static InputRef ref(int index, DataType type) {
        return new InputRef(index, type);
    }

    static Literal lit(Object value, DataType type) {
        return new Literal(value, type);
    }

    static Literal lit(int v) {
        return new Literal(v, INT);
    }

    static Literal lit(long v) {
        return new Literal(v, BIGINT);
    }

    static Literal lit(double v) {
        return new Literal(v, DOUBLE);
    }

    static Literal lit(boolean v) {
        return new Literal(v, BOOLEAN);
    }

    static Literal lit(String v) {
        return new Literal(v, VARCHAR);
    }

    static Literal nullLit(DataType type) {
        return new Literal(null, type);
    }

    static Call call(String op, DataType type, Expr... operands) {
        return new Call(op, List.of(operands), type);
    }

    static RowSchema schema(DataType... types) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            columns.add(new Column("c" + i, types[i]));
        }
        return new RowSchema(columns);
    }

    static RowReader row(RowSchema schema, Object... values) {
        RowWriter w = new RowWriter(schema);
        w.begin(RowKind.INSERT);
        for (int i = 0; i < values.length; i++) {
            w.putObject(i, values[i]);
        }
        return new RowReader(schema).wrap(w.buffer(), 0, w.length());
    }

    /** Runs a Calc over one row; null when the condition dropped it, else the output values. */
    static Object[] run(RowSchema input, Object[] values, Expr condition, List<Expr> projects, RowSchema output) {
        CompiledCalc calc = COMPILER.compile(input, condition, projects, output).get();
        RowWriter out = new RowWriter(output);
        out.begin(RowKind.INSERT);
        if (!calc.apply(row(input, values), out)) {
            return null;
        }
        return new RowReader(output).wrap(out.buffer(), 0, out.length()).toArray();
    }

    /** The value of {@code expr} (of a storable type) on a row of {@code input}. */
    static Object eval(RowSchema input, Object[] values, Expr expr) {
        return run(input, values, null, List.of(expr), schema(expr.type()))[0];
    }

    /** The value of an expression that reads no columns. */
    static Object eval(Expr expr) {
        return eval(schema(), new Object[0], expr);
    }

    /** The value of {@code expr} with columns of the given types holding the given values. */
    static Object evalWith(Expr expr, DataType[] types, Object... values) {
        return eval(schema(types), values, expr);
    }

    static DataType[] types(DataType... types) {
        return Arrays.copyOf(types, types.length);
    }
}
