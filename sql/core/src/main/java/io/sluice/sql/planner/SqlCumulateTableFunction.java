package io.sluice.sql.planner;

import java.util.Collections;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])}, the window table function Calcite
 * lacks (Flink's syntax): windows that all start at the same aligned instant every {@code size}, and
 * end every {@code step} within it. Output: the table's columns plus window_start and window_end.
 */
final class SqlCumulateTableFunction extends SqlWindowTableFunction {
    static final SqlCumulateTableFunction INSTANCE = new SqlCumulateTableFunction();

    private SqlCumulateTableFunction() {
        super("CUMULATE", new Operands());
    }

    private static final class Operands implements SqlOperandMetadata {
        private static final List<String> NAMES = List.of(PARAM_DATA, PARAM_TIMECOL, "STEP", PARAM_SIZE, PARAM_OFFSET);

        @Override
        public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
            return Collections.nCopies(NAMES.size(), typeFactory.createSqlType(SqlTypeName.ANY));
        }

        @Override
        public List<String> paramNames() {
            return NAMES;
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            for (int i = 2; i < binding.getOperandCount(); i++) {
                if (binding.getOperandType(i).getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
                    if (throwOnFailure) {
                        throw binding.newValidationSignatureError();
                    }
                    return false;
                }
            }
            return true;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.between(4, 5);
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return opName + "(TABLE table_name, DESCRIPTOR(timecol), step, size [, offset])";
        }

        @Override
        public boolean isOptional(int i) {
            return i == 4;
        }
    }
}
