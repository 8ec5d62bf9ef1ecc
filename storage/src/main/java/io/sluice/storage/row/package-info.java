/**
 * The binary row format: types, schemas, and the flyweight reader and reusable writer over records
 * (layout in {@link io.sluice.storage.row.RowSchema}). Receives values from operators and produces the
 * bytes that the logs store.
 */
package io.sluice.storage.row;
