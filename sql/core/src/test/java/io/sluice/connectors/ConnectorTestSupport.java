package io.sluice.connectors;

import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waiting for connectors and reading whole streams, for the SQL-level connector tests. */
final class ConnectorTestSupport {
    private ConnectorTestSupport() {
    }

    /** The SHOW STREAMS row of a stream. */
    static Row showStream(Sluice s, String stream) throws InterruptedException {
        try (Rows rows = s.query("SHOW STREAMS")) {
            Row r;
            while ((r = rows.poll(5, TimeUnit.SECONDS)) != null) {
                if (r.getString("stream_name").equalsIgnoreCase(stream)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no stream " + stream);
    }

    /** Waits (up to 30 s) until a stream's connector is in {@code state}. */
    static void awaitConnector(Sluice s, String stream, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = null;
        while (System.nanoTime() < deadline) {
            last = showStream(s, stream).getString("connector_state");
            if (state.equals(last)) {
                return;
            }
            if ("FAILED".equals(last)) {
                fail("connector of " + stream + " failed: " + describe(s, stream));
            }
            Thread.sleep(20);
        }
        fail("connector of " + stream + " is " + last + ", not " + state + " after 30 s");
    }

    /** DESCRIBE's property rows ("(connector)" ...) as text. */
    static String describe(Sluice s, String stream) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (Row r : all(s, "DESCRIBE " + stream, 1000)) {
            sb.append(r.getString(0)).append('=').append(r.getString(1)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Every row a query returns until none has come for {@code quietMs}: for streams whose source has
     * finished (all their rows are in the log), this is the whole stream.
     */
    static List<Row> all(Sluice s, String sql, long quietMs) throws InterruptedException {
        List<Row> out = new ArrayList<>();
        try (Rows rows = s.query(sql)) {
            Row r;
            while ((r = rows.poll(quietMs, TimeUnit.MILLISECONDS)) != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Exactly {@code n} rows of a query: waits (up to 30 s) until n have come, then checks that no
     * further row comes within 300 ms. For streams whose size is known; immune to slow machines.
     */
    static List<Row> exactly(Sluice s, String sql, long n) throws InterruptedException {
        List<Row> out = new ArrayList<>();
        try (Rows rows = s.query(sql)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < n && System.nanoTime() < deadline) {
                Row r = rows.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    out.add(r);
                }
            }
            if (out.size() < n) {
                fail(sql + " returned " + out.size() + " rows in 30 s, expected " + n);
            }
            Row extra = rows.poll(300, TimeUnit.MILLISECONDS);
            if (extra != null) {
                fail(sql + " returned more than " + n + " rows: " + extra);
            }
        }
        return out;
    }

    static List<Row> all(Sluice s, String sql) throws InterruptedException {
        return all(s, sql, 400);
    }

    /** Waits (up to 30 s) until the query returns at least n rows, then returns what it returned. */
    static List<Row> atLeast(Sluice s, String sql, int n) throws InterruptedException {
        List<Row> out = new ArrayList<>();
        try (Rows rows = s.query(sql)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < n && System.nanoTime() < deadline) {
                Row r = rows.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    out.add(r);
                }
            }
            Row r;
            while ((r = rows.poll(300, TimeUnit.MILLISECONDS)) != null) {
                out.add(r);
            }
        }
        return out;
    }
}
