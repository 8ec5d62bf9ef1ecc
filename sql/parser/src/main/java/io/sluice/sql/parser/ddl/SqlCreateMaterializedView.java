package io.sluice.sql.parser.ddl;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [WITH (...)] AS query}. The query is Calcite's (SELECT,
 * VALUES, WITH, UNION, ... with ORDER BY / LIMIT), not yet validated.
 */
public final class SqlCreateMaterializedView extends SqlCreate {
    private static final SqlOperator OPERATOR =
        new SluiceOperator("CREATE MATERIALIZED VIEW", SqlKind.CREATE_MATERIALIZED_VIEW,
            (pos, ops) -> new SqlCreateMaterializedView(pos, SluiceOperator.bool(ops.get(1)),
                SluiceOperator.id(ops.get(0)), SluiceOperator.list(ops.get(2)), ops.get(3)));

    private final SqlIdentifier name;
    private final SqlNodeList options;
    private final SqlNode query;

    public SqlCreateMaterializedView(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
            SqlNodeList options, SqlNode query) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = name;
        this.options = options;
        this.query = query;
    }

    /** The view name, possibly qualified, case as written. */
    public SqlIdentifier getName() {
        return name;
    }

    /** True if IF NOT EXISTS was written. */
    public boolean isIfNotExists() {
        return ifNotExists;
    }

    /** The WITH options in written order; empty if there was no WITH clause. */
    public List<SqlTableOption> getOptions() {
        return SqlTableOption.toList(options);
    }

    /** The WITH options as the parsed node list. */
    public SqlNodeList getOptionList() {
        return options;
    }

    /** The WITH options as an ordered, unmodifiable key to value map. */
    public Map<String, String> getOptionMap() {
        return SqlTableOption.toMap(options);
    }

    /** The defining query. */
    public SqlNode getQuery() {
        return query;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, SqlLiteral.createBoolean(ifNotExists, pos), options, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE MATERIALIZED VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        SqlTableOption.unparseWith(writer, options);
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}
