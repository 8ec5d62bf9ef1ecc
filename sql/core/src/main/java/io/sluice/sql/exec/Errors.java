package io.sluice.sql.exec;

import io.sluice.SluiceException;
import io.sluice.engine.catalog.CatalogException;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.operator.EvaluationException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Maps whatever went wrong in parsing, validation, planning or running to a {@link SluiceException}
 * that speaks to the person who typed the SQL: an SQLSTATE, the position, and a message without
 * Calcite's internals.
 */
final class Errors {
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found.*");
    private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found.*");
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found in (any table|table '([^']*)')");
    private static final Pattern CANNOT_ASSIGN = Pattern.compile(
            "Cannot assign to target field '([^']*)' of type (.*) from source field '[^']*' of type (.*)");
    private static final Pattern AT_POSITION = Pattern.compile(" at line \\d+, column \\d+\\.?");
    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"(.*?)\" at line", Pattern.DOTALL);
    private static final int MAX_EXPECTED = 12;

    private Errors() {
    }

    static SluiceException at(SqlParserPos pos, String sqlState, String message) {
        return pos == null || pos.getLineNum() <= 0 ? new SluiceException(sqlState, message)
                : new SluiceException(sqlState, message, pos.getLineNum(), pos.getColumnNum(), null);
    }

    static SluiceException syntax(SqlParseException e) {
        SqlParserPos pos = e.getPos();
        String message = e.getMessage();
        Matcher m = ENCOUNTERED.matcher(message == null ? "" : message);
        if (m.find()) {
            String found = m.group(1).trim().replace("\\\"", "\"");
            StringBuilder sb = new StringBuilder("Syntax error: unexpected ")
                    .append(found.isEmpty() || found.equals("<EOF>") ? "end of statement" : "'" + found + "'");
            List<String> expected = expected(e);
            if (expected.contains("a name") && found.matches("[A-Za-z_]+")) {
                sb.append(" (a reserved word; to use it as a name, quote it: `").append(found).append("`)");
            }
            if (!expected.isEmpty()) {
                sb.append("; expected ").append(expected.size() == 1 ? "" : "one of: ")
                        .append(String.join(", ", expected.subList(0, Math.min(MAX_EXPECTED, expected.size()))))
                        .append(expected.size() > MAX_EXPECTED ? ", ..." : "");
            }
            message = sb.toString();
        } else if (message != null && message.contains("Non-query expression encountered in illegal context")) {
            message = "Syntax error: this is not a statement; a statement starts with SELECT, INSERT, CREATE, DROP,"
                    + " SHOW, DESCRIBE, EXPLAIN, SET or RESET";
        } else {
            // the position is reported separately; Calcite also writes it into some messages
            message = "Syntax error: " + AT_POSITION.matcher(firstLine(message)).replaceAll("");
        }
        return at(pos, SluiceException.SYNTAX_ERROR, message);
    }

    private static List<String> expected(SqlParseException e) {
        if (e.getExpectedTokenNames() == null) {
            return List.of();
        }
        return e.getExpectedTokenNames().stream()
                .filter(t -> !t.startsWith("<") || t.equals("<IDENTIFIER>") || t.equals("<QUOTED_STRING>"))
                .map(t -> t.equals("<IDENTIFIER>") ? "a name" : t.equals("<QUOTED_STRING>") ? "a string literal"
                        : t.replace("\"", ""))
                .sorted((a, b) -> a.startsWith("a ") == b.startsWith("a ") ? a.compareTo(b) : a.startsWith("a ") ? -1 : 1)
                .distinct().toList();
    }

    static SluiceException validation(CalciteContextException e) {
        String core = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        // Calcite lists supported forms on separate lines; a message is one line for shells and logs
        core = core.strip().replaceAll("\\s*\\n\\s*", ", ");
        String state = "42000";
        Matcher m;
        if ((m = OBJECT_NOT_FOUND.matcher(core)).matches() || (m = TABLE_NOT_FOUND.matcher(core)).matches()) {
            core = "Stream '" + m.group(1) + "' not found";
            state = SluiceException.UNDEFINED_OBJECT;
        } else if ((m = COLUMN_NOT_FOUND.matcher(core)).matches()) {
            core = "Column '" + m.group(1) + "' not found" + (m.group(3) != null ? " in stream '" + m.group(3) + "'" : "");
            state = SluiceException.UNDEFINED_COLUMN;
        } else if (core.startsWith("Unknown target column")) {
            state = SluiceException.UNDEFINED_COLUMN;
        } else if (core.startsWith("Number of INSERT target columns")) {
            state = SluiceException.SYNTAX_ERROR; // as PostgreSQL reports a VALUES row of the wrong width
        } else if ((m = CANNOT_ASSIGN.matcher(core)).matches()) {
            core = "Column '" + m.group(1) + "' is " + m.group(2) + ", but the value given for it is " + m.group(3);
            state = SluiceException.DATATYPE_MISMATCH;
        } else if (core.startsWith("Cannot assign") || core.startsWith("Cannot apply") || core.contains("type mismatch")
                || core.startsWith("Cannot infer")) {
            state = SluiceException.DATATYPE_MISMATCH;
        }
        return e.getPosLine() > 0
                ? new SluiceException(state, core, e.getPosLine(), e.getPosColumn(), null)
                : new SluiceException(state, core);
    }

    /** Any failure while executing a statement. */
    static SluiceException from(Throwable t) {
        if (t instanceof SluiceException s) {
            return s;
        }
        if (t instanceof SqlParseException p) {
            return syntax(p);
        }
        if (t instanceof CalciteContextException c) {
            return validation(c);
        }
        if (t instanceof ConnectorException c) {
            return new SluiceException(connectorState(c), c.getMessage(), c);
        }
        if (t instanceof CatalogException c) {
            String state = switch (c.reason()) {
                case EXISTS -> SluiceException.DUPLICATE_OBJECT;
                case NOT_FOUND -> SluiceException.UNDEFINED_OBJECT;
                case IN_USE -> SluiceException.OBJECT_IN_USE;
            };
            return new SluiceException(state, c.getMessage(), c);
        }
        return fromRuntime(t);
    }

    /** The SQLSTATE of a refused connector declaration: an unknown name is an undefined object, the rest bad values. */
    static String connectorState(ConnectorException e) {
        return e.reason() == ConnectorException.Reason.UNKNOWN_NAME ? SluiceException.UNDEFINED_OBJECT
                : SluiceException.INVALID_PARAMETER;
    }

    /** A failure of a running query or pipeline. */
    static SluiceException fromRuntime(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            // Calcite wraps what a rule throws ("Error while applying rule ..."); ours says what is wrong
            if (c instanceof SluiceException s) {
                return s;
            }
        }
        if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("was dropped")) {
            return new SluiceException(SluiceException.UNDEFINED_OBJECT, t.getMessage(), t);
        }
        if (t instanceof EvaluationException || t instanceof ArithmeticException) {
            return new SluiceException(SluiceException.DATA_EXCEPTION, t.getMessage(), t);
        }
        Throwable cause = t;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return new SluiceException(SluiceException.INTERNAL_ERROR, "Internal error: "
                + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), t);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
