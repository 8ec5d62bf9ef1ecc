package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code ?} parameters of a {@link SluicePreparedStatement}: their SQL types as the validator inferred
 * them. Every parameter is an IN parameter and may be NULL (whether NULL is accepted is the target
 * column's business, checked when the statement runs).
 */
final class SluiceParameterMetaData implements ParameterMetaData {
    private final List<ColumnInfo> types;
    private final int count;

    /** @param types the inferred types, or null when the engine cannot type them (then VARCHAR is reported) */
    SluiceParameterMetaData(List<ColumnInfo> types, int count) {
        this.types = types;
        this.count = count;
    }

    private DataType type(int param) throws SQLException {
        if (param < 1 || param > count) {
            throw new SQLException("Parameter index " + param + " is out of range 1.." + count, "07009");
        }
        return types == null ? DataType.of(TypeKind.VARCHAR) : types.get(param - 1).type();
    }

    @Override
    public int getParameterCount() {
        return count;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        type(param);
        return parameterNullable;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        return JdbcTypes.isSigned(type(param).kind());
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        return JdbcTypes.precision(type(param));
    }

    @Override
    public int getScale(int param) throws SQLException {
        return JdbcTypes.scale(type(param));
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        return JdbcTypes.sqlType(type(param).kind());
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return JdbcTypes.typeName(type(param).kind());
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        return JdbcTypes.javaClass(type(param).kind()).getName();
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        type(param);
        return parameterModeIn;
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
}
