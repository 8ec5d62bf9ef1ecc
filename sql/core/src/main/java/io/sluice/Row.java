package io.sluice;

import io.sluice.storage.row.RowKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One row of a result, with typed getters by index (from 0) and by column name (case-insensitive).
 * Values are: Boolean, Integer, Long, Double, BigDecimal, String, LocalDateTime (TIMESTAMP), or null.
 *
 * <p>Errors are the caller's to fix, and say what is wrong:
 * <ul>
 *   <li>a name no column has: {@link SluiceException} with {@link SluiceException#UNDEFINED_COLUMN},
 *       listing the columns;</li>
 *   <li>an index outside the row: {@link IndexOutOfBoundsException} naming the row's size;</li>
 *   <li>a getter that does not fit the column's type (getLong of a VARCHAR, getBoolean of an INT,
 *       getTimestamp of a BIGINT): {@link ClassCastException} naming the column and its type. Numbers
 *       convert among themselves (getDouble of an INT, getDecimal of a BIGINT), but getInt of a value
 *       beyond an int throws {@link ArithmeticException}; {@link #getString} fits every type;</li>
 *   <li>a getter for a primitive kind on NULL: {@link NullPointerException}; check {@link #isNull}.
 *       Getters for objects return null.</li>
 * </ul>
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

    /** Whether the named column is NULL in this row. */
    default boolean isNull(String column) {
        return get(column) == null;
    }

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

    /**
     * A TIMESTAMP as an instant: Sluice's timestamps carry no zone and are taken as UTC, the zone in
     * which {@link #getTimestamp} shows them. Null for NULL.
     */
    default Instant getInstant(int i) {
        LocalDateTime t = getTimestamp(i);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** As {@link #getInstant(int)}, by column name. */
    default Instant getInstant(String column) {
        LocalDateTime t = getTimestamp(column);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** The values, in column order. */
    List<Object> values();
}
