/**
 * The {@code kafka} connector: a source that reads a Kafka topic into a stream and a sink that writes
 * a stream's rows to a topic, with kafka-clients, records encoded by the stream's format (json, csv).
 * Receives a stream's {@code WITH} options; produces rows in the stream's log (source) or records in
 * a topic (sink).
 *
 * <h2>Partitions</h2>
 * Source: Kafka partition {@code i} of the topic is read by the source task of stream partition
 * {@code i mod n} ({@code n} = the stream's partitions), which assigns itself those partitions
 * (no consumer group, no rebalancing). Give a stream at least as many partitions as the topic, so
 * that each task reads one Kafka partition. The rows then go to the stream's partitions by the
 * engine's rule for every writer (hash of the stream's key, else round robin). Sink: stream partition
 * {@code p} writes to Kafka partition {@code p mod k} ({@code k} = the topic's partitions), in the
 * order of the stream partition, unless {@code 'sink.partitioner' = 'kafka'}.
 *
 * <h2>Exactly-once</h2>
 * Source: the position of a reader is the next offset of each of its Kafka partitions, stored in
 * Sluice's checkpoint and nowhere else; nothing is committed to Kafka. See {@link
 * io.sluice.connectors.kafka.KafkaSourceReader} for how a reader of several Kafka partitions stays
 * deterministic. Sink: one transactional producer per stream partition, see {@link
 * io.sluice.connectors.kafka.KafkaSinkWriter}.
 */
package io.sluice.connectors.kafka;
