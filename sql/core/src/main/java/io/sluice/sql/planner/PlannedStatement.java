package io.sluice.sql.planner;

import io.sluice.engine.plan.PlanNode;
import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * A statement planned into Sluice plans.
 *
 * @param plans   one plan, or one per VALUES group of an INSERT
 * @param schema  the columns of the result rows (a push query's output)
 * @param limit   LIMIT of a push query, or Long.MAX_VALUE
 * @param sources streams read
 * @param target  stream written, or null
 * @param explain the physical plan as text
 */
public record PlannedStatement(List<PlanNode> plans, RowSchema schema, long limit, List<String> sources, String target,
                               String explain) {
    /** Whether it reads streams continuously (a pipeline or push query) rather than constants. */
    public boolean readsStreams() {
        return !sources.isEmpty();
    }
}
