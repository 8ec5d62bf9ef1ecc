package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code WATERMARK FOR column AS expression} inside a CREATE STREAM / CREATE TABLE column list. The parser only
 * checks the syntax; that the column exists and is a TIMESTAMP, and that the expression is valid over the
 * declared columns, is checked by the executor (validateParameterizedExpression, CALCITE-NOTES.md section 4).
 */
public final class SqlWatermark extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("WATERMARK", SqlKind.OTHER,
        (pos, ops) -> new SqlWatermark(pos, SluiceOperator.id(ops.get(0)), ops.get(1)));

    private final SqlIdentifier column;
    private final SqlNode expression;

    public SqlWatermark(SqlParserPos pos, SqlIdentifier column, SqlNode expression) {
        super(pos);
        this.column = column;
        this.expression = expression;
    }

    /** The event-time column the watermark is declared for. */
    public SqlIdentifier getColumn() {
        return column;
    }

    /** The watermark expression, e.g. {@code ts - INTERVAL '5' SECOND}. */
    public SqlNode getExpression() {
        return expression;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(column, expression);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("WATERMARK FOR");
        column.unparse(writer, 0, 0);
        writer.keyword("AS");
        expression.unparse(writer, 0, 0);
    }
}
