package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW STREAMS | TABLES | PIPELINES | MATERIALIZED VIEWS}: list the catalog's objects of one kind. */
public final class SqlShowObjects extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("SHOW", SqlKind.OTHER,
        (pos, ops) -> new SqlShowObjects(pos, SluiceOperator.kind(ops.get(0))));

    private final ObjectKind kind;

    public SqlShowObjects(SqlParserPos pos, ObjectKind kind) {
        super(pos);
        this.kind = kind;
    }

    /** Which objects to list. */
    public ObjectKind getObjectKind() {
        return kind;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createSymbol(kind, pos));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        writer.keyword(kind.pluralKeyword());
    }
}
