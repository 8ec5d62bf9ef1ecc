package io.sluice.sql.planner;

import io.sluice.SluiceException;
import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's RexBuilder, except that a constant that does not fit its DECIMAL type (as when
 * {@code 9999.999} is inserted into a DECIMAL(6, 2) column) is reported as the user's data error
 * rather than as Calcite's internal one.
 */
final class SluiceRexBuilder extends RexBuilder {
    SluiceRexBuilder(RelDataTypeFactory typeFactory) {
        super(typeFactory);
    }

    @Override
    protected RexLiteral makeLiteral(Comparable o, RelDataType type, SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL && type.getSqlTypeName() == SqlTypeName.DECIMAL && o instanceof BigDecimal value) {
            BigDecimal rounded = value.setScale(type.getScale(), typeFactory.getTypeSystem().roundingMode());
            if (rounded.precision() - rounded.scale() > type.getPrecision() - type.getScale()) {
                throw new SluiceException(SluiceException.DATA_EXCEPTION, "Value " + value.toPlainString()
                        + " is out of range for DECIMAL(" + type.getPrecision() + ", " + type.getScale() + ")");
            }
        }
        return super.makeLiteral(o, type, typeName);
    }
}
