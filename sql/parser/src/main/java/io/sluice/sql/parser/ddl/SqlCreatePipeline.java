package io.sluice.sql.parser.ddl;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE PIPELINE [IF NOT EXISTS] name [WITH (...)] AS INSERT INTO target [(cols)] query}: a named,
 * continuously running INSERT. The body is always Calcite's {@link SqlInsert} (INSERT or UPSERT INTO); the
 * grammar rejects anything else after AS.
 */
public final class SqlCreatePipeline extends SqlCreate {
    private static final SqlOperator OPERATOR = new SluiceOperator("CREATE PIPELINE", SqlKind.OTHER_DDL,
        (pos, ops) -> new SqlCreatePipeline(pos, SluiceOperator.bool(ops.get(1)), SluiceOperator.id(ops.get(0)),
            SluiceOperator.list(ops.get(2)), (SqlInsert) ops.get(3)));

    private final SqlIdentifier name;
    private final SqlNodeList options;
    private final SqlInsert insert;

    public SqlCreatePipeline(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList options,
            SqlInsert insert) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = name;
        this.options = options;
        this.insert = insert;
    }

    /** The pipeline name, possibly qualified, case as written. */
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

    /** The INSERT the pipeline runs; its target is {@code getInsert().getTargetTable()}. */
    public SqlInsert getInsert() {
        return insert;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, SqlLiteral.createBoolean(ifNotExists, pos), options, insert);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE PIPELINE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        SqlTableOption.unparseWith(writer, options);
        writer.keyword("AS");
        writer.newlineAndIndent();
        insert.unparse(writer, 0, 0);
    }
}
