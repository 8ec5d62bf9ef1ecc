package io.sluice.storage.row;

import java.util.Objects;

/** A named, typed column of a {@link RowSchema}. */
public record Column(String name, DataType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
