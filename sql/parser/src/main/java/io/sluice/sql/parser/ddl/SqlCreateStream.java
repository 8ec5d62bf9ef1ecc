package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE STREAM [IF NOT EXISTS] name ( col type [NOT NULL] [, ...] [, WATERMARK FOR col AS expr] )
 * [WITH ( 'key' = 'value' [, ...] )]}: an append-only stream. A stream has no primary key; the grammar rejects
 * one.
 */
public final class SqlCreateStream extends SqlCreateRelation {
    private static final SqlOperator OPERATOR = new SluiceOperator("CREATE STREAM", SqlKind.OTHER_DDL,
        (pos, ops) -> new SqlCreateStream(pos, SluiceOperator.bool(ops.get(1)), SluiceOperator.id(ops.get(0)),
            SluiceOperator.list(ops.get(2)), (SqlWatermark) ops.get(3), SluiceOperator.list(ops.get(4))));

    public SqlCreateStream(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList columns,
            @Nullable SqlWatermark watermark, SqlNodeList options) {
        super(OPERATOR, pos, ifNotExists, name, columns, watermark, options);
    }

    @Override
    public ObjectKind getObjectKind() {
        return ObjectKind.STREAM;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(getName(), SqlLiteral.createBoolean(ifNotExists, pos), getColumnList(),
            getWatermark(), getOptionList());
    }
}
