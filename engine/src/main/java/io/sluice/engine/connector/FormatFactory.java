package io.sluice.engine.connector;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * A record format (json, csv, ...), found by name through {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/io.sluice.engine.connector.FormatFactory}. A stream
 * picks it with {@code 'format' = '<name>'} and sets its options with the name in front:
 * {@code 'csv.delimiter' = ';'}.
 *
 * <p>Implementations need a public no-argument constructor and are stateless.
 */
public interface FormatFactory {
    /** The name used in {@code 'format' = '...'}, lower case. */
    String name();

    /** One line for docs and errors. */
    String description();

    /** The options this format accepts, declared without the {@code <name>.} prefix. */
    List<ConfigOption> options();

    /**
     * Binds the format to a stream. Called when {@code CREATE STREAM} runs (to validate: throw a
     * {@link ConnectorException} naming the option at fault) and again when the stream's connector
     * starts.
     *
     * @param schema  the stream's columns
     * @param options validated options (keys without prefix)
     */
    Format create(RowSchema schema, Options options);
}
