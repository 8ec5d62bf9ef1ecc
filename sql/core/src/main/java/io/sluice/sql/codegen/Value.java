package io.sluice.sql.codegen;

import io.sluice.storage.row.DataType;

/**
 * A generated sub-expression: two Java expressions (usually local variable names, sometimes
 * literals such as {@code false} or {@code 42}) that hold its null flag and its value, and its SQL
 * type. The value expression is meaningful only when the null flag is false; it then holds the
 * representation {@link JavaTypes} gives the type's kind.
 */
record Value(String isNull, String value, DataType type) {
}
