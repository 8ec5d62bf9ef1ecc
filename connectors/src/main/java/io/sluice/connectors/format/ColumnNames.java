package io.sluice.connectors.format;

import io.sluice.storage.row.RowSchema;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps external field names to column indexes, ignoring case and underscores, so that a column
 * {@code date_time} or {@code DATETIME} reads the field {@code dateTime}. Lookups of names seen
 * before cost one hash lookup and allocate nothing. The JSON decoder matches ASCII names by their
 * bytes and comes here only for names with other characters.
 * One instance per decoder; not thread-safe.
 */
final class ColumnNames {
    private static final int MAX_CACHED = 4096;
    private final Map<String, Integer> normalized = new HashMap<>();
    private final Map<String, Integer> seen = new HashMap<>();

    ColumnNames(RowSchema schema) {
        for (int i = 0; i < schema.size(); i++) {
            normalized.put(normalize(schema.column(i).name()), i);
        }
    }

    static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The column of this field name, or -1. */
    int indexOf(String field) {
        Integer i = seen.get(field);
        if (i == null) {
            i = normalized.getOrDefault(normalize(field), -1);
            if (seen.size() < MAX_CACHED) {
                seen.put(field, i);
            }
        }
        return i;
    }
}
