package io.sluice.engine.plan.expr;

import io.sluice.storage.row.DataType;

/** Column {@code index} of the operator's input row. */
public record InputRef(int index, DataType type) implements Expr {
    @Override
    public String toString() {
        return "$" + index;
    }
}
