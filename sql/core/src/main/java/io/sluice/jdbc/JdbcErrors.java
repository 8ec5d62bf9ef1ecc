package io.sluice.jdbc;

import io.sluice.SluiceException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;

/** Turns engine errors into the {@link SQLException} subclasses JDBC callers expect. */
final class JdbcErrors {
    private JdbcErrors() {
    }

    /**
     * The SQLException for an engine error: same SQLSTATE, and the message with its position
     * ({@link SluiceException#describe()}, e.g. "At line 1, column 15: Stream 'ORDRS' not found").
     * The subclass follows the SQLSTATE class: 42 syntax or access rule, 0A not supported, 22 data.
     */
    static SQLException toSql(SluiceException e) {
        String state = e.sqlState() == null ? SluiceException.INTERNAL_ERROR : e.sqlState();
        String message = e.describe();
        if (state.startsWith("42")) {
            return new SQLSyntaxErrorException(message, state, e);
        }
        if (state.startsWith("0A")) {
            return new SQLFeatureNotSupportedException(message, state, e);
        }
        if (state.startsWith("22")) {
            return new SQLDataException(message, state, e);
        }
        return new SQLException(message, state, e);
    }

    /** For a call on a closed object. */
    static SQLException closed(String what) {
        return new SQLException(what + " is closed", "08003");
    }

    static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by Sluice", "0A000");
    }
}
