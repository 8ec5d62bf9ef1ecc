<#--
  Sluice's statements, included by FMPP into Calcite's Parser.jj (see config.fmpp). Plain JavaCC 4.0 productions
  that reuse Calcite's own productions (CompoundIdentifier, SimpleIdentifier, DataType, NullableOptDefaultTrue,
  Expression, StringLiteral, ParenthesizedSimpleIdentifierList, OrderedQueryOrExpr, SqlQueryOrDml, SqlInsert).

  Things to know before editing:
  * `options` is a JavaCC keyword: never name a variable that.
  * A LOOKAHEAD with only a semantic condition has a token limit of 0, i.e. it is taken whenever the condition
    holds; write LOOKAHEAD(1, { cond }) when the next token must match as well.
  * Semantic lookaheads are evaluated during an enclosing syntactic lookahead too; getToken(i) is then relative
    to the scan position. That is what keeps EXPLAIN PLAN and RESET <identifier> with Calcite.
  * JAVACODE helpers declare ParseException, so they cannot be called from a lookahead condition (the generated
    jj_3R scanning methods do not throw it): write such conditions inline.
  * JavaCC errors point into target/generated-sources/fmpp-<calcite.version>/javacc/Parser.jj, not into this file.
-->

/**
 * Builds a parse error with a position and our own message. Thrown as a CalciteContextException, which
 * normalizeException turns into a SqlParseException carrying the same position.
 */
JAVACODE CalciteContextException sluiceError(SqlParserPos pos, String message)
{
    final String located = message + " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
    return new CalciteContextException(located, new IllegalArgumentException(located),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
}

/** Rejects CREATE OR REPLACE: Sluice objects are replaced by DROP then CREATE. */
JAVACODE void sluiceRejectReplace(Span s, boolean replace, String what)
{
    if (replace) {
        throw sluiceError(s.pos(), "CREATE OR REPLACE " + what + " is not supported");
    }
}

/** The value of a character string literal (adjacent fragments concatenated); anything else is an error. */
JAVACODE String sluiceString(SqlNode node)
{
    final SqlLiteral literal = SqlLiteral.unchain(node);
    if (!(literal instanceof SqlCharStringLiteral)) {
        throw sluiceError(node.getParserPosition(), "Expected a character string literal");
    }
    return literal.getValueAs(String.class);
}

/** [ IF NOT EXISTS ]; three tokens of lookahead so that an object called "if" still parses. */
boolean SluiceIfNotExists() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

/** [ IF EXISTS ] */
boolean SluiceIfExists() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** 'key' = 'value' */
void SluiceTableOption(List<SqlNode> list) :
{
    final SqlNode key;
    final SqlNode value;
}
{
    key = StringLiteral() <EQ> value = StringLiteral()
    {
        final String k = sluiceString(key);
        for (SqlNode existing : list) {
            if (((SqlTableOption) existing).getKey().equals(k)) {
                throw sluiceError(key.getParserPosition(), "Duplicate option '" + k + "'");
            }
        }
        list.add(new SqlTableOption(Span.of(key, value).pos(), k, sluiceString(value)));
    }
}

/** WITH ( 'key' = 'value' [, ...] ): the list after WITH, parentheses included. */
SqlNodeList SluiceTableOptions() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    SluiceTableOption(list)
    ( <COMMA> SluiceTableOption(list) )*
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

/** An optional WITH clause; an empty list when absent. */
SqlNodeList SluiceOptionalTableOptions() :
{
    final SqlNodeList list;
}
{
    <WITH> list = SluiceTableOptions() { return list; }
|
    { return SqlNodeList.EMPTY; }
}

/**
 * One element of a CREATE STREAM / CREATE TABLE column list: a column, WATERMARK FOR col AS expr, or (tables
 * only) PRIMARY KEY (cols). A column of a table may carry PRIMARY KEY itself.
 */
void SluiceTableElement(List<SqlNode> columns, List<SqlNode> watermarks, List<SqlNode> primaryKeys,
    boolean table) :
{
    final Span s;
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final boolean nullable;
    final SqlIdentifier column;
    final SqlNode expr;
    final SqlNodeList keyColumns;
}
{
    // WATERMARK is non-reserved, so a column may be called "watermark": only WATERMARK FOR starts a watermark.
    LOOKAHEAD(2)
    <WATERMARK> { s = span(); } <FOR> column = SimpleIdentifier()
    <AS> expr = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        watermarks.add(new SqlWatermark(s.end(expr), column, expr));
    }
|
    LOOKAHEAD(1, { table })
    <PRIMARY> { s = span(); } <KEY> keyColumns = ParenthesizedSimpleIdentifierList()
    {
        primaryKeys.add(new SqlNodeList(keyColumns.getList(), s.end(keyColumns)));
    }
|
    name = SimpleIdentifier() { s = span(); }
    type = DataType()
    nullable = NullableOptDefaultTrue()
    {
        columns.add(new SqlColumnDeclaration(s.end(this), name, type, nullable));
    }
    [
        LOOKAHEAD(1, { table })
        <PRIMARY> <KEY>
        {
            primaryKeys.add(new SqlNodeList(Collections.singletonList((SqlNode) name), s.end(this)));
        }
    ]
}

