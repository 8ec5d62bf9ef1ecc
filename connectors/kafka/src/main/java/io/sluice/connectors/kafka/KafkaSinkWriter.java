package io.sluice.connectors.kafka;

import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Encoder;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.storage.row.RowReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes one stream partition's rows to a topic with one producer.
 *
 * <h2>Exactly-once: a progress mark committed in the same Kafka transaction</h2>
 * The producer is transactional with a stable id ({@code <prefix>-<partition>}). Rows since the last
 * checkpoint are sent in one transaction. {@link #prepareCheckpoint()} adds to that transaction a
 * <em>progress mark</em>, the number of input rows this writer has accounted for so far, stored as
 * the committed offset of a consumer group named like the transactional id (Kafka commits offsets
 * atomically with the transaction's records: {@code sendOffsetsToTransaction}), commits the
 * transaction, and returns that number as the checkpoint's state. {@link #commit} has nothing left to
 * do.
 *
 * <p>Why the Kafka commit comes <em>before</em> Sluice's checkpoint entry, not after it: the public
 * producer API cannot take over a transaction left open by a crashed producer (initTransactions
 * aborts it), so a commit deferred to phase two would lose the rows of a crash between the entry and
 * the commit. Instead Kafka's transaction is the decision, and the restart reconciles: on open the
 * producer's {@code initTransactions()} fences any older producer with the id and aborts its open
 * transaction (rows not in a committed transaction are re-sent, since the checkpoint precedes them);
 * then the writer reads the progress mark. The sink task replays its input from the checkpoint, whose
 * state says how many rows were accounted for then; rows up to the mark were committed after that
 * checkpoint by a transaction whose checkpoint entry was never written, and are skipped. Consumers
 * with {@code isolation.level=read_committed} see every row exactly once.
 *
 * <p>Limits: the mark lives in Kafka under the group name; a stream dropped and created again with the
 * same name and transactional id prefix would resume from the old mark, so give a new sink stream a
 * new {@code 'transactional.id.prefix'} (or delete the group). Kafka expires the committed offsets of
 * an empty group after {@code offsets.retention.minutes} (7 days by default); a crash right after a
 * commit followed by that long a stop could then repeat one checkpoint's rows.
 *
 * <h2>At-least-once</h2>
 * Without a transactional id the producer is idempotent; {@link #prepareCheckpoint()} flushes and
 * checks that every send succeeded. Rows after the last checkpoint are sent again after a crash.
 *
 * <p>Called on one worker thread at a time. {@code send} may block while the producer's buffer is
 * full ({@code max.block.ms}); a checkpoint waits for the transaction's commit (a few round trips).
 */
final class KafkaSinkWriter implements SinkWriter {
    private static final String MARK = "sluice sink progress";

    private final KafkaSettings settings;
    private final String transactionalId;
    private final Encoder encoder;
    private final int keyIndex;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Integer targetPartition;
    private final TopicPartition markPartition;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1024);
    private final Callback onSent;
    private volatile Exception sendFailure;
    /** Input rows accounted for: written, or skipped because a committed transaction holds them. */
    private long consumed;
    /** Rows of the input that a committed transaction already holds (the progress mark at open). */
    private long committedInKafka;
    private boolean inTransaction;

    KafkaSinkWriter(KafkaSettings settings, int partition, String transactionalId, Encoder encoder, int keyIndex,
                    boolean fixedPartition, byte[] state) {
        this.settings = settings;
        this.transactionalId = transactionalId;
        this.encoder = encoder;
        this.keyIndex = keyIndex;
        this.onSent = (RecordMetadata m, Exception e) -> {
            if (e != null && sendFailure == null) {
                sendFailure = e;
            }
        };
        Properties p = settings.clientProperties("sluice-" + settings.stream() + "-sink-" + partition);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.putIfAbsent("linger.ms", "5");
        if (transactionalId != null) {
            p.put("transactional.id", transactionalId);
        }
        KafkaProducer<byte[], byte[]> pr = null;
        try {
            pr = new KafkaProducer<>(p);
            List<PartitionInfo> infos = pr.partitionsFor(settings.topic());
            if (infos == null || infos.isEmpty()) {
                throw new ConnectorException(ConnectorException.Reason.FAILED, KafkaConnectorFactory.TOPIC, "Topic '"
                        + settings.topic() + "' does not exist on " + settings.servers());
            }
            int target = partition % infos.size();
            this.targetPartition = fixedPartition ? target : null;
            this.markPartition = new TopicPartition(settings.topic(), target);
            if (transactionalId != null) {
                pr.initTransactions(); // fences older producers with this id, aborts their open transaction
                consumed = state == null ? 0 : ByteBuffer.wrap(state).getLong();
                committedInKafka = readMark(p);
            }
            this.producer = pr;
        } catch (KafkaException e) {
            close(pr);
            throw new ConnectorException(ConnectorException.Reason.FAILED, null, "Kafka sink of stream "
                    + settings.stream() + " cannot write topic '" + settings.topic() + "' on " + settings.servers()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(pr);
            throw e;
        }
    }

    /** The progress mark of the last committed transaction, or 0 if there is none. */
    private long readMark(Properties clientProperties) {
        Properties ap = new Properties();
        ap.putAll(clientProperties);
        ap.keySet().removeIf(k -> !isAdminProperty((String) k));
        try (Admin admin = Admin.create(ap)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(transactionalId,
                            new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
            OffsetAndMetadata mark = offsets.get(markPartition);
            return mark == null ? 0 : mark.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Reason.FAILED, null, "interrupted while reading the progress of "
                    + transactionalId);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectorException(ConnectorException.Reason.FAILED, null, "Kafka sink of stream " + settings.stream()
                    + " cannot read its progress (group " + transactionalId + "): " + e.getMessage(), e);
        }
    }

    private static boolean isAdminProperty(String key) {
        return !key.endsWith("serializer") && !key.equals("transactional.id") && !key.equals("enable.idempotence")
                && !key.equals("acks") && !key.equals("linger.ms");
    }

    @Override
    public void write(RowReader row) {
        if (++consumed <= committedInKafka) {
            return; // a committed transaction whose checkpoint was lost holds this row already
        }
        Exception failed = sendFailure;
        if (failed != null) {
            throw new IllegalStateException("Kafka sink of stream " + settings.stream() + " failed to send", failed);
        }
        if (transactionalId != null && !inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
        int length = encoder.encode(row, scratch, 0);
        byte[] value = new byte[length];
        scratch.getBytes(0, value);
        byte[] key = keyIndex < 0 || row.isNull(keyIndex) ? null
                : String.valueOf(row.getObject(keyIndex)).getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(settings.topic(), targetPartition, key, value), onSent);
    }

    @Override
    public byte[] prepareCheckpoint() {
        if (transactionalId == null) {
            producer.flush();
        } else if (inTransaction) {
            producer.sendOffsetsToTransaction(Map.of(markPartition, new OffsetAndMetadata(consumed, MARK)),
                    new ConsumerGroupMetadata(transactionalId));
            producer.commitTransaction(); // flushes first; fails if any send of the transaction failed
            inTransaction = false;
        }
        Exception failed = sendFailure;
        if (failed != null) {
            throw new IllegalStateException("Kafka sink of stream " + settings.stream() + " failed to send", failed);
        }
        return ByteBuffer.allocate(8).putLong(consumed).array();
    }

    @Override
    public void commit(byte[] state) {
        // the transaction was committed in prepareCheckpoint (see the class comment)
    }

    @Override
    public void close() {
        if (inTransaction) {
            try {
                producer.abortTransaction(); // its rows are after the last checkpoint: they will be sent again
            } catch (KafkaException e) {
                // a fenced or failed producer: the next initTransactions aborts it anyway
            }
        }
        close(producer);
    }

    private static void close(KafkaProducer<?, ?> p) {
        if (p != null) {
            try {
                p.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // closing cannot lose committed rows
            }
        }
    }
}
