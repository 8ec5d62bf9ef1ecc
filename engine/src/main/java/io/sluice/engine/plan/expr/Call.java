package io.sluice.engine.plan.expr;

import io.sluice.storage.row.DataType;
import java.util.List;

/**
 * An operator or function applied to operands; {@code op} is one of the names in {@link Ops}, whose
 * javadoc fixes each one's operands and meaning. {@code type} is the result type the planner derived;
 * a compiler converts operands to it where SQL implies a conversion (e.g. INT + BIGINT gives BIGINT).
 */
public record Call(String op, List<Expr> operands, DataType type) implements Expr {
    public Call {
        operands = List.copyOf(operands);
    }

    public Expr operand(int i) {
        return operands.get(i);
    }

    @Override
    public String toString() {
        return op + operands;
    }
}
