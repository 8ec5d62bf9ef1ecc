package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** Converts between Sluice's {@link DataType} and Calcite's {@link RelDataType}. */
public final class TypeMapping {
    /** VARCHAR lengths at or above this are treated as unbounded. */
    private static final int UNBOUNDED_VARCHAR = 65536;

    private TypeMapping() {
    }

    public static RelDataType toRel(DataType t, RelDataTypeFactory f) {
        RelDataType r = switch (t.kind()) {
            case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            case INT -> f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale());
            case VARCHAR -> t.precision() == DataType.UNBOUNDED ? f.createSqlType(SqlTypeName.VARCHAR)
                    : f.createSqlType(SqlTypeName.VARCHAR, t.precision());
            case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, t.precision());
            default -> throw new IllegalArgumentException("no column type for " + t);
        };
        return f.createTypeWithNullability(r, t.nullable());
    }

    public static RelDataType toRel(RowSchema schema, RelDataTypeFactory f) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Column c : schema.columns()) {
            b.add(c.name(), toRel(c.type(), f));
        }
        return b.build();
    }

    /**
     * The Sluice type of a Calcite type; {@code what} names the thing for the error message when
     * the type is not one Sluice supports.
     */
    public static DataType toSluice(RelDataType r, String what) {
        boolean n = r.isNullable();
        SqlTypeName name = r.getSqlTypeName();
        DataType t = switch (name) {
            case BOOLEAN -> DataType.of(TypeKind.BOOLEAN);
            case TINYINT, SMALLINT, INTEGER -> DataType.of(TypeKind.INT);
            case BIGINT -> DataType.of(TypeKind.BIGINT);
            case FLOAT, REAL, DOUBLE -> DataType.of(TypeKind.DOUBLE);
            case DECIMAL -> DataType.decimal(Math.min(r.getPrecision(), DataType.MAX_DECIMAL_PRECISION),
                    Math.min(r.getScale(), Math.min(r.getPrecision(), DataType.MAX_DECIMAL_PRECISION)));
            case CHAR, VARCHAR -> r.getPrecision() < 0 || r.getPrecision() >= UNBOUNDED_VARCHAR
                    ? DataType.of(TypeKind.VARCHAR) : DataType.varchar(r.getPrecision());
            case TIMESTAMP -> new DataType(TypeKind.TIMESTAMP, 3, 0, true);
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND -> DataType.of(TypeKind.INTERVAL_DAY_TIME);
            case NULL -> DataType.of(TypeKind.NULL);
            default -> throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, what + " has type " + r.getFullTypeString()
                    + ", which Sluice does not support yet; use BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), VARCHAR or TIMESTAMP(3)");
        };
        return t.withNullable(n);
    }

    public static RowSchema toSchema(RelDataType row) {
        List<Column> cols = new ArrayList<>();
        for (RelDataTypeField f : row.getFieldList()) {
            DataType t = toSluice(f.getType(), "column " + f.getName());
            if (!t.kind().storable()) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "column " + f.getName() + " has type "
                        + t.sql() + ", which a row cannot hold; CAST it to a column type");
            }
            cols.add(new Column(f.getName(), t));
        }
        return new RowSchema(cols);
    }
}
