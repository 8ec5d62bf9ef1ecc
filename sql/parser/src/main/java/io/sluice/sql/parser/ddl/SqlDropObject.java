package io.sluice.sql.parser.ddl;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP STREAM | TABLE | PIPELINE | [MATERIALIZED] VIEW [IF EXISTS] name}. {@code DROP VIEW} has kind
 * {@link ObjectKind#MATERIALIZED_VIEW} (see {@link ObjectKind}).
 */
public final class SqlDropObject extends SqlDrop {
    private static final Map<ObjectKind, SqlOperator> OPERATORS = new EnumMap<>(ObjectKind.class);

    static {
        for (ObjectKind kind : ObjectKind.values()) {
            final SqlKind sqlKind = switch (kind) {
                case TABLE -> SqlKind.DROP_TABLE;
                case MATERIALIZED_VIEW -> SqlKind.DROP_MATERIALIZED_VIEW;
                case STREAM, PIPELINE -> SqlKind.OTHER_DDL;
            };
            OPERATORS.put(kind, new SluiceOperator("DROP " + kind.keyword(), sqlKind,
                (pos, ops) -> new SqlDropObject(pos, SluiceOperator.kind(ops.get(0)), SluiceOperator.bool(ops.get(1)),
                    SluiceOperator.id(ops.get(2)))));
        }
    }

    private final ObjectKind kind;
    private final SqlIdentifier name;

    public SqlDropObject(SqlParserPos pos, ObjectKind kind, boolean ifExists, SqlIdentifier name) {
        super(OPERATORS.get(kind), pos, ifExists);
        this.kind = kind;
        this.name = name;
    }

    /** What is dropped. */
    public ObjectKind getObjectKind() {
        return kind;
    }

    /** The object name, possibly qualified, case as written. */
    public SqlIdentifier getName() {
        return name;
    }

    /** True if IF EXISTS was written: a missing object is then not an error. */
    public boolean isIfExists() {
        return ifExists;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createSymbol(kind, pos), SqlLiteral.createBoolean(ifExists, pos), name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        writer.keyword(kind.keyword());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
