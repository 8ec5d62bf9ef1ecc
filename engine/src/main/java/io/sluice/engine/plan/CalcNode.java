package io.sluice.engine.plan;

import io.sluice.engine.plan.expr.Expr;
import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Filters and projects each row: keeps a row when {@code condition} is TRUE (null keeps all) and
 * emits one column per projection. Stateless; compiled to code by a {@link CalcCompiler}.
 */
public record CalcNode(PlanNode input, Expr condition, List<Expr> projects, RowSchema schema) implements PlanNode {
    public static final String NAME = "calc";

    public CalcNode {
        projects = List.copyOf(projects);
        if (projects.size() != schema.size()) {
            throw new IllegalArgumentException(projects.size() + " projections for " + schema.size() + " columns");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
