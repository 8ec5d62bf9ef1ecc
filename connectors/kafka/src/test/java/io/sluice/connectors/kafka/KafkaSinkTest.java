package io.sluice.connectors.kafka;

import static io.sluice.connectors.kafka.KafkaTestSupport.describe;
import static io.sluice.connectors.kafka.KafkaTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.engine.connector.ConnectorSpec;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka sink against a real broker: transactions, restarts, and the crash windows of a checkpoint. */
class KafkaSinkTest {
    private static final Pattern ID = Pattern.compile("\"(?:user_)?id\":\\s*(\\d+)");
    private static LocalKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LocalKafka.shared();
    }

    private String with(String topic) {
        return "'connector' = 'kafka', 'mode' = 'sink', 'bootstrap.servers' = '" + kafka.bootstrapServers()
                + "', 'topic' = '" + topic + "', 'format' = 'json'";
    }

    /** The ids of the JSON records of a topic, in the order read. */
    static List<Long> ids(List<String> values) {
        List<Long> out = new ArrayList<>();
        for (String v : values) {
            Matcher m = ID.matcher(v);
            if (!m.find()) {
                fail("no id in " + v);
            }
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /** Waits (up to 60 s) until a read_committed consumer sees at least n records, and returns their ids. */
    static List<Long> awaitCommitted(String topic, int n) throws InterruptedException {
        return awaitCommitted(kafka, topic, n);
    }

    static List<Long> awaitCommitted(LocalKafka kafka, String topic, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Long> ids = List.of();
        while (System.nanoTime() < deadline) {
            ids = ids(readAll(kafka, topic, "read_committed"));
            if (ids.size() >= n) {
                return ids;
            }
            Thread.sleep(50);
        }
        fail("topic " + topic + " has " + ids.size() + " committed records, not " + n);
        return ids;
    }

    static void assertEachOnce(List<Long> ids, int n) {
        int[] seen = new int[n + 1];
        for (long id : ids) {
            assertTrue(id >= 1 && id <= n, "unexpected id " + id);
            seen[(int) id]++;
        }
        for (int i = 1; i <= n; i++) {
            assertEquals(1, seen[i], "id " + i);
        }
    }

    @Test
    void aPipelineWritesEachRowOnceAcrossARestart() throws Exception {
        kafka.createTopic("out", 2);
        int half = 1_000;
        SluiceConfig config = SluiceConfig.builder(dir.resolve("data")).workers(2).checkpointIntervalMillis(50).build();
        try (Sluice s = Sluice.open(config)) {
            s.execute("CREATE STREAM src (id BIGINT, name VARCHAR) WITH ('partitions' = '2')");
            s.execute("CREATE STREAM res (id BIGINT, name VARCHAR) WITH (" + with("out") + ", 'partitions' = '2')");
            s.execute("CREATE PIPELINE p AS INSERT INTO res SELECT id, UPPER(name) FROM src");
            insert(s, 1, half);
            assertTrue(describe(s, "res").contains("(delivery)=exactly-once"), describe(s, "res"));
            awaitCommitted("out", 1); // close while the sink is under way
        }
        try (Sluice s = Sluice.open(config)) {
            insert(s, half + 1, 2 * half);
            awaitCommitted("out", 2 * half);
        }
        // closed: every transaction has ended, nothing more can be committed
        List<Long> ids = ids(readAll(kafka, "out", "read_committed"));
        assertEquals(2 * half, ids.size());
        assertEachOnce(ids, 2 * half);
    }

    private static void insert(Sluice s, int from, int to) {
        for (int start = from; start <= to; start += 100) {
            StringBuilder sql = new StringBuilder("INSERT INTO src VALUES ");
            for (int i = start; i < Math.min(start + 100, to + 1); i++) {
                sql.append(i == start ? "" : ", ").append('(').append(i).append(", 'n").append(i).append("')");
            }
            s.execute(sql.toString());
        }
    }

    /**
     * The two crash windows of a checkpoint, driven on the writer directly: a crash after Kafka's
     * commit but before Sluice's checkpoint entry (the state is lost, the rows are replayed), and a
     * crash in the middle of a transaction (a zombie producer with an open transaction).
     */
    @Test
    void crashesAroundACheckpointLeaveEachRowOnceForReadCommittedConsumers() throws Exception {
        kafka.createTopic("direct", 1);
        RowSchema schema = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT)),
                new Column("name", DataType.of(TypeKind.VARCHAR)));
        Sink sink = ConnectorSpec.resolve("direct", schema, 1, Map.of("connector", "kafka", "mode", "sink",
                "bootstrap.servers", kafka.bootstrapServers(), "topic", "direct", "format", "json")).orElseThrow().createSink();

        SinkWriter first = sink.openWriter(0, null);
        write(first, schema, 1, 10);
        first.prepareCheckpoint(); // Kafka has committed rows 1..10; "crash" before Sluice stores the state
        first.close();

        SinkWriter second = sink.openWriter(0, null); // no checkpoint was stored: the input is replayed from 1
        write(second, schema, 1, 15);
        byte[] state = second.prepareCheckpoint();
        second.commit(state);
        second.close();

        SinkWriter zombie = sink.openWriter(0, state);
        write(zombie, schema, 16, 20); // sent in a transaction that is never committed: the process "dies"
        SinkWriter third = sink.openWriter(0, state); // fences the zombie, aborts its transaction
        write(third, schema, 16, 20);
        byte[] last = third.prepareCheckpoint();
        third.commit(last);
        third.close();
        zombie.close();

        List<Long> committed = ids(readAll(kafka, "direct", "read_committed"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L),
                committed);
        // the zombie's rows are in the log, aborted: proof that the rows went through transactions
        List<Long> everything = ids(readAll(kafka, "direct", "read_uncommitted"));
        assertTrue(everything.size() > 20, everything.toString());
    }

    private static void write(SinkWriter w, RowSchema schema, long from, long to) {
        RowWriter row = new RowWriter(schema);
        RowReader view = new RowReader(schema);
        for (long i = from; i <= to; i++) {
            row.begin(RowKind.INSERT);
            row.putLong(0, i);
            row.putString(1, "n" + i);
            w.write(view.wrap(row.buffer(), 0, row.length()));
        }
    }

    @Test
    void atLeastOnceIsShownAndWrites() throws Exception {
        kafka.createTopic("alo", 1);
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir.resolve("data")).workers(2).checkpointIntervalMillis(50).build())) {
            s.execute("CREATE STREAM alo_out (id BIGINT, name VARCHAR) WITH (" + with("alo") + ", 'sink.delivery' = 'at-least-once', "
                    + "'sink.key.column' = 'name')");
            s.execute("INSERT INTO alo_out VALUES (1, 'x'), (2, 'y')");
            assertEquals(List.of(1L, 2L), awaitCommitted("alo", 2));
            assertTrue(describe(s, "alo_out").contains("(delivery)=at-least-once"), describe(s, "alo_out"));
        }
    }
}
