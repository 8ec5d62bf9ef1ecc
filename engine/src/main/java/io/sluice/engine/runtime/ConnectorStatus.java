package io.sluice.engine.runtime;

/**
 * What SHOW STREAMS and DESCRIBE report about a stream's connector.
 *
 * @param connector  the connector's name
 * @param format     the format's name, or null
 * @param role       {@code source} (the connector fills the stream) or {@code sink}
 * @param delivery   {@code exactly-once} or {@code at-least-once}: a source is always exactly-once
 *                   into its stream; a sink says what it promises
 * @param state      RUNNING, FINISHED (a bounded source that has read everything), FAILED or STOPPED
 * @param rows       rows written to the stream (source) or handed to the sink, since creation
 * @param badRecords records sent to the dead-letter stream since creation (0 for a sink)
 * @param error      why it failed, or null
 */
public record ConnectorStatus(String connector, String format, String role, String delivery, String state, long rows,
                              long badRecords, String error) {
}
