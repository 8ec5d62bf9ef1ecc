package io.sluice.bench;

import io.sluice.Sluice;
import io.sluice.jdbc.remote.ServerConfig;
import io.sluice.jdbc.remote.SluiceServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Remote JDBC beside embedded JDBC, on one engine in one process, over loopback HTTP (protobuf):
 * <ul>
 *   <li>round trip of a constant query ({@code SELECT 1}): execute, read the row, close; median and p99;</li>
 *   <li>rows per second of a push query delivered to the reader: a stream is filled first, then
 *       {@code SELECT id, name, amount FROM s LIMIT n} is read to its end (catch-up read, the rows all
 *       there), each side reading the same rows.</li>
 * </ul>
 * Each measurement runs a warm-up round first, then alternates the sides. Not a test: run it with
 * {@code bench/remote-jdbc-bench.sh [round trips (2000)] [push rows (200000)] [dir]}.
 */
public final class RemoteJdbcBench {
    private RemoteJdbcBench() {
    }

    public static void main(String[] args) throws Exception {
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int pushRows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path parent = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(parent, "sluice-remote-bench");
        try (Sluice sluice = Sluice.open(dir.resolve("data"));
             SluiceServer server = SluiceServer.start(sluice, ServerConfig.builder().port(0).build());
             Connection embedded = sluice.connection();
             Connection remote = DriverManager.getConnection(server.url())) {
            fill(embedded, pushRows);
            System.out.printf(Locale.ROOT, "Remote JDBC (loopback HTTP, protobuf) beside embedded JDBC, one engine, %s%n",
                    Runtime.version());
            System.out.printf(Locale.ROOT, "%-28s %14s %14s %8s%n", "", "embedded", "remote", "ratio");

            roundTrips(embedded, Math.max(100, roundTrips / 10));
            roundTrips(remote, Math.max(100, roundTrips / 10));
            long[] e = roundTrips(embedded, roundTrips);
            long[] r = roundTrips(remote, roundTrips);
            System.out.printf(Locale.ROOT, "%-28s %11.1f us %11.1f us %7.1fx%n", "SELECT 1 round trip, median",
                    e[e.length / 2] / 1e3, r[r.length / 2] / 1e3, (double) r[r.length / 2] / e[e.length / 2]);
            int p99 = (int) (e.length * 0.99);
            System.out.printf(Locale.ROOT, "%-28s %11.1f us %11.1f us %7.1fx%n", "SELECT 1 round trip, p99",
                    e[p99] / 1e3, r[p99] / 1e3, (double) r[p99] / e[p99]);

            int warm = Math.min(pushRows, 20_000);
            push(embedded, warm);
            push(remote, warm);
            double embeddedRate = 0;
            double remoteRate = 0;
            for (int round = 0; round < 3; round++) {
                embeddedRate = Math.max(embeddedRate, push(embedded, pushRows));
                remoteRate = Math.max(remoteRate, push(remote, pushRows));
            }
            System.out.printf(Locale.ROOT, "%-28s %10.0f r/s %10.0f r/s %7.2fx%n", "push query rows/s (best of 3)",
                    embeddedRate, remoteRate, remoteRate / embeddedRate);
            System.out.printf(Locale.ROOT, "(%d round trips; %d rows of (INT, VARCHAR, DECIMAL) per push read)%n",
                    roundTrips, pushRows);
        } finally {
            delete(dir);
        }
    }

    private static void fill(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE STREAM s (id INT, name VARCHAR, amount DECIMAL(10, 2))");
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < rows; ) {
                sql.setLength(0);
                sql.append("INSERT INTO s VALUES ");
                for (int j = 0; j < 1000 && i < rows; j++, i++) {
                    sql.append(j == 0 ? "" : ", ").append('(').append(i).append(", 'name-").append(i).append("', ")
                            .append(i % 10_000).append(".25)");
                }
                s.executeUpdate(sql.toString());
            }
        }
    }

    /** Nanoseconds of each round trip, sorted. */
    private static long[] roundTrips(Connection c, int n) throws SQLException {
        long[] t = new long[n];
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new IllegalStateException("SELECT 1 did not return 1");
                    }
                }
                t[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(t);
        return t;
    }

    /** Rows per second reading {@code n} rows of a push query to its end. */
    private static double push(Connection c, int n) throws SQLException {
        long start = System.nanoTime();
        long checksum = 0;
        int count = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, amount FROM s LIMIT " + n)) {
            while (rs.next()) {
                checksum += rs.getInt(1) + rs.getString(2).length() + rs.getBigDecimal(3).intValue();
                count++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (count != n || checksum == 0) {
            throw new IllegalStateException("read " + count + " rows of " + n);
        }
        return n / (elapsed / 1e9);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
