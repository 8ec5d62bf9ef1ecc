package io.sluice.engine.plan.expr;

import io.sluice.storage.row.DataType;

/**
 * A scalar expression in Sluice's own plan: what the planner produces from SQL, what the catalog
 * stores inside a pipeline's plan, and what a {@link io.sluice.engine.plan.CalcCompiler} turns into
 * code. It holds no Calcite objects, so a stored plan outlives planner upgrades.
 */
public sealed interface Expr permits InputRef, Literal, Call {
    /** The type of the value; nullable when the value can be NULL. */
    DataType type();
}
