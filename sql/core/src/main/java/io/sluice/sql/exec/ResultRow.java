package io.sluice.sql.exec;

import io.sluice.ColumnInfo;
import io.sluice.Row;
import io.sluice.SluiceException;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A result row over values in Sluice's internal representation, converted by the getters. */
final class ResultRow implements Row {
    private final List<ColumnInfo> columns;
    private final Object[] values;
    private final RowKind kind;

    ResultRow(List<ColumnInfo> columns, Object[] values, RowKind kind) {
        this.columns = columns;
        this.values = values;
        this.kind = kind;
    }

    /** A row of display values (SHOW, DESCRIBE): Strings, Longs, Integers, Booleans. */
    static ResultRow of(List<ColumnInfo> columns, Object... values) {
        return new ResultRow(columns, values, RowKind.INSERT);
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public RowKind kind() {
        return kind;
    }

    @Override
    public Object get(int i) {
        Object v = values[i];
        if (v != null && columns.get(i).type().kind() == TypeKind.TIMESTAMP && v instanceof Long ms) {
            return toLocalDateTime(ms);
        }
        return v;
    }

    static LocalDateTime toLocalDateTime(long epochMillis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L),
                (int) Math.floorMod(epochMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    @Override
    public Object get(String column) {
        return get(index(column));
    }

    private int index(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new SluiceException(SluiceException.UNDEFINED_COLUMN, "No column '" + column + "' in this row; columns are "
                + columns.stream().map(ColumnInfo::name).toList());
    }

    @Override
    public boolean isNull(int i) {
        return values[i] == null;
    }

    @Override
    public String getString(int i) {
        Object v = get(i);
        return v == null ? null : v instanceof LocalDateTime t ? t.toString().replace('T', ' ') : v.toString();
    }

    @Override
    public String getString(String column) {
        return getString(index(column));
    }

    private Number number(int i) {
        Object v = values[i];
        if (v == null) {
            throw new NullPointerException("column " + columns.get(i).name() + " is NULL");
        }
        if (v instanceof Number n) {
            return n;
        }
        throw new ClassCastException("column " + columns.get(i).name() + " is " + columns.get(i).type().sql()
                + ", not a number");
    }

    @Override
    public long getLong(int i) {
        return number(i).longValue();
    }

    @Override
    public long getLong(String column) {
        return getLong(index(column));
    }

    @Override
    public int getInt(int i) {
        return number(i).intValue();
    }

    @Override
    public int getInt(String column) {
        return getInt(index(column));
    }

    @Override
    public double getDouble(int i) {
        return number(i).doubleValue();
    }

    @Override
    public double getDouble(String column) {
        return getDouble(index(column));
    }

    @Override
    public boolean getBoolean(int i) {
        Object v = values[i];
        if (v == null) {
            throw new NullPointerException("column " + columns.get(i).name() + " is NULL");
        }
        return (Boolean) v;
    }

    @Override
    public boolean getBoolean(String column) {
        return getBoolean(index(column));
    }

    @Override
    public BigDecimal getDecimal(int i) {
        Object v = values[i];
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
    }

    @Override
    public BigDecimal getDecimal(String column) {
        return getDecimal(index(column));
    }

    @Override
    public LocalDateTime getTimestamp(int i) {
        Object v = get(i);
        return (LocalDateTime) v;
    }

    @Override
    public LocalDateTime getTimestamp(String column) {
        return getTimestamp(index(column));
    }

    @Override
    public List<Object> values() {
        List<Object> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(get(i));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultRow r && r.kind == kind && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return kind.shortName() + values();
    }
}
