package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One column of CREATE STREAM / CREATE TABLE: {@code name type [NOT NULL]}.
 *
 * <p>The type is Calcite's {@link SqlDataTypeSpec} as parsed; the executor derives the relational type with
 * {@code getType().deriveType(validator, isNullable())}. A bare name that is not a SQL type (for example
 * {@code STRING}) parses as a user-defined type name; mapping or rejecting it is the executor's job. A column
 * named in PRIMARY KEY keeps the nullability written here; SQL makes key columns NOT NULL, which the executor
 * enforces.
 */
public final class SqlColumnDeclaration extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("COLUMN_DECL", SqlKind.COLUMN_DECL,
        (pos, ops) -> new SqlColumnDeclaration(pos, SluiceOperator.id(ops.get(0)), (SqlDataTypeSpec) ops.get(1),
            SluiceOperator.bool(ops.get(2))));

    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private final boolean nullable;

    public SqlColumnDeclaration(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean nullable) {
        super(pos);
        this.name = name;
        this.type = type;
        this.nullable = nullable;
    }

    /** The column name (a simple identifier), case as written. */
    public SqlIdentifier getName() {
        return name;
    }

    /** The column name as a string, case as written. */
    public String getSimpleName() {
        return name.getSimple();
    }

    /** The declared type, without nullability (see {@link #isNullable()}). */
    public SqlDataTypeSpec getType() {
        return type;
    }

    /** False if the column was declared NOT NULL. */
    public boolean isNullable() {
        return nullable;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, type, SqlLiteral.createBoolean(nullable, pos));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (!nullable) {
            writer.keyword("NOT NULL");
        }
    }
}
