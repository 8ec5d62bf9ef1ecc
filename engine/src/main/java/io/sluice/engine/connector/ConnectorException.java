package io.sluice.engine.connector;

/**
 * A connector or format declaration was refused, or a connector could not start. When the problem
 * is one option, {@link #option()} names it, so that the SQL layer can point at it in the statement.
 * Thrown when {@code CREATE STREAM} runs, before anything is created.
 */
public class ConnectorException extends RuntimeException {
    /** What kind of refusal, so the SQL layer can pick the SQLSTATE. */
    public enum Reason {
        /** No connector or format of that name is on the class path. */
        UNKNOWN_NAME,
        /** An option neither the stream, the connector nor the format knows. */
        UNKNOWN_OPTION,
        /** A required option was not given. */
        MISSING_OPTION,
        /** An option's value has the wrong type or is out of range. */
        BAD_VALUE,
        /** The connector failed while opening or running (a file that cannot be read...). */
        FAILED
    }

    private final Reason reason;
    private final String option;

    public ConnectorException(Reason reason, String option, String message) {
        this(reason, option, message, null);
    }

    public ConnectorException(Reason reason, String option, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.option = option;
    }

    public Reason reason() {
        return reason;
    }

    /** The option at fault, as the user wrote its key, or null. */
    public String option() {
        return option;
    }
}
