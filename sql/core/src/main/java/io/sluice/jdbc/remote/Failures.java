package io.sluice.jdbc.remote;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/** Carries SQLExceptions across Avatica's Meta methods, which may only throw unchecked exceptions. */
final class Failures {
    private Failures() {
    }

    /**
     * An unchecked exception that Avatica's server turns into an error response carrying the
     * exception's message, SQLSTATE and vendor code, so that the remote client's SQLException says what
     * the embedded one would.
     */
    static RuntimeException toRuntime(SQLException e) {
        return new AvaticaRuntimeException(e.getMessage(), e.getErrorCode(),
                e.getSQLState() == null ? "HY000" : e.getSQLState(), AvaticaSeverity.ERROR);
    }

    /** {@link #toRuntime} for what JdbcMeta threw: a RuntimeException wrapping an SQLException. */
    static RuntimeException unwrap(RuntimeException e) {
        return e.getCause() instanceof SQLException s ? toRuntime(s) : e;
    }
}
