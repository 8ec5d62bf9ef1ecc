package io.sluice.engine.connector;

import java.util.List;

/**
 * A connector, found by name through {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/io.sluice.engine.connector.ConnectorFactory}. A stream declared
 * {@code WITH ('connector' = '<name>', ...)} is filled by the connector's {@link Source} or, with
 * {@code 'mode' = 'sink'} (or for a connector that is only a sink), copied to its {@link Sink}.
 *
 * <p>Implementations need a public no-argument constructor and are stateless; every method may be
 * called from any thread. See the package documentation for the whole contract.
 */
public interface ConnectorFactory {
    /** The name used in {@code 'connector' = '...'}, lower case. */
    String name();

    /** One line for docs and errors. */
    String description();

    /**
     * The options this connector accepts. The stream's own options ({@code partitions}, {@code key},
     * {@code connector}, {@code format}, {@code mode}) and the format's ({@code <format>.<option>})
     * are handled by Sluice and must not be declared here.
     */
    List<ConfigOption> options();

    /** Whether {@link #createSource} works. */
    boolean isSource();

    /** Whether {@link #createSink} works. */
    boolean isSink();

    /** Whether the stream must name a {@code 'format'} (a file connector) or may not (a generator). */
    boolean needsFormat();

    /**
     * Checks what single-option validation cannot (options that exclude each other, a value that
     * must be positive). Called when {@code CREATE STREAM} runs, after every option has been
     * checked against its type; throws a {@link ConnectorException} naming the option at fault.
     * The default accepts everything.
     *
     * @param sink whether the stream uses the connector as a sink
     */
    default void validate(ConnectorContext context, boolean sink) {
    }

    /**
     * The source of one stream. Called when the stream is created (to fail early) and each time the
     * engine starts.
     *
     * @throws ConnectorException if the options cannot work (a path that cannot exist...)
     */
    Source createSource(ConnectorContext context);

    /** The sink of one stream; see {@link #createSource}. */
    Sink createSink(ConnectorContext context);
}
