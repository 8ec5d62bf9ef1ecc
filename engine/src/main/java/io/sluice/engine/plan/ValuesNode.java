package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Constant rows (the VALUES of an INSERT). Each value is in Sluice's internal representation for its
 * column's type (see {@link io.sluice.engine.plan.expr.Literal}).
 */
public record ValuesNode(RowSchema schema, List<List<Object>> rows) implements PlanNode {
    public static final String NAME = "values";

    public ValuesNode {
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
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
        return List.of();
    }
}
