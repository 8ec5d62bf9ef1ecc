package io.sluice;

import io.sluice.storage.row.RowKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One row of a result, with typed getters by index (from 0) and by column name (case-insensitive).
 * Values are: Boolean, Integer, Long, Double, BigDecimal, String, LocalDateTime (TIMESTAMP), or null.
 * A getter for a primitive kind throws {@link NullPointerException} on NULL; check {@link #isNull}.
 * Immutable and safe to keep.
 */
public interface Row {
    List<ColumnInfo> columns();

    int size();

    /** What the row means: always INSERT for an append-only stream. */
    RowKind kind();

    Object get(int i);

    Object get(String column);

    boolean isNull(int i);

    String getString(int i);

    String getString(String column);

    long getLong(int i);

    long getLong(String column);

    int getInt(int i);

    int getInt(String column);

    double getDouble(int i);

    double getDouble(String column);

    boolean getBoolean(int i);

    boolean getBoolean(String column);

    BigDecimal getDecimal(int i);

    BigDecimal getDecimal(String column);

    LocalDateTime getTimestamp(int i);

    LocalDateTime getTimestamp(String column);

    /** The values, in column order. */
    List<Object> values();
}
