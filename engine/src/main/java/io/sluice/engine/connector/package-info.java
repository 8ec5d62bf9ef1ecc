/**
 * The connector SPI: how records get from outside into a stream's log (sources) and from a stream's
 * log to the outside (sinks), and how records are encoded (formats). Receives a stream's
 * {@code WITH} options; produces rows in the stream's log, or records in an external system.
 *
 * <h2>Finding and declaring</h2>
 * {@link io.sluice.engine.connector.ConnectorFactory} and {@link io.sluice.engine.connector.FormatFactory}
 * are found by name through {@link java.util.ServiceLoader}. A stream declared
 * {@code WITH ('connector' = 'file', 'path' = '...', 'format' = 'json', 'json.path' = 'bid')} is
 * attached to one connector: by default as its <b>source</b> (the connector fills the stream; nothing
 * else may write to it), or as its <b>sink</b> with {@code 'mode' = 'sink'} (every row that pipelines
 * or INSERTs write to the stream also goes to the connector). A connector that is only a sink
 * (console, blackhole) is a sink without {@code 'mode'}. Each factory and format declares its
 * options ({@link io.sluice.engine.connector.ConfigOption}: name, type, required or default,
 * description); {@link io.sluice.engine.connector.ConnectorSpec#resolve} checks every option when
 * {@code CREATE STREAM} runs: an unknown one, a missing required one, or a value of the wrong type is
 * a {@link io.sluice.engine.connector.ConnectorException} that names the option, and nothing is created.
 *
 * <h2>Sources: partitions, positions, exactly-once</h2>
 * A stream with a source has exactly {@code partitions} source tasks, one per partition; task
 * {@code p} runs the {@link io.sluice.engine.connector.SourceReader} of partition {@code p}, which
 * reads its share of the input (a source maps its splits onto partitions stably). Rows are routed to
 * the stream's partitions like any other writer's (by key, or round robin), through the engine's
 * {@code StreamAppender} with the task's own writer id. Each task checkpoints, in <em>one</em> catalog
 * entry, the reader's opaque {@link io.sluice.engine.connector.SourceReader#position()}, the appender's
 * sequence number and the output end offsets (and the same for its dead-letter output). After a
 * crash the reader reopens at the position and re-reads deterministically; the rows the task had
 * already appended after the checkpoint carry the same writer id and sequence numbers and are not
 * written again. So every input record is in the stream (or its dead-letter stream) exactly once.
 *
 * <h2>End of a bounded source</h2>
 * When a bounded reader {@linkplain io.sluice.engine.connector.SourceReader#isFinished() finishes},
 * its task flushes, appends a {@code ControlRecord.END} with its writer id to <em>every</em>
 * partition of the stream, checkpoints and finishes. <b>Rule for readers:</b> partition {@code p} of
 * a stream filled by a source has ended when END records from {@code partitions} distinct writer ids
 * have been read from it; {@link io.sluice.engine.connector.EndTracker} implements this rule. After a
 * crash an END may be written twice by the same writer; it counts once.
 *
 * <h2>Bad records</h2>
 * A record that does not parse or does not fit the schema never stops the task and never loses the
 * records around it: the reader (or its {@link io.sluice.engine.connector.Decoder}, by throwing
 * {@link io.sluice.engine.connector.BadRecordException}) rejects it, and the task writes it to the
 * stream's dead-letter stream ({@link io.sluice.engine.connector.DeadLetters}) with the error and the
 * source position, exactly once like the rows.
 *
 * <h2>Sinks</h2>
 * A sink stream has one sink task per partition, reading the partition's log from its checkpoint and
 * handing rows to a {@link io.sluice.engine.connector.SinkWriter}. A checkpoint is a two-phase commit
 * (see SinkWriter): the writer prepares and returns a state, the state and the input offset go into
 * one catalog entry, then the writer commits. A sink declares its
 * {@link io.sluice.engine.connector.DeliveryGuarantee}: exactly-once (idempotent by key, truncating
 * to the checkpointed length, or transactional) or at-least-once.
 *
 * <h2>Threads</h2>
 * Readers and writers are called by their task on one worker thread at a time and must not block for
 * long: when nothing is available they return and are called again. Factories, sources, sinks and
 * formats are thread-safe.
 */
package io.sluice.engine.connector;
