package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN statement}: show Sluice's plan for a query, an INSERT / UPSERT (or DELETE, UPDATE, MERGE, which
 * Calcite's grammar also allows here), a {@link SqlCreatePipeline} or a {@link SqlCreateMaterializedView}.
 * Nothing is executed or created. {@code EXPLAIN PLAN [...] FOR ...} is not this node: it stays Calcite's
 * {@link org.apache.calcite.sql.SqlExplain}.
 */
public final class SqlExplainStatement extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("EXPLAIN", SqlKind.OTHER,
        (pos, ops) -> new SqlExplainStatement(pos, ops.get(0)));

    private final SqlNode statement;

    public SqlExplainStatement(SqlParserPos pos, SqlNode statement) {
        super(pos);
        this.statement = statement;
    }

    /**
     * The statement to explain: a query, a SqlInsert (or other DML), a SqlCreatePipeline or a
     * SqlCreateMaterializedView.
     */
    public SqlNode getStatement() {
        return statement;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        writer.newlineAndIndent();
        statement.unparse(writer, 0, 0);
    }
}