/** ( element [, element]* ) with at most one watermark and at most one primary key. */
void SluiceTableElements(List<SqlNode> columns, List<SqlNode> watermarks, List<SqlNode> primaryKeys,
    boolean table) :
{
    final Span s;
}
{
    <LPAREN> { s = span(); }
    SluiceTableElement(columns, watermarks, primaryKeys, table)
    ( <COMMA> SluiceTableElement(columns, watermarks, primaryKeys, table) )*
    <RPAREN>
    {
        if (columns.isEmpty()) {
            throw sluiceError(s.end(this), "At least one column must be declared");
        }
        if (watermarks.size() > 1) {
            throw sluiceError(watermarks.get(1).getParserPosition(), "Only one WATERMARK may be declared");
        }
        if (primaryKeys.size() > 1) {
            throw sluiceError(primaryKeys.get(1).getParserPosition(), "Only one PRIMARY KEY may be declared");
        }
    }
}

/**
 * CREATE STREAM [IF NOT EXISTS] name ( col type [NOT NULL] [, ...] [, WATERMARK FOR col AS expr] )
 *     [WITH ( 'key' = 'value' [, ...] )]
 */
SqlCreate SqlCreateStream(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> watermarks = new ArrayList<SqlNode>();
    final List<SqlNode> primaryKeys = new ArrayList<SqlNode>();
    final SqlNodeList tableOptions;
}
{
    <STREAM> { sluiceRejectReplace(s, replace, "STREAM"); }
    ifNotExists = SluiceIfNotExists()
    name = CompoundIdentifier()
    SluiceTableElements(columns, watermarks, primaryKeys, false)
    tableOptions = SluiceOptionalTableOptions()
    {
        return new SqlCreateStream(s.end(this), ifNotExists, name,
            new SqlNodeList(columns, name.getParserPosition()),
            watermarks.isEmpty() ? null : (SqlWatermark) watermarks.get(0),
            tableOptions);
    }
}

/**
 * CREATE TABLE [IF NOT EXISTS] name ( col type [NOT NULL] [PRIMARY KEY] [, ...] [, PRIMARY KEY (a, b)]
 *     [, WATERMARK FOR col AS expr] ) [WITH ( 'key' = 'value' [, ...] )]
 */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> watermarks = new ArrayList<SqlNode>();
    final List<SqlNode> primaryKeys = new ArrayList<SqlNode>();
    final SqlNodeList tableOptions;
}
{
    <TABLE> { sluiceRejectReplace(s, replace, "TABLE"); }
    ifNotExists = SluiceIfNotExists()
    name = CompoundIdentifier()
    SluiceTableElements(columns, watermarks, primaryKeys, true)
    tableOptions = SluiceOptionalTableOptions()
    {
        return new SqlCreateTable(s.end(this), ifNotExists, name,
            new SqlNodeList(columns, name.getParserPosition()),
            primaryKeys.isEmpty() ? null : (SqlNodeList) primaryKeys.get(0),
            watermarks.isEmpty() ? null : (SqlWatermark) watermarks.get(0),
            tableOptions);
    }
}

/** CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [WITH (...)] AS query */
SqlCreate SqlCreateMaterializedView(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNodeList tableOptions;
    final SqlNode query;
}
{
    <MATERIALIZED> <VIEW> { sluiceRejectReplace(s, replace, "MATERIALIZED VIEW"); }
    ifNotExists = SluiceIfNotExists()
    name = CompoundIdentifier()
    tableOptions = SluiceOptionalTableOptions()
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateMaterializedView(s.end(query), ifNotExists, name, tableOptions, query);
    }
}

/** CREATE PIPELINE [IF NOT EXISTS] name [WITH (...)] AS INSERT INTO target [(cols)] query */
SqlCreate SqlCreatePipeline(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlNodeList tableOptions;
    final SqlNode insert;
}
{
    <PIPELINE> { sluiceRejectReplace(s, replace, "PIPELINE"); }
    ifNotExists = SluiceIfNotExists()
    name = CompoundIdentifier()
    tableOptions = SluiceOptionalTableOptions()
    <AS>
    // Only INSERT (or UPSERT) INTO: a pipeline must have a target. Anything else is a parse error here.
    insert = SqlInsert()
    {
        return new SqlCreatePipeline(s.end(insert), ifNotExists, name, tableOptions, (SqlInsert) insert);
    }
}

