package io.sluice.connectors;

import static io.sluice.connectors.ConnectorTestSupport.all;
import static io.sluice.connectors.ConnectorTestSupport.awaitConnector;
import static io.sluice.connectors.ConnectorTestSupport.showStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
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
            List<Row> rows = all(s, "SELECT id, item, price, ts FROM orders");
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
            List<Row> rows = all(s, "SELECT name, age, city FROM people");
            assertEquals(2, rows.size());
            assertEquals("Smith; Jo", rows.get(0).getString("name"));
            assertEquals(41, rows.get(0).getInt("age"));
            assertEquals("", rows.get(0).getString("city"));
            assertTrue(rows.get(1).isNull(1));
            assertEquals("Paris", rows.get(1).getString("city"));
        }
    }
}
