package io.sluice.sql.parser.ddl;

import java.util.List;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name ( col type [NOT NULL] [PRIMARY KEY] [, ...] [, PRIMARY KEY (a, b)]
 * [, WATERMARK FOR col AS expr] ) [WITH (...)]}: a table, i.e. an upsert relation when it has a primary key.
 * A column-level {@code PRIMARY KEY} and the table-level form end up in the same {@link #getPrimaryKey()}; the
 * parser rejects more than one of them.
 */
public final class SqlCreateTable extends SqlCreateRelation {
    private static final SqlOperator OPERATOR = new SluiceOperator("CREATE TABLE", SqlKind.CREATE_TABLE,
        (pos, ops) -> new SqlCreateTable(pos, SluiceOperator.bool(ops.get(1)), SluiceOperator.id(ops.get(0)),
            SluiceOperator.list(ops.get(2)), (SqlNodeList) ops.get(3), (SqlWatermark) ops.get(4),
            SluiceOperator.list(ops.get(5))));

    private final @Nullable SqlNodeList primaryKey;

    public SqlCreateTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList columns,
            @Nullable SqlNodeList primaryKey, @Nullable SqlWatermark watermark, SqlNodeList options) {
        super(OPERATOR, pos, ifNotExists, name, columns, watermark, options);
        this.primaryKey = primaryKey;
    }

    @Override
    public ObjectKind getObjectKind() {
        return ObjectKind.TABLE;
    }

    /** The primary key columns (simple identifiers, in key order), or null if the table has no key. */
    public @Nullable SqlNodeList getPrimaryKey() {
        return primaryKey;
    }

    /** The primary key column names in key order; empty if the table has no key. */
    public List<String> getPrimaryKeyColumns() {
        if (primaryKey == null) {
            return List.of();
        }
        return primaryKey.stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(getName(), SqlLiteral.createBoolean(ifNotExists, pos), getColumnList(),
            primaryKey, getWatermark(), getOptionList());
    }

    @Override
    protected void unparseConstraints(SqlWriter writer) {
        if (primaryKey == null) {
            return;
        }
        writer.sep(",");
        writer.keyword("PRIMARY KEY");
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : primaryKey) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
