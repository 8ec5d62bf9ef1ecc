package io.sluice.sql.planner.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * Sluice's physical convention: relational nodes that map one to one onto nodes of Sluice's own plan
 * ({@link io.sluice.engine.plan.PlanNode}). Planning stops here; nothing downstream sees Calcite.
 */
public interface StreamRel extends RelNode {
    Convention CONVENTION = new Convention.Impl("STREAM", StreamRel.class);
}
