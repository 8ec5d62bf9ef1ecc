package io.sluice.connectors.kafka;

import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.engine.connector.SourceReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the Kafka partitions of one stream partition ({@code i mod n == p}) with a consumer that
 * assigns them to itself: no consumer group, nothing committed to Kafka. Its position (see
 * {@link KafkaSourcePosition}) is the next offset of each partition, plus which partition it reads.
 *
 * <p><b>Determinism with several Kafka partitions.</b> Which partition has records at a given moment
 * depends on timing, so the reader hands over records of one partition at a time (the
 * <em>current</em> one) and {@linkplain #wantsCheckpoint() asks for a checkpoint} each time it moves
 * to another; the position names the partition it moves to. Between two checkpoints every record
 * then comes from the current partition in offset order. After a restart the reader must hand over
 * the same records as before the crash: it stays on the current partition until it has caught up
 * with that partition's end offset as of the restart (every record handed over before the crash lay
 * below it), and only then may move on. With one Kafka partition per reader none of this costs
 * anything.
 *
 * <p>A record whose value does not decode goes to the dead-letter stream; a record with no value (a
 * tombstone) too. Called on one worker thread at a time; {@link #poll} never waits for the network
 * (the consumer is polled with a zero timeout). Opening talks to the brokers and may block up to
 * {@code default.api.timeout.ms}.
 */
final class KafkaSourceReader implements SourceReader {
    private static final Duration NO_WAIT = Duration.ZERO;

    private final KafkaSettings settings;
    private final Decoder decoder;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition[] partitions;
    private final int[] ids;
    private final long[] next;
    /** Records fetched but not yet handed over, per partition (index into {@link #ids}). */
    private final List<List<ConsumerRecord<byte[], byte[]>>> buffered;
    private final int[] bufferedAt;
    private int current;
    /** After a restart: the offset the current partition must reach before the reader may move on. */
    private long catchUpTo = -1;
    private boolean wantsCheckpoint;
    private ConsumerRecord<byte[], byte[]> handing;

    KafkaSourceReader(KafkaSettings settings, int partition, int partitions, Decoder decoder, KafkaSourcePosition position) {
        this.settings = settings;
        this.decoder = decoder;
        Properties p = settings.clientProperties("sluice-" + settings.stream() + "-" + partition);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("allow.auto.create.topics", "false");
        p.put("isolation.level", settings.option(KafkaConnectorFactory.ISOLATION));
        // an offset that retention has removed meanwhile: go on from the oldest record still there
        p.put("auto.offset.reset", "earliest");
        p.putIfAbsent("max.poll.records", "2000");
        KafkaConsumer<byte[], byte[]> c = null;
        try {
            c = new KafkaConsumer<>(p);
            List<PartitionInfo> infos = c.partitionsFor(settings.topic());
            if (infos == null || infos.isEmpty()) {
                throw new ConnectorException(ConnectorException.Reason.FAILED, KafkaConnectorFactory.TOPIC, "Topic '"
                        + settings.topic() + "' does not exist on " + settings.servers());
            }
            List<Integer> mine = new ArrayList<>();
            for (PartitionInfo info : infos) {
                if (info.partition() % partitions == partition) {
                    mine.add(info.partition());
                }
            }
            Collections.sort(mine);
            this.ids = mine.stream().mapToInt(Integer::intValue).toArray();
            this.partitions = new TopicPartition[ids.length];
            for (int i = 0; i < ids.length; i++) {
                this.partitions[i] = new TopicPartition(settings.topic(), ids[i]);
            }
            this.next = new long[ids.length];
            this.buffered = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                buffered.add(List.of());
            }
            this.bufferedAt = new int[ids.length];
            List<TopicPartition> all = Arrays.asList(this.partitions);
            c.assign(all);
            if (ids.length > 0) {
                start(c, position, all);
            }
            this.consumer = c;
        } catch (KafkaException e) {
            closeQuietly(c);
            throw new ConnectorException(ConnectorException.Reason.FAILED, null, "Kafka source of stream "
                    + settings.stream() + " cannot read topic '" + settings.topic() + "' on " + settings.servers() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Sets the first offset of every partition and, after a restart, what must be caught up with. */
    private void start(KafkaConsumer<byte[], byte[]> c, KafkaSourcePosition position, List<TopicPartition> all) {
        Map<TopicPartition, Long> earliest = c.beginningOffsets(all);
        Map<TopicPartition, Long> initial = position == null
                && settings.option(KafkaConnectorFactory.STARTUP_MODE).equals("latest") ? c.endOffsets(all) : earliest;
        for (int i = 0; i < ids.length; i++) {
            Long stored = position == null ? null : position.next().get(ids[i]);
            // offsets are made concrete now, so that a checkpoint before the first record still pins them
            next[i] = stored != null ? stored : initial.get(partitions[i]);
            c.seek(partitions[i], next[i]);
        }
        current = 0;
        // a first start pins the offsets it chose ("latest" above all) in a checkpoint at once, so that a
        // restart before any record arrives does not choose again and skip what came in between
        wantsCheckpoint = position == null;
        if (position != null) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == position.current()) {
                    current = i;
                }
            }
            if (ids.length > 1) {
                // end offsets honour isolation.level: read_committed gives the last stable offset
                catchUpTo = c.endOffsets(List.of(partitions[current])).get(partitions[current]);
            }
        }
    }

    @Override
    public int poll(SourceOutput out, int maxRecords) {
        if (ids.length == 0) {
            return 0;
        }
        if (bufferedAt[current] >= buffered.get(current).size()) {
            // while catching up, the others wait paused and only the current partition is fetched
            if (!anyBuffered() || !mayLeaveCurrent()) {
                fetch();
            }
            if (bufferedAt[current] >= buffered.get(current).size()) {
                if (!mayLeaveCurrent()) {
                    return 0;
                }
                int other = nextBuffered();
                if (other < 0) {
                    return 0;
                }
                current = other;
                wantsCheckpoint = true; // records after this checkpoint come from the new current partition
                return 0;
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = buffered.get(current);
        int at = bufferedAt[current];
        int n = 0;
        while (n < maxRecords && at < records.size()) {
            ConsumerRecord<byte[], byte[]> r = records.get(at++);
            handing = r;
            hand(out, r);
            next[current] = r.offset() + 1;
            n++;
        }
        handing = null;
        bufferedAt[current] = at;
        if (at >= records.size()) {
            buffered.set(current, List.of());
            bufferedAt[current] = 0;
            consumer.resume(List.of(partitions[current]));
        }
        return n;
    }

    private void hand(SourceOutput out, ConsumerRecord<byte[], byte[]> r) {
        byte[] value = r.value();
        if (value == null) {
            out.reject(new byte[0], 0, 0, "record without a value (a tombstone)");
            return;
        }
        try {
            if (decoder.decode(value, 0, value.length, out.row())) {
                out.emit();
            }
        } catch (BadRecordException e) {
            out.reject(value, 0, value.length, e.getMessage());
        }
    }

    /** Polls the consumer without waiting and files what came by partition, pausing filled ones. */
    private void fetch() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(NO_WAIT);
        if (records.isEmpty()) {
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            List<ConsumerRecord<byte[], byte[]>> rs = records.records(partitions[i]);
            if (!rs.isEmpty()) {
                buffered.set(i, rs);
                bufferedAt[i] = 0;
                // hold further fetches of this partition until these are handed over: bounded memory
                consumer.pause(List.of(partitions[i]));
            }
        }
    }

    private boolean anyBuffered() {
        for (int i = 0; i < ids.length; i++) {
            if (bufferedAt[i] < buffered.get(i).size()) {
                return true;
            }
        }
        return false;
    }

    /** The next partition after the current one, round robin, with records waiting; -1 for none. */
    private int nextBuffered() {
        for (int k = 1; k < ids.length; k++) {
            int i = (current + k) % ids.length;
            if (bufferedAt[i] < buffered.get(i).size()) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the catch-up after a restart is done (see the class comment). */
    private boolean mayLeaveCurrent() {
        if (catchUpTo < 0) {
            return true;
        }
        if (consumer.position(partitions[current], Duration.ofSeconds(5)) >= catchUpTo) {
            catchUpTo = -1;
            return true;
        }
        return false;
    }

    @Override
    public boolean isFinished() {
        return false;
    }

    @Override
    public byte[] position() {
        return KafkaSourcePosition.encode(ids.length == 0 ? -1 : ids[current], ids, next);
    }

    @Override
    public String describePosition() {
        ConsumerRecord<byte[], byte[]> r = handing;
        return r == null ? "topic " + settings.topic()
                : "topic " + r.topic() + " partition " + r.partition() + " offset " + r.offset();
    }

    @Override
    public boolean wantsCheckpoint() {
        boolean w = wantsCheckpoint;
        wantsCheckpoint = false;
        return w;
    }

    @Override
    public void close() {
        closeQuietly(consumer);
    }

    private static void closeQuietly(KafkaConsumer<?, ?> c) {
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // nothing was committed through it; there is nothing to lose
            }
        }
    }
}
