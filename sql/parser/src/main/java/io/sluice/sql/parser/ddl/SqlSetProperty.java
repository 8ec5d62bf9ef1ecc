package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code SET 'key' = 'value'}: set a session option (Flink style, e.g. {@code SET 'scan.startup.mode' =
 * 'latest-offset'}). Calcite's own {@code SET name = value} (an identifier, not a string, after SET) still parses
 * as {@link org.apache.calcite.sql.SqlSetOption}.
 */
public final class SqlSetProperty extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("SET", SqlKind.OTHER,
        (pos, ops) -> new SqlSetProperty(pos, SluiceOperator.string(ops.get(0)), SluiceOperator.string(ops.get(1))));

    private final String key;
    private final String value;

    public SqlSetProperty(SqlParserPos pos, String key, String value) {
        super(pos);
        this.key = key;
        this.value = value;
    }

    /** The option name exactly as written. */
    public String getKey() {
        return key;
    }

    /** The option value exactly as written. */
    public String getValue() {
        return value;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createCharString(key, pos), SqlLiteral.createCharString(value, pos));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET");
        SqlLiteral.createCharString(key, pos).unparse(writer, 0, 0);
        writer.keyword("=");
        SqlLiteral.createCharString(value, pos).unparse(writer, 0, 0);
    }
}
