package io.sluice.jdbc.remote;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link RemoteDisconnectTest}: connects to the server named by {@code args[0]},
 * starts a push query, reads one row, prints {@code READING} and then waits in {@code next()} for a row
 * that never comes, until it is killed, without closing anything.
 */
public final class RemoteClientChild {
    private RemoteClientChild() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection(args[0]);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM s");
        if (!rs.next()) {
            throw new IllegalStateException("the push query ended");
        }
        System.out.println("READING");
        System.out.flush();
        rs.next();
        throw new IllegalStateException("the push query returned a second row that nobody inserted");
    }
}
