package io.sluice.connectors;

import static io.sluice.connectors.ConnectorTestSupport.exactly;
import static io.sluice.connectors.ConnectorTestSupport.awaitConnector;
import static io.sluice.connectors.ConnectorTestSupport.showStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.sluice.SluiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file connector through SQL: bounded JSON and CSV reads into streams. */
class FileConnectorTest {
    @TempDir
    Path dir;

    private Sluice open() {
        return Sluice.open(SluiceConfig.builder(dir.resolve("data")).workers(2).checkpointIntervalMillis(50).build());
    }

    @Test
    void readsAJsonLinesFileOnceAndEnds() throws Exception {
        Path file = dir.resolve("orders.jsonl");
        Files.writeString(file, """
                {"id": 1, "item": "apple", "price": 1.25, "ts": "2026-11-22 10:00:00.000"}
                {"id": 2, "item": "pear", "price": 2.5, "ts": "2026-11-22 10:00:01.500", "ignored": [1, 2]}
                {"item": "fig", "id": 3, "ts": 1795341602000}
                """, StandardCharsets.UTF_8);
        try (Sluice s = open()) {
            s.execute("CREATE STREAM orders (id BIGINT NOT NULL, item VARCHAR, price DOUBLE, ts TIMESTAMP(3)) WITH ("
                    + "'connector' = 'file', 'path' = '" + file + "', 'format' = 'json', 'partitions' = '2')");
            awaitConnector(s, "orders", "FINISHED");
            List<Row> rows = new ArrayList<>(exactly(s, "SELECT id, item, price, ts FROM orders", 3));
            rows.sort((a, b) -> Long.compare(a.getLong(0), b.getLong(0)));
            assertEquals(3, rows.size());
            assertEquals("apple", rows.get(0).getString("item"));
            assertEquals(2.5, rows.get(1).getDouble("price"));
            assertEquals(LocalDateTime.of(2026, 11, 22, 10, 0, 1, 500_000_000), rows.get(1).getTimestamp("ts"));
            assertTrue(rows.get(2).isNull(2));
            Row show = showStream(s, "orders");
            assertEquals("file source", show.getString("connector"));
            assertEquals(0L, show.getLong("bad_records"));
            assertEquals(3L, show.getLong("rows"));
        }
    }

