package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code query EMIT CHANGES}: a push query that streams the changelog of its result (each row with its
 * kind: insert, update before/after, delete) instead of a pull query's current rows. Not produced by the
 * grammar: {@link io.sluice.sql.parser.SluiceParser} recognises the two trailing words of a statement (at
 * parenthesis depth 0) and wraps the query parsed without them, so the generated parser stays Calcite's.
 */
public final class SqlEmitChanges extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("EMIT CHANGES", SqlKind.OTHER);

    private final SqlNode query;

    public SqlEmitChanges(SqlParserPos pos, SqlNode query) {
        super(pos);
        this.query = query;
    }

    /** The query whose changelog is streamed. */
    public SqlNode getQuery() {
        return query;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        query.unparse(writer, 0, 0);
        writer.keyword("EMIT CHANGES");
    }
}
