package io.sluice;

import io.sluice.storage.row.DataType;

/** Name and type of one column of a result. */
public record ColumnInfo(String name, DataType type) {
}
