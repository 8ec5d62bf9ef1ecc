package io.sluice.engine.catalog;

import io.sluice.storage.row.RowSchema;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A stream in the catalog.
 *
 * @param name       the name as the user wrote it; lookups ignore case
 * @param schema     its columns
 * @param partitions fixed number of partitions
 * @param keyColumn  the column whose hash picks a row's partition, or null for round robin
 * @param watermark  the declared watermark, or null
 * @param options    the WITH options as given (keys lower-cased)
 */
public record StreamDef(String name, RowSchema schema, int partitions, String keyColumn, WatermarkSpec watermark,
                        Map<String, String> options) {
    public StreamDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        options = Map.copyOf(new TreeMap<>(options));
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
    }

    /** The option that marks a pipeline's internal stream; its value is the pipeline's name. */
    public static final String INTERNAL_OPTION = "sluice.internal";

    /** Whether this is a pipeline's internal stream (an exchange or a state log), hidden from users. */
    public boolean isInternal() {
        return options.containsKey(INTERNAL_OPTION);
    }

    /** Index of the key column, or -1 when rows are spread round robin. */
    public int keyIndex() {
        return keyColumn == null ? -1 : schema.indexOf(keyColumn);
    }
}
