package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code RESET 'key'} (one session option back to its default) or a bare {@code RESET} (all of them). Calcite's
 * {@code RESET name} and {@code RESET ALL} still parse as {@link org.apache.calcite.sql.SqlSetOption}.
 */
public final class SqlResetProperty extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("RESET", SqlKind.OTHER,
        (pos, ops) -> new SqlResetProperty(pos, SluiceOperator.nullableString(ops.get(0))));

    private final @Nullable String key;

    public SqlResetProperty(SqlParserPos pos, @Nullable String key) {
        super(pos);
        this.key = key;
    }

    /** The option to reset, or null for a bare RESET, which resets every session option. */
    public @Nullable String getKey() {
        return key;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(key == null ? null : SqlLiteral.createCharString(key, pos));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("RESET");
        if (key != null) {
            SqlLiteral.createCharString(key, pos).unparse(writer, 0, 0);
        }
    }
}
