package io.sluice.engine.operator;

import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowWriter;

/**
 * A filter and projection compiled to code: the per-row work of a Calc node.
 *
 * <p>Called by one task's thread for every input row; must not allocate in the steady state beyond
 * what the row's strings and decimals need, and must not block. Instances are not thread-safe: a
 * task gets its own instance.
 */
public interface CompiledCalc {
    /**
     * Evaluates the condition on {@code in}; if it is TRUE, writes every projected column into
     * {@code out} (which the caller has {@link RowWriter#begin begun}) and returns true. Returns
     * false, leaving {@code out}'s columns unspecified, when the condition is FALSE or NULL.
     *
     * @throws EvaluationException when SQL evaluation fails (division by zero, a failed CAST, ...)
     */
    boolean apply(RowReader in, RowWriter out);
}
