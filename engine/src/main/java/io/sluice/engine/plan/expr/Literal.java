package io.sluice.engine.plan.expr;

import io.sluice.storage.row.DataType;

/**
 * A constant. {@code value} is null for NULL, otherwise in Sluice's internal representation for the
 * type's kind: Boolean (BOOLEAN), Integer (INT), Long (BIGINT), Double (DOUBLE), BigDecimal (DECIMAL,
 * with the type's scale), String (VARCHAR), Long epoch milliseconds (TIMESTAMP), Long milliseconds
 * (INTERVAL_DAY_TIME), Integer months (INTERVAL_YEAR_MONTH).
 */
public record Literal(Object value, DataType type) implements Expr {
    @Override
    public String toString() {
        return value == null ? "NULL" : value instanceof String s ? "'" + s + "'" : value.toString();
    }
}
