package io.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing to, consuming from, and waiting on Kafka and Sluice in the kafka connector tests. */
final class KafkaTestSupport {
    private KafkaTestSupport() {
    }

    static KafkaProducer<String, String> producer(LocalKafka kafka) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "5");
        return new KafkaProducer<>(p);
    }

    /** Sends values to explicit partitions and waits until every one is acknowledged. */
    static void send(LocalKafka kafka, String topic, List<String> values, int partitions) throws Exception {
        try (KafkaProducer<String, String> p = producer(kafka)) {
            for (int i = 0; i < values.size(); i++) {
                p.send(new ProducerRecord<>(topic, i % partitions, null, values.get(i)));
            }
            p.flush();
        }
    }

    /** Every record value of a topic, read from the start to the current end with the isolation level. */
    static List<String> readAll(LocalKafka kafka, String topic, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", isolation);
        p.put("enable.auto.commit", "false");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : c.partitionsFor(topic)) {
                tps.add(new TopicPartition(topic, info.partition()));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            var end = c.endOffsets(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    fail("could not read " + topic + " to its end in 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
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

    /** Waits (up to 60 s) until a stream's source has counted rows that satisfy {@code done}. */
    static long awaitRows(Sluice s, String stream, LongPredicate done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long rows = -1;
        while (System.nanoTime() < deadline) {
            Row r = showStream(s, stream);
            if ("FAILED".equals(r.getString("connector_state"))) {
                fail("connector of " + stream + " failed: " + describe(s, stream));
            }
            rows = r.getLong("rows");
            if (done.test(rows)) {
                return rows;
            }
            Thread.sleep(20);
        }
        fail("stream " + stream + " has " + rows + " rows after 60 s");
        return rows;
    }

    /** DESCRIBE's rows as text. */
    static String describe(Sluice s, String stream) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (Row r : all(s, "DESCRIBE " + stream, 1000)) {
            sb.append(r.getString(0)).append('=').append(r.getString(1)).append('\n');
        }
        return sb.toString();
    }

    /** Every row a query returns until none has come for {@code quietMs}. */
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

    /** Waits (up to 60 s) until a stream's connector is in {@code state}. */
    static void awaitState(Sluice s, String stream, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = null;
        while (System.nanoTime() < deadline) {
            last = showStream(s, stream).getString("connector_state");
            if (state.equals(last)) {
                return;
            }
            Thread.sleep(20);
        }
        fail("connector of " + stream + " is " + last + ", not " + state);
    }
}