/** DROP STREAM | TABLE | PIPELINE | [MATERIALIZED] VIEW [IF EXISTS] name; VIEW alone means a materialized view. */
SqlDrop SqlDropObject(Span s, boolean replace) :
{
    final ObjectKind kind;
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    (
        <STREAM> { kind = ObjectKind.STREAM; }
    |
        <TABLE> { kind = ObjectKind.TABLE; }
    |
        <PIPELINE> { kind = ObjectKind.PIPELINE; }
    |
        <VIEW> { kind = ObjectKind.MATERIALIZED_VIEW; }
    |
        <MATERIALIZED> <VIEW> { kind = ObjectKind.MATERIALIZED_VIEW; }
    )
    ifExists = SluiceIfExists()
    name = CompoundIdentifier()
    {
        return new SqlDropObject(s.end(name), kind, ifExists, name);
    }
}

/** SHOW STREAMS | TABLES | PIPELINES | MATERIALIZED VIEWS */
SqlNode SqlShowObjects() :
{
    final Span s;
    final ObjectKind kind;
}
{
    <SHOW> { s = span(); }
    (
        <STREAMS> { kind = ObjectKind.STREAM; }
    |
        <TABLES> { kind = ObjectKind.TABLE; }
    |
        <PIPELINES> { kind = ObjectKind.PIPELINE; }
    |
        <MATERIALIZED> <VIEWS> { kind = ObjectKind.MATERIALIZED_VIEW; }
    )
    {
        return new SqlShowObjects(s.end(this), kind);
    }
}

/**
 * DESCRIBE STREAM | TABLE | PIPELINE | MATERIALIZED VIEW name. Plain `DESCRIBE name` is left to Calcite
 * (SqlDescribeTable). Calcite's DESCRIBE only accepts a name that is a plain or quoted identifier, not a
 * non-reserved keyword, so `DESCRIBE pipeline` never meant a relation called pipeline; the quoted form
 * (back-ticks around pipeline) still does.
 */
SqlNode SqlDescribeObject() :
{
    final Span s;
    final ObjectKind kind;
    final SqlIdentifier name;
}
{
    <DESCRIBE> { s = span(); }
    (
        <STREAM> { kind = ObjectKind.STREAM; }
    |
        <TABLE> { kind = ObjectKind.TABLE; }
    |
        <PIPELINE> { kind = ObjectKind.PIPELINE; }
    |
        <MATERIALIZED> <VIEW> { kind = ObjectKind.MATERIALIZED_VIEW; }
    )
    name = CompoundIdentifier()
    {
        return new SqlDescribeObject(s.end(name), kind, name);
    }
}

/**
 * EXPLAIN query | INSERT ... | CREATE PIPELINE ... | CREATE MATERIALIZED VIEW ...
 * EXPLAIN PLAN [...] FOR ... stays Calcite's SqlExplain: PLAN is non-reserved and could start an expression,
 * so the semantic lookahead refuses it (gotcha 5).
 */
SqlNode SqlExplainStatement() :
{
    final Span s;
    final Span cs;
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); }
    (
        <CREATE> { cs = span(); }
        (
            stmt = SqlCreatePipeline(cs, false)
        |
            stmt = SqlCreateMaterializedView(cs, false)
        )
    |
        LOOKAHEAD({ getToken(1).kind != PLAN })
        stmt = SqlQueryOrDml()
    )
    {
        return new SqlExplainStatement(s.end(stmt), stmt);
    }
}

/** SET 'key' = 'value'. Calcite's SET name = value (an identifier after SET) is not taken here. */
SqlNode SqlSetProperty() :
{
    final Span s;
    final SqlNode key;
    final SqlNode value;
}
{
    <SET> { s = span(); }
    key = StringLiteral() <EQ> value = StringLiteral()
    {
        return new SqlSetProperty(s.end(value), sluiceString(key), sluiceString(value));
    }
}

/**
 * RESET [ 'key' ]. A bare RESET must end the statement; RESET name and RESET ALL stay Calcite's SqlSetOption.
 */
SqlNode SqlResetProperty() :
{
    final Span s;
    SqlNode key = null;
}
{
    <RESET> { s = span(); }
    (
        key = StringLiteral()
    |
        LOOKAHEAD({ getToken(1).kind == EOF || getToken(1).kind == SEMICOLON })
        { }
    )
    {
        return new SqlResetProperty(s.end(this), key == null ? null : sluiceString(key));
    }
}
