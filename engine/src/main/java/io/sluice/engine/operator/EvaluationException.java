package io.sluice.engine.operator;

/**
 * Evaluating an expression on a row failed in a way SQL defines as an error: division by zero, a
 * CAST of text that is not a number, a value too large for its type. The message says what failed,
 * with the offending value, in words for the person who wrote the SQL.
 */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
