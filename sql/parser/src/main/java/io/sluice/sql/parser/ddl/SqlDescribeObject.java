package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DESCRIBE STREAM | TABLE | PIPELINE | MATERIALIZED VIEW name}. A plain {@code DESCRIBE name} (no kind)
 * is Calcite's {@link org.apache.calcite.sql.SqlDescribeTable}, which the executor should treat as "whatever
 * relation has that name".
 */
public final class SqlDescribeObject extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("DESCRIBE", SqlKind.OTHER,
        (pos, ops) -> new SqlDescribeObject(pos, SluiceOperator.kind(ops.get(0)), SluiceOperator.id(ops.get(1))));

    private final ObjectKind kind;
    private final SqlIdentifier name;

    public SqlDescribeObject(SqlParserPos pos, ObjectKind kind, SqlIdentifier name) {
        super(pos);
        this.kind = kind;
        this.name = name;
    }

    /** The kind the user named; the object must be of this kind. */
    public ObjectKind getObjectKind() {
        return kind;
    }

    /** The object name, possibly qualified, case as written. */
    public SqlIdentifier getName() {
        return name;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createSymbol(kind, pos), name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DESCRIBE");
        writer.keyword(kind.keyword());
        name.unparse(writer, leftPrec, rightPrec);
    }
}
