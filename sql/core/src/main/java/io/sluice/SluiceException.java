package io.sluice;

/**
 * A statement could not be carried out. User errors carry an SQLSTATE, a message that says what is
 * wrong, and, where the error is in the statement text, the 1-based line and column (0 when there is
 * no position). Internal failures have SQLSTATE {@code XX000}.
 */
public class SluiceException extends RuntimeException {
    /** Syntax error. */
    public static final String SYNTAX_ERROR = "42601";
    /** Unknown stream, pipeline or other object. */
    public static final String UNDEFINED_OBJECT = "42704";
    /** Unknown column. */
    public static final String UNDEFINED_COLUMN = "42703";
    /** Object already exists. */
    public static final String DUPLICATE_OBJECT = "42710";
    /** Types do not fit. */
    public static final String DATATYPE_MISMATCH = "42804";
    /** A statement that is valid SQL but that Sluice does not support (yet). */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** The request conflicts with the state of the catalog (e.g. dropping a stream a pipeline reads). */
    public static final String OBJECT_IN_USE = "55006";
    /** Bad value for an option or a setting. */
    public static final String INVALID_PARAMETER = "22023";
    /** Evaluating an expression failed (division by zero, bad CAST). */
    public static final String DATA_EXCEPTION = "22000";
    /** The query was cancelled. */
    public static final String QUERY_CANCELED = "57014";
    /** An invariant of Sluice itself failed: a bug. */
    public static final String INTERNAL_ERROR = "XX000";

    private final String sqlState;
    private final int line;
    private final int column;

    public SluiceException(String sqlState, String message) {
        this(sqlState, message, 0, 0, null);
    }

    public SluiceException(String sqlState, String message, Throwable cause) {
        this(sqlState, message, 0, 0, cause);
    }

    public SluiceException(String sqlState, String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.line = line;
        this.column = column;
    }

    public String sqlState() {
        return sqlState;
    }

    /** 1-based line of the error in the statement text, or 0. */
    public int line() {
        return line;
    }

    /** 1-based column of the error in the statement text, or 0. */
    public int column() {
        return column;
    }

    /** The message with its position, e.g. "At line 1, column 15: Stream 'ORDRS' not found". */
    public String describe() {
        return line > 0 ? "At line " + line + ", column " + column + ": " + getMessage() : getMessage();
    }
}
