package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.storage.row.DataType;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** The columns of a Sluice result, described for JDBC (see {@link JdbcTypes} for the type mapping). */
final class SluiceResultSetMetaData implements ResultSetMetaData {
    private final List<ColumnInfo> columns;

    SluiceResultSetMetaData(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return info(column).name();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return info(column).name();
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return JdbcTypes.sqlType(type(column).kind());
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return JdbcTypes.typeName(type(column).kind());
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return JdbcTypes.javaClass(type(column).kind()).getName();
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return JdbcTypes.precision(type(column));
    }

    @Override
    public int getScale(int column) throws SQLException {
        return JdbcTypes.scale(type(column));
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        return JdbcTypes.displaySize(type(column));
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return type(column).nullable() ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return JdbcTypes.isSigned(type(column).kind());
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return type(column).kind() == io.sluice.storage.row.TypeKind.VARCHAR;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        info(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        info(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        info(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        info(column);
        return false;
    }

    /** Results are not traced back to their source streams in this version. */
    @Override
    public String getSchemaName(int column) throws SQLException {
        info(column);
        return "";
    }

    @Override
    public String getTableName(int column) throws SQLException {
        info(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        info(column);
        return "";
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    private ColumnInfo info(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw new SQLException("Column index " + column + " is out of range 1.." + columns.size(), "07009");
        }
        return columns.get(column - 1);
    }

    private DataType type(int column) throws SQLException {
        return info(column).type();
    }
}
