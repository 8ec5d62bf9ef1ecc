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
    /** As CAST(ts AS VARCHAR) writes it: always to the millisecond, so columns of text line up. */
    static final java.time.format.DateTimeFormatter TIMESTAMP_TEXT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

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
        Object v = values[checked(i)];
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
        return values[checked(i)] == null;
    }

    private int checked(int i) {
        if (i < 0 || i >= values.length) {
            throw new IndexOutOfBoundsException("Column index " + i + " is outside this row: it has " + values.length
                    + " columns, indexed from 0 " + columns.stream().map(ColumnInfo::name).toList());
        }
        return i;
    }

    private ClassCastException wrongType(int i, String getter) {
        ColumnInfo c = columns.get(i);
        return new ClassCastException("Column '" + c.name() + "' is " + c.type().sql() + ": " + getter
                + " does not fit it" + (values[i] instanceof Number ? " (use getLong, getDouble or getDecimal)"
                : values[i] instanceof String ? " (use getString)" : ""));
    }

    @Override
    public String getString(int i) {
        Object v = get(i);
        return v == null ? null : v instanceof LocalDateTime t ? TIMESTAMP_TEXT.format(t) : v.toString();
    }

    @Override
    public String getString(String column) {
        return getString(index(column));
    }

    private Number number(int i, String getter) {
        Object v = values[checked(i)];
        if (v == null) {
            throw new NullPointerException("Column '" + columns.get(i).name() + "' is NULL: check isNull before " + getter);
        }
        if (v instanceof Number n) {
            return n;
        }
        throw wrongType(i, getter);
    }

    @Override
    public long getLong(int i) {
        return number(i, "getLong").longValue();
    }

    @Override
    public long getLong(String column) {
        return getLong(index(column));
    }

    @Override
    public int getInt(int i) {
        Number n = number(i, "getInt");
        long v = n.longValue();
        boolean fits = n instanceof Long ? v == (int) v
                : n.doubleValue() >= Integer.MIN_VALUE && n.doubleValue() <= Integer.MAX_VALUE;
        if (!fits) {
            throw new ArithmeticException("Column '" + columns.get(i).name() + "' holds " + n
                    + ", beyond an int: use getLong");
        }
        return (int) v;
    }

    @Override
    public int getInt(String column) {
        return getInt(index(column));
    }

    @Override
    public double getDouble(int i) {
        return number(i, "getDouble").doubleValue();
    }

    @Override
    public double getDouble(String column) {
        return getDouble(index(column));
    }

    @Override
    public boolean getBoolean(int i) {
        Object v = values[checked(i)];
        if (v == null) {
            throw new NullPointerException("Column '" + columns.get(i).name() + "' is NULL: check isNull before getBoolean");
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(i, "getBoolean");
    }

    @Override
    public boolean getBoolean(String column) {
        return getBoolean(index(column));
    }

    @Override
    public BigDecimal getDecimal(int i) {
        Object v = values[checked(i)];
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Long || v instanceof Integer) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d);
        }
        throw wrongType(i, "getDecimal");
    }

    @Override
    public BigDecimal getDecimal(String column) {
        return getDecimal(index(column));
    }

    @Override
    public LocalDateTime getTimestamp(int i) {
        Object v = get(i);
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        throw wrongType(i, "getTimestamp");
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
