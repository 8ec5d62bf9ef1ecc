package io.sluice.connectors.kafka;

import static io.sluice.connectors.kafka.KafkaTestSupport.all;
import static io.sluice.connectors.kafka.KafkaTestSupport.awaitRows;
import static io.sluice.connectors.kafka.KafkaTestSupport.describe;
import static io.sluice.connectors.kafka.KafkaTestSupport.send;
import static io.sluice.connectors.kafka.KafkaTestSupport.showStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.SluiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka source through SQL, against a real broker. */
class KafkaSourceTest {
    private static LocalKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LocalKafka.shared();
    }

    private Sluice open() {
        return Sluice.open(SluiceConfig.builder(dir.resolve("data")).workers(2).checkpointIntervalMillis(50).build());
    }

    private String with(String topic) {
        return "'connector' = 'kafka', 'bootstrap.servers' = '" + kafka.bootstrapServers() + "', 'topic' = '" + topic
                + "', 'format' = 'json'";
    }

    private static List<String> orders(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("{\"id\": " + i + ", \"item\": \"item-" + i + "\"}");
        }
        return out;
    }

    /** Asserts that the stream holds exactly the ids 1..n, each once. */
    private static void assertEachOnce(Sluice s, String stream, int n) throws InterruptedException {
        int[] seen = new int[n + 1];
        for (Row r : all(s, "SELECT id FROM " + stream, 1000)) {
            seen[(int) r.getLong(0)]++;
        }
        for (int i = 1; i <= n; i++) {
            assertEquals(1, seen[i], stream + ": id " + i);
        }
    }

    @Test
    void readsEveryRecordOfAThreePartitionTopicOnceAcrossARestart() throws Exception {
        kafka.createTopic("orders", 3);
        int first = 20_000;
        int total = 30_000;
        send(kafka, "orders", orders(1, first), 3);
        try (Sluice s = open()) {
            // one task per Kafka partition, and one task reading all three (it switches between them)
            s.execute("CREATE STREAM wide (id BIGINT NOT NULL, item VARCHAR) WITH (" + with("orders") + ", 'partitions' = '3')");
            s.execute("CREATE STREAM narrow (id BIGINT NOT NULL, item VARCHAR) WITH (" + with("orders") + ")");
            // close mid-way: some rows are in, most are not yet
            awaitRows(s, "wide", n -> n > 0);
            awaitRows(s, "narrow", n -> n > 0);
        }
        send(kafka, "orders", orders(first + 1, total), 3);
        try (Sluice s = open()) {
            assertEquals(total, awaitRows(s, "wide", n -> n >= total));
            assertEquals(total, awaitRows(s, "narrow", n -> n >= total));
            assertEachOnce(s, "wide", total);
            assertEachOnce(s, "narrow", total);
            assertEquals("kafka source", showStream(s, "wide").getString("connector"));
            assertTrue(describe(s, "wide").contains("(delivery)=exactly-once"), describe(s, "wide"));
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterStream() throws Exception {
        kafka.createTopic("mixed", 1);
        send(kafka, "mixed", List.of("{\"id\": 1, \"item\": \"a\"}", "{\"id\": 2, \"item\": ", "{\"id\": 3, \"item\": \"c\"}",
                "not json at all", "{\"item\": \"no id\"}", "{\"id\": 4}"), 1);
        try (Sluice s = open()) {
            assertEquals("Stream m created. Bad records go to stream m_dlq.",
                    s.execute("CREATE STREAM m (id BIGINT NOT NULL, item VARCHAR) WITH (" + with("mixed") + ")").message());
            awaitRows(s, "m", n -> n >= 3);
            assertEquals(List.of(1L, 3L, 4L), all(s, "SELECT id FROM m", 500).stream().map(r -> r.getLong(0)).toList());
            List<Row> bad = all(s, "SELECT source_position, error, raw FROM m_dlq", 500);
            assertEquals(3, bad.size());
            assertEquals("topic mixed partition 0 offset 1", bad.get(0).getString("source_position"));
            assertTrue(bad.get(0).getString("error").startsWith("malformed JSON"), bad.get(0).getString("error"));
            assertEquals("{\"id\": 2, \"item\": ", bad.get(0).getString("raw"));
            assertEquals("topic mixed partition 0 offset 3", bad.get(1).getString("source_position"));
            assertEquals("no value for column id, which is NOT NULL", bad.get(2).getString("error"));
            assertEquals(3L, showStream(s, "m").getLong("bad_records"));
        }
    }

    @Test
    void latestStartsAtTheEndAndCsvWorks() throws Exception {
        kafka.createTopic("late", 1);
        send(kafka, "late", List.of("1,old", "2,old"), 1);
        try (Sluice s = open()) {
            s.execute("CREATE STREAM l (id INT, tag VARCHAR) WITH ('connector' = 'kafka', 'bootstrap.servers' = '"
                    + kafka.bootstrapServers() + "', 'topic' = 'late', 'format' = 'csv', 'startup.mode' = 'latest')");
            // keep sending new records until some arrive: the tasks resolve "latest" when they open
            long deadline = System.nanoTime() + 60_000_000_000L;
            int next = 3;
            while (showStream(s, "l").getLong("rows") == 0 && System.nanoTime() < deadline) {
                send(kafka, "late", List.of(next + ",new"), 1);
                next++;
            }
            // records sent before the task opened are behind "latest"; one sent now must arrive
            long before = showStream(s, "l").getLong("rows");
            send(kafka, "late", List.of("1000,new"), 1);
            awaitRows(s, "l", n -> n > before);
            List<Row> rows = all(s, "SELECT id, tag FROM l", 500);
            assertTrue(rows.stream().allMatch(r -> r.getString("tag").equals("new")), rows.toString());
            assertEquals(1000, rows.get(rows.size() - 1).getInt("id"));
        }
    }

    @Test
    void optionsAreCheckedWhenTheStreamIsCreated() throws Exception {
        try (Sluice s = open()) {
            SluiceException e = assertThrows(SluiceException.class, () -> s.execute(
                    "CREATE STREAM x (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json')"));
            assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute(
                    "CREATE STREAM x (id INT) WITH ('connector' = 'kafka', 'bootstrap.servers' = 'nohostport', "
                            + "'topic' = 't', 'format' = 'json')"));
            assertTrue(e.getMessage().contains("host:port"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute(
                    "CREATE STREAM x (id INT) WITH (" + with("bad topic!") + ")"));
            assertTrue(e.getMessage().contains("Kafka topic name"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute(
                    "CREATE STREAM x (id INT) WITH (" + with("t") + ", 'startup.mode' = 'middle')"));
            assertTrue(e.getMessage().contains("'earliest', 'latest'"), e.getMessage());
            e = assertThrows(SluiceException.class, () -> s.execute(
                    "CREATE STREAM x (id INT) WITH (" + with("t") + ", 'sink.key.column' = 'id')"));
            assertTrue(e.getMessage().contains("applies to a kafka sink"), e.getMessage());
            // a topic that does not exist: the stream is created, its connector shows FAILED with the reason
            s.execute("CREATE STREAM y (id INT) WITH (" + with("missing") + ")");
            KafkaTestSupport.awaitState(s, "y", "FAILED");
            assertTrue(describe(s, "y").contains("Topic 'missing' does not exist"), describe(s, "y"));
        }
    }
}