    @Test
    void readsCsvWithAHeaderAndADelimiter() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "name;age;city\n\"Smith; Jo\";41;\"\"\nLee;;Paris\r\n", StandardCharsets.UTF_8);
        try (Sluice s = open()) {
            s.execute("CREATE STREAM people (name VARCHAR, age INT, city VARCHAR) WITH ('connector' = 'file', 'path' = '"
                    + file + "', 'format' = 'csv', 'csv.delimiter' = ';', 'csv.header' = 'true')");
            awaitConnector(s, "people", "FINISHED");
            List<Row> rows = exactly(s, "SELECT name, age, city FROM people", 2);
            assertEquals(2, rows.size());
            assertEquals("Smith; Jo", rows.get(0).getString("name"));
            assertEquals(41, rows.get(0).getInt("age"));
            assertEquals("", rows.get(0).getString("city"));
            assertTrue(rows.get(1).isNull(1));
            assertEquals("Paris", rows.get(1).getString("city"));
        }
    }

    @Test
    void badLinesGoToTheDeadLetterStreamAndTheGoodOnesArriveOnce() throws Exception {
        Path file = dir.resolve("mixed.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\": 1, \"item\": \"a\"}",
                "{\"id\": 2, \"item\": ",
                "{\"id\": 3, \"item\": \"c\"}",
                "{\"item\": \"no id\"}",
                "{\"id\": \"five\", \"item\": \"e\"}",
                "",
                "{\"id\": 6, \"item\": \"f\"}",
                "[1, 2]",
                "{\"id\": 7, \"item\": \"g\"}") + "\n", StandardCharsets.UTF_8);
        try (Sluice s = open()) {
            assertEquals("Stream orders created. Bad records go to stream orders_dlq.", s.execute(
                    "CREATE STREAM orders (id BIGINT NOT NULL, item VARCHAR) WITH ('connector' = 'file', 'path' = '"
                            + file + "', 'format' = 'json')").message());
            awaitConnector(s, "orders", "FINISHED");
            assertEquals(List.of(1L, 3L, 6L, 7L), exactly(s, "SELECT id FROM orders", 4).stream().map(r -> r.getLong(0)).toList());
            List<Row> bad = exactly(s, "SELECT source_partition, source_position, error, raw FROM orders_dlq", 4);
            assertEquals(4, bad.size());
            assertTrue(bad.get(0).getString("source_position").endsWith("mixed.jsonl line 2 (byte 23)"), bad.get(0).toString());
            assertTrue(bad.get(0).getString("error").startsWith("malformed JSON"), bad.get(0).getString("error"));
            assertEquals("{\"id\": 2, \"item\": ", bad.get(0).getString("raw"));
            assertTrue(bad.get(1).getString("source_position").contains("line 4"));
            assertEquals("no value for column id, which is NOT NULL", bad.get(1).getString("error"));
            assertEquals("column id BIGINT needs a whole number, got text 'five'", bad.get(2).getString("error"));
            assertTrue(bad.get(3).getString("source_position").contains("line 8"), bad.get(3).toString());
            assertEquals("not a JSON object", bad.get(3).getString("error"));
            assertEquals(4L, showStream(s, "orders").getLong("bad_records"));
            String describe = ConnectorTestSupport.describe(s, "orders");
            assertTrue(describe.contains("(dead letters)=orders_dlq: 4 bad records"), describe);
            assertTrue(describe.contains("(delivery)=exactly-once"), describe);
            assertTrue(describe.contains("(format)=json"), describe);

            // the dead-letter stream belongs to its stream: no direct drop, no inserts; dropped with it
            SluiceException e = assertThrows(SluiceException.class, () -> s.execute("DROP STREAM orders_dlq"));
            assertTrue(e.getMessage().contains("dropped with it"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute("INSERT INTO orders VALUES (9, 'x')"));
            assertEquals("42809", e.sqlState());
            s.execute("DROP STREAM orders");
            assertTrue(s.query("SHOW STREAMS").poll(1, TimeUnit.SECONDS) == null, "both streams are gone");
        }
    }

    @Test
    void followModePicksUpAppendedLinesAndNewFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path first = in.resolve("a.csv");
        Files.writeString(first, "1,one\n2,two\n", StandardCharsets.UTF_8);
        try (Sluice s = open()) {
            s.execute("CREATE STREAM t (id INT, name VARCHAR) WITH ('connector' = 'file', 'path' = '" + in
                    + "/*.csv', 'format' = 'csv', 'follow' = 'true', 'scan-interval-ms' = '20')");
            assertEquals(2, ConnectorTestSupport.atLeast(s, "SELECT id FROM t", 2).size());
            // a line written in two parts is read once it is complete
            Files.writeString(first, "3,thr", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(first, "ee\n4,four\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(in.resolve("b.csv"), "5,five\n", StandardCharsets.UTF_8);
            Files.writeString(in.resolve("ignored.txt"), "6,six\n", StandardCharsets.UTF_8);
            List<Row> rows = ConnectorTestSupport.atLeast(s, "SELECT id, name FROM t", 5);
            assertEquals(List.of(1, 2, 3, 4, 5), rows.stream().map(r -> r.getInt(0)).sorted().toList());
            assertTrue(rows.stream().anyMatch(r -> r.getString(1).equals("three")));
            assertEquals("RUNNING", showStream(s, "t").getString("connector_state"));
        }
    }

    @Test
    void aRestartResumesWithoutLossOrRepetition() throws Exception {
        Path file = dir.resolve("big.jsonl");
        int n = 100_000;
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("{\"id\":").append(i).append(",\"item\":\"item-").append(i).append("\"}\n");
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        Path follow = dir.resolve("follow.jsonl");
        Files.writeString(follow, "{\"id\":1}\n{\"id\":2}\n", StandardCharsets.UTF_8);
        try (Sluice s = open()) {
            s.execute("CREATE STREAM big (id BIGINT, item VARCHAR) WITH ('connector' = 'file', 'path' = '" + file
                    + "', 'format' = 'json', 'partitions' = '3')");
            s.execute("CREATE STREAM fol (id BIGINT) WITH ('connector' = 'file', 'path' = '" + follow
                    + "', 'format' = 'json', 'follow' = 'true')");
            assertEquals(2, ConnectorTestSupport.atLeast(s, "SELECT id FROM fol", 2).size());
            // close while the big file is being read (it may also have finished: the check below holds either way)
            while (showStream(s, "big").getLong("rows") == 0) {
                Thread.sleep(5);
            }
        }
        Files.writeString(follow, "{\"id\":3}\n{\"id\":4}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Sluice s = open()) {
            awaitConnector(s, "big", "FINISHED");
            long[] seen = new long[n + 1];
            for (Row r : exactly(s, "SELECT id FROM big", n)) {
                seen[(int) r.getLong(0)]++;
            }
            for (int i = 1; i <= n; i++) {
                assertEquals(1, seen[i], "row " + i);
            }
            assertEquals((long) n, showStream(s, "big").getLong("rows"));
            assertEquals(List.of(1L, 2L, 3L, 4L), ConnectorTestSupport.atLeast(s, "SELECT id FROM fol", 4).stream()
                    .map(r -> r.getLong(0)).toList());
        }
    }

    @Test
    void fileSinkWritesEveryRowOnceAcrossARestart() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path csv = dir.resolve("out.csv");
        try (Sluice s = open()) {
            s.execute("CREATE STREAM res (id INT, name VARCHAR, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'mode' = 'sink', "
                    + "'path' = '" + out + "', 'format' = 'json')");
            s.execute("CREATE STREAM res_csv (id INT, name VARCHAR) WITH ('connector' = 'file', 'mode' = 'sink', "
                    + "'path' = '" + csv + "', 'format' = 'csv', 'csv.header' = 'true')");
            s.execute("INSERT INTO res VALUES (1, 'a \"quoted\" name', TIMESTAMP '2026-11-22 10:00:00.250'), (2, NULL, NULL)");
            s.execute("INSERT INTO res_csv VALUES (1, 'x,y'), (2, NULL)");
            awaitLines(out, 2);
            awaitLines(csv, 3);
            assertTrue(ConnectorTestSupport.describe(s, "res").contains("(delivery)=exactly-once"));
        }
        try (Sluice s = open()) {
            s.execute("INSERT INTO res VALUES (3, 'c', NULL)");
            awaitLines(out, 3);
        }
        assertEquals(List.of(
                "{\"id\":1,\"name\":\"a \\\"quoted\\\" name\",\"ts\":\"2026-11-22 10:00:00.250\"}",
                "{\"id\":2,\"name\":null,\"ts\":null}",
                "{\"id\":3,\"name\":\"c\",\"ts\":null}"), Files.readAllLines(out));
        assertEquals(List.of("id,name", "1,\"x,y\"", "2,"), Files.readAllLines(csv));
    }

    /** Waits (up to 20 s) until a file has at least n lines. */
    private static void awaitLines(Path file, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " has fewer than " + n + " lines: "
                + (Files.exists(file) ? Files.readAllLines(file) : "missing"));
    }
}
