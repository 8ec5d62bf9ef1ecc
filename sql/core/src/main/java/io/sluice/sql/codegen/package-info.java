/**
 * The expression compiler: turns a Calc node's filter and projections, given in Sluice's own
 * expression IR ({@link io.sluice.engine.plan.expr}), into Java source for a
 * {@link io.sluice.engine.operator.CompiledCalc}, compiles it with Janino and caches the class by
 * input schema, expressions and output schema. Generated code keeps every sub-expression in a
 * primitive (or String/BigDecimal) local with a separate null flag, follows the SQL semantics
 * written in {@link io.sluice.engine.plan.expr.Ops}, hoists constants (decimal literals, compiled
 * LIKE patterns) into fields, and calls {@link io.sluice.sql.codegen.runtime} for the longer
 * helpers. Entry point: {@link io.sluice.sql.codegen.JaninoCalcCompiler}.
 */
package io.sluice.sql.codegen;
