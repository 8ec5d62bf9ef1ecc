/**
 * The scalar expression IR inside plans: column references, literals and calls of named
 * operators ({@link io.sluice.engine.plan.expr.Ops} fixes their meaning).
 */
package io.sluice.engine.plan.expr;
