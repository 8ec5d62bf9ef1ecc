package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** A finite table held in memory: the answers of {@link java.sql.DatabaseMetaData}. */
final class ListCursor implements Cursor {
    private final List<ColumnInfo> columns;
    private final List<Object[]> rows;
    private int position = -1;
    private volatile boolean cancelled;

    ListCursor(List<ColumnInfo> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /** Columns of VARCHAR except those named in {@code intColumns}, which are INT; all nullable. */
    static List<ColumnInfo> columns(List<String> names, String... intColumns) {
        List<ColumnInfo> out = new ArrayList<>(names.size());
        for (String name : names) {
            boolean isInt = List.of(intColumns).contains(name);
            out.add(new ColumnInfo(name, DataType.of(isInt ? TypeKind.INT : TypeKind.VARCHAR)));
        }
        return out;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean advance() {
        if (cancelled || position >= rows.size()) {
            return false;
        }
        position++;
        return position < rows.size();
    }

    @Override
    public Object value(int index) {
        return rows.get(position)[index];
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
