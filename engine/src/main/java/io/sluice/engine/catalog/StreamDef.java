package io.sluice.engine.catalog;

import io.sluice.storage.row.RowSchema;
import java.util.List;
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
 * @param kind       stream, table or materialized view
 * @param primaryKey a table's primary key columns in key order (empty for a stream); a table's
 *                   {@code keyColumn} is the first of them, so that every key lives in one partition
 */
public record StreamDef(String name, RowSchema schema, int partitions, String keyColumn, WatermarkSpec watermark,
                        Map<String, String> options, RelationKind kind, List<String> primaryKey) {
    public StreamDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(kind, "kind");
        options = Map.copyOf(new TreeMap<>(options));
        primaryKey = List.copyOf(primaryKey);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (kind.isTable() && primaryKey.isEmpty()) {
            throw new IllegalArgumentException("a table has a primary key");
        }
    }

    /** A stream (append-only, no primary key). */
    public StreamDef(String name, RowSchema schema, int partitions, String keyColumn, WatermarkSpec watermark,
                     Map<String, String> options) {
        this(name, schema, partitions, keyColumn, watermark, options, RelationKind.STREAM, List.of());
    }

    /** Positions of the primary key columns in the schema, in key order (empty for a stream). */
    public int[] primaryKeyIndexes() {
        return primaryKey.stream().mapToInt(schema::indexOf).toArray();
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
