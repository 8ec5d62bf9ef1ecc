/**
 * Sluice's own versioned physical plan: the nodes the planner produces, the catalog stores and the
 * runtime executes, their JSON form ({@link io.sluice.engine.plan.PlanCodec}), and the contract for
 * compiling Calc expressions. No Calcite type appears here.
 */
package io.sluice.engine.plan;
