package io.sluice.sql.planner;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules as Sluice wants them: DECIMAL up to 38 digits; TIMESTAMP defaults to
 * millisecond precision; CASE branches of string literals of different lengths are VARCHAR, not
 * blank-padded CHAR (so {@code CASE ... THEN 'big' ELSE 'small' END} gives 'big', not 'big  ').
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {
    public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.TIMESTAMP ? 3 : super.getDefaultPrecision(typeName);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
