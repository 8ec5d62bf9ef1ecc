package io.sluice.bench;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import io.sluice.connectors.kafka.LocalKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Rows per second ingested from Kafka: Sluice's kafka source filling a stream (JSON decoded into
 * rows, appended to the stream's log, checkpointed) beside a plain kafka-clients consumer loop that
 * only counts the records of the same topic, in the same process, against one local KRaft broker
 * (started like the tests start it, in a child JVM). Rounds alternate which side goes first; the first
 * round is a warm-up and is not counted; the table shows medians and the ratio Sluice / plain.
 *
 * <p>Not a test: run it with {@code bench/kafka-ingest-bench.sh [records] [rounds] [partitions]}.
 */
public final class KafkaIngestBench {
    private static final String TOPIC = "bench";

    private KafkaIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true"); // before any Chronicle class loads
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("sluice.kafka.tiered", "4"); // the broker with its full JIT for a benchmark
        try (LocalKafka kafka = LocalKafka.start(System.getProperty("java.class.path"))) {
            kafka.createTopic(TOPIC, partitions);
            long t0 = System.nanoTime();
            produce(kafka, records, partitions);
            System.out.printf(Locale.ROOT, "produced %,d records to %d partitions in %.1f s%n", records, partitions,
                    (System.nanoTime() - t0) / 1e9);
            List<Double> plain = new ArrayList<>();
            List<Double> sluice = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                double p;
                double s;
                if (r % 2 == 0) {
                    p = plainConsumer(kafka, records);
                    s = sluice(kafka, records, partitions);
                } else {
                    s = sluice(kafka, records, partitions);
                    p = plainConsumer(kafka, records);
                }
                System.out.printf(Locale.ROOT, "round %d%s: plain consumer %,.0f records/s, sluice %,.0f rows/s%n", r,
                        r == 0 ? " (warm-up)" : "", p, s);
                if (r > 0) {
                    plain.add(p);
                    sluice.add(s);
                }
            }
            double mp = median(plain);
            double ms = median(sluice);
            System.out.printf(Locale.ROOT, "%n| reader | median rows/s (%,d records, %d partitions, %d rounds) |%n| --- | --- |%n",
                    records, partitions, rounds);
            System.out.printf(Locale.ROOT, "| plain kafka-clients consumer loop (counts records) | %,.0f |%n", mp);
            System.out.printf(Locale.ROOT, "| Sluice kafka source into a stream (JSON to rows, log, checkpoints) | %,.0f |%n", ms);
            System.out.printf(Locale.ROOT, "| ratio Sluice / plain | %.2f |%n", ms / mp);
        }
    }

    private static void produce(LocalKafka kafka, long records, int partitions) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (long i = 1; i <= records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, (int) (i % partitions), null,
                        "{\"id\": " + i + ", \"item\": \"item-" + i + "\", \"price\": " + (i % 1000) + "}"));
            }
            producer.flush();
        }
    }

    /** Records per second of a consumer that reads the topic from the start and counts. */
    private static double plainConsumer(LocalKafka kafka, long records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed"); // as the Sluice source reads by default
        p.put("max.poll.records", "2000");
        long start = System.nanoTime();
        long n = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = c.partitionsFor(TOPIC).stream().map(i -> new TopicPartition(TOPIC, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            while (n < records) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    bytes += r.value().length;
                    n++;
                }
            }
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (bytes == 0) {
            throw new IllegalStateException("read nothing");
        }
        return rate;
    }

    /** Rows per second from CREATE STREAM until the stream's source has counted every record. */
    private static double sluice(LocalKafka kafka, long records, int partitions) throws Exception {
        Path dir = Files.createTempDirectory("sluice-kafka-bench-");
        try {
            long start = System.nanoTime();
            try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).build())) {
                s.execute("CREATE STREAM b (id BIGINT, item VARCHAR, price INT) WITH ('connector' = 'kafka', "
                        + "'bootstrap.servers' = '" + kafka.bootstrapServers() + "', 'topic' = '" + TOPIC
                        + "', 'format' = 'json', 'partitions' = '" + partitions + "')");
                while (rows(s) < records) {
                    Thread.sleep(20); // SHOW STREAMS is a parsed statement: do not poll it in a tight loop
                }
                double rate = records / ((System.nanoTime() - start) / 1e9);
                return rate;
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long rows(Sluice s) throws InterruptedException {
        try (Rows rows = s.query("SHOW STREAMS")) {
            Row r;
            while ((r = rows.poll(5, TimeUnit.SECONDS)) != null) {
                if (r.getString("stream_name").equalsIgnoreCase("b")) {
                    if ("FAILED".equals(r.getString("connector_state"))) {
                        throw new IllegalStateException("the kafka source failed");
                    }
                    return r.getLong("rows");
                }
            }
        }
        return 0;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
