package io.sluice.engine.plan;

import io.sluice.engine.operator.CompiledCalc;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.storage.row.RowSchema;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a Calc node's expressions into code. The engine receives an implementation from the layer
 * that creates it (the {@code sql} module compiles with Janino), so that plans loaded from the
 * catalog at start-up are compiled the same way as new ones.
 *
 * <p>Thread-safe; may cache by expression and schema.
 */
public interface CalcCompiler {
    /**
     * Compiles a filter and projection over rows of {@code input}.
     *
     * @param condition keeps a row only when TRUE; null keeps every row
     * @param projects  one expression per column of {@code output}, in order
     * @return a factory of independent instances, one per task
     * @throws IllegalArgumentException if an expression uses an operator or a type it cannot compile
     */
    Supplier<CompiledCalc> compile(RowSchema input, Expr condition, List<Expr> projects, RowSchema output);
}
