package io.sluice.sql.parser.ddl;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What CREATE STREAM and CREATE TABLE share: a name, a column list, an optional watermark and a WITH clause.
 * The parser guarantees at least one column, at most one watermark and unique option keys; it does not check
 * that names inside the watermark (or primary key) refer to declared columns.
 */
public abstract class SqlCreateRelation extends SqlCreate {
    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final @Nullable SqlWatermark watermark;
    private final SqlNodeList options;

    protected SqlCreateRelation(SqlOperator operator, SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
            SqlNodeList columns, @Nullable SqlWatermark watermark, SqlNodeList options) {
        super(operator, pos, false, ifNotExists);
        this.name = name;
        this.columns = columns;
        this.watermark = watermark;
        this.options = options;
    }

    /** Which relation this creates: {@link ObjectKind#STREAM} or {@link ObjectKind#TABLE}. */
    public abstract ObjectKind getObjectKind();

    /** The relation name, possibly qualified ({@code s.t}), case as written. */
    public SqlIdentifier getName() {
        return name;
    }

    /** True if IF NOT EXISTS was written: an existing object of that name is then not an error. */
    public boolean isIfNotExists() {
        return ifNotExists;
    }

    /** The columns in declaration order; never empty. */
    public List<SqlColumnDeclaration> getColumns() {
        return columns.stream().map(SqlColumnDeclaration.class::cast).toList();
    }

    /** The columns as the parsed node list. */
    public SqlNodeList getColumnList() {
        return columns;
    }

    /** The WATERMARK clause, or null if none was declared. */
    public @Nullable SqlWatermark getWatermark() {
        return watermark;
    }

    /** The WITH options in written order; empty if there was no WITH clause. */
    public List<SqlTableOption> getOptions() {
        return SqlTableOption.toList(options);
    }

    /** The WITH options as the parsed node list of {@link SqlTableOption}; empty if there was no WITH clause. */
    public SqlNodeList getOptionList() {
        return options;
    }

    /** The WITH options as an ordered, unmodifiable key to value map. */
    public Map<String, String> getOptionMap() {
        return SqlTableOption.toMap(options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        writer.keyword(getObjectKind().keyword());
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        unparseConstraints(writer);
        if (watermark != null) {
            writer.sep(",");
            watermark.unparse(writer, 0, 0);
        }
        writer.endList(frame);
        SqlTableOption.unparseWith(writer, options);
    }

    /** Hook for CREATE TABLE to write its PRIMARY KEY element inside the column list. */
    protected void unparseConstraints(SqlWriter writer) {
    }
}
