package io.sluice.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.SqlTableRef;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

import io.sluice.sql.parser.ddl.ObjectKind;
import io.sluice.sql.parser.ddl.SqlColumnDeclaration;
import io.sluice.sql.parser.ddl.SqlCreateMaterializedView;
import io.sluice.sql.parser.ddl.SqlCreatePipeline;
import io.sluice.sql.parser.ddl.SqlCreateStream;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlDescribeObject;
import io.sluice.sql.parser.ddl.SqlDropObject;
import io.sluice.sql.parser.ddl.SqlExplainStatement;
import io.sluice.sql.parser.ddl.SqlResetProperty;
import io.sluice.sql.parser.ddl.SqlSetProperty;
import io.sluice.sql.parser.ddl.SqlShowObjects;
import io.sluice.sql.parser.ddl.SqlTableOption;
import io.sluice.sql.parser.ddl.SqlWatermark;

/** Each Sluice statement parses into its node with the fields a user wrote; Calcite's statements are unaffected. */
class SluiceParserStatementsTest {

    private static <T> T parse(String sql, Class<T> type) throws SqlParseException {
        return assertInstanceOf(type, SluiceParser.parseStatement(sql));
    }

    private static String typeName(SqlDataTypeSpec spec) {
        return spec.getTypeNameSpec().getTypeName().getSimple();
    }

    @Test
    void createStreamWithColumnsWatermarkAndOptions() throws SqlParseException {
        final SqlCreateStream s = parse("CREATE STREAM Bids (\n"
            + "  auction BIGINT NOT NULL,\n"
            + "  price DECIMAL(10, 2),\n"
            + "  channel VARCHAR(20),\n"
            + "  url STRING,\n"
            + "  ok BOOLEAN,\n"
            + "  ts TIMESTAMP(3) NOT NULL,\n"
            + "  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND\n"
            + ") WITH ('partitions' = '4', 'key' = 'auction')", SqlCreateStream.class);

        assertEquals("Bids", s.getName().getSimple());
        assertFalse(s.isIfNotExists());
        assertEquals(ObjectKind.STREAM, s.getObjectKind());
        assertEquals(SqlKind.OTHER_DDL, s.getKind());

        final List<SqlColumnDeclaration> cols = s.getColumns();
        assertEquals(List.of("auction", "price", "channel", "url", "ok", "ts"),
            cols.stream().map(SqlColumnDeclaration::getSimpleName).toList());
        assertEquals("BIGINT", typeName(cols.get(0).getType()));
        assertFalse(cols.get(0).isNullable());
        assertTrue(cols.get(1).isNullable());
        assertEquals("DECIMAL(10, 2)", cols.get(1).getType().toString());
        assertEquals("VARCHAR(20)", cols.get(2).getType().toString());
        assertEquals("STRING", typeName(cols.get(3).getType()), "unknown names parse as user-defined types");
        assertEquals("TIMESTAMP(3)", cols.get(5).getType().toString());
        assertFalse(cols.get(5).isNullable());

        final SqlWatermark wm = s.getWatermark();
        assertEquals("ts", wm.getColumn().getSimple());
        assertEquals(SqlKind.MINUS, wm.getExpression().getKind());
        assertEquals("`ts` - INTERVAL '4' SECOND", wm.getExpression().toString());

        assertEquals(Map.of("partitions", "4", "key", "auction"), s.getOptionMap());
        assertEquals(List.of("partitions", "key"), s.getOptions().stream().map(SqlTableOption::getKey).toList());
    }

    @Test
    void createStreamMinimalFormAndIfNotExists() throws SqlParseException {
        final SqlCreateStream s = parse("create stream if not exists app.clicks (a int)", SqlCreateStream.class);
        assertTrue(s.isIfNotExists());
        assertEquals(List.of("app", "clicks"), s.getName().names);
        assertEquals(1, s.getColumns().size());
        assertEquals("INTEGER", typeName(s.getColumns().get(0).getType()));
        assertNull(s.getWatermark());
        assertTrue(s.getOptions().isEmpty());
        assertTrue(s.getOptionMap().isEmpty());
    }

    @Test
    void allDocumentedColumnTypesParse() throws SqlParseException {
        final SqlCreateStream s = parse("CREATE STREAM t (a BOOLEAN, b INT, c INTEGER, d BIGINT, e DOUBLE,"
            + " f DECIMAL(12, 3), g VARCHAR, h VARCHAR(5), i TIMESTAMP, j TIMESTAMP(3))", SqlCreateStream.class);
        assertEquals(List.of("BOOLEAN", "INTEGER", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL(12, 3)", "VARCHAR",
                "VARCHAR(5)", "TIMESTAMP", "TIMESTAMP(3)"),
            s.getColumns().stream().map(c -> c.getType().toString()).toList());
    }

    @Test
    void createTableWithTableLevelPrimaryKey() throws SqlParseException {
        final SqlCreateTable t = parse("CREATE TABLE IF NOT EXISTS totals (region VARCHAR NOT NULL,"
            + " d DATE NOT NULL, total BIGINT, PRIMARY KEY (region, d)) WITH ('retention' = '7d')",
            SqlCreateTable.class);
        assertTrue(t.isIfNotExists());
        assertEquals(ObjectKind.TABLE, t.getObjectKind());
        assertEquals(SqlKind.CREATE_TABLE, t.getKind());
        assertEquals(List.of("region", "d"), t.getPrimaryKeyColumns());
        assertEquals(3, t.getColumns().size());
        assertNull(t.getWatermark());
        assertEquals(Map.of("retention", "7d"), t.getOptionMap());
    }

    @Test
    void createTableWithColumnLevelPrimaryKeyAndWatermark() throws SqlParseException {
        final SqlCreateTable t = parse("CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR,"
            + " updated TIMESTAMP(3), WATERMARK FOR updated AS updated)", SqlCreateTable.class);
        assertEquals(List.of("id"), t.getPrimaryKeyColumns());
        assertEquals("updated", t.getWatermark().getColumn().getSimple());
    }

    @Test
    void createTableWithoutPrimaryKey() throws SqlParseException {
        final SqlCreateTable t = parse("CREATE TABLE t (a INT)", SqlCreateTable.class);
        assertNull(t.getPrimaryKey());
        assertEquals(List.of(), t.getPrimaryKeyColumns());
    }

    @Test
    void createMaterializedView() throws SqlParseException {
        final SqlCreateMaterializedView mv = parse("CREATE MATERIALIZED VIEW IF NOT EXISTS per_auction"
            + " WITH ('partitions' = '2') AS SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction",
            SqlCreateMaterializedView.class);
        assertEquals("per_auction", mv.getName().getSimple());
        assertTrue(mv.isIfNotExists());
        assertEquals(Map.of("partitions", "2"), mv.getOptionMap());
        final SqlSelect q = assertInstanceOf(SqlSelect.class, mv.getQuery());
        assertEquals(1, q.getGroup().size());
        assertEquals(SqlKind.CREATE_MATERIALIZED_VIEW, mv.getKind());
    }

    @Test
    void createPipelineHoldsCalcitesInsert() throws SqlParseException {
        final SqlCreatePipeline p = parse("CREATE PIPELINE big_bids WITH ('parallelism' = '2') AS"
            + " INSERT INTO big (auction, price) SELECT auction, price FROM bids WHERE price != 100",
            SqlCreatePipeline.class);
        assertEquals("big_bids", p.getName().getSimple());
        assertFalse(p.isIfNotExists());
        assertEquals(Map.of("parallelism", "2"), p.getOptionMap());
        final SqlInsert insert = p.getInsert();
        assertEquals("big", ((SqlIdentifier) insert.getTargetTable()).getSimple());
        assertEquals(2, insert.getTargetColumnList().size());
        final SqlSelect source = assertInstanceOf(SqlSelect.class, insert.getSource());
        assertEquals(SqlKind.NOT_EQUALS, source.getWhere().getKind(), "!= is accepted (LENIENT conformance)");
    }

    @Test
    void createPipelineIfNotExistsWithoutOptions() throws SqlParseException {
        final SqlCreatePipeline p = parse("CREATE PIPELINE IF NOT EXISTS p AS INSERT INTO sink SELECT * FROM src",
            SqlCreatePipeline.class);
        assertTrue(p.isIfNotExists());
        assertTrue(p.getOptions().isEmpty());
        assertNull(p.getInsert().getTargetColumnList());
    }

    @Test
    void dropEachKind() throws SqlParseException {
        final SqlDropObject stream = parse("DROP STREAM bids", SqlDropObject.class);
        assertEquals(ObjectKind.STREAM, stream.getObjectKind());
        assertFalse(stream.isIfExists());
        assertEquals("bids", stream.getName().getSimple());

        final SqlDropObject table = parse("DROP TABLE IF EXISTS s.totals", SqlDropObject.class);
        assertEquals(ObjectKind.TABLE, table.getObjectKind());
        assertTrue(table.isIfExists());
        assertEquals(List.of("s", "totals"), table.getName().names);
        assertEquals(SqlKind.DROP_TABLE, table.getKind());

        assertEquals(ObjectKind.PIPELINE, parse("DROP PIPELINE p", SqlDropObject.class).getObjectKind());
        assertEquals(ObjectKind.MATERIALIZED_VIEW,
            parse("DROP MATERIALIZED VIEW IF EXISTS mv", SqlDropObject.class).getObjectKind());
        assertEquals(ObjectKind.MATERIALIZED_VIEW, parse("DROP VIEW mv", SqlDropObject.class).getObjectKind(),
            "DROP VIEW is DROP MATERIALIZED VIEW");
    }

    @Test
    void showEachKind() throws SqlParseException {
        assertEquals(ObjectKind.STREAM, parse("SHOW STREAMS", SqlShowObjects.class).getObjectKind());
        assertEquals(ObjectKind.TABLE, parse("show tables", SqlShowObjects.class).getObjectKind());
        assertEquals(ObjectKind.PIPELINE, parse("SHOW PIPELINES", SqlShowObjects.class).getObjectKind());
        assertEquals(ObjectKind.MATERIALIZED_VIEW,
            parse("SHOW MATERIALIZED VIEWS", SqlShowObjects.class).getObjectKind());
    }

    @Test
    void describeWithKindIsOursWithoutKindIsCalcites() throws SqlParseException {
        final SqlDescribeObject stream = parse("DESCRIBE STREAM bids", SqlDescribeObject.class);
        assertEquals(ObjectKind.STREAM, stream.getObjectKind());
        assertEquals("bids", stream.getName().getSimple());
        assertEquals(ObjectKind.PIPELINE, parse("DESCRIBE PIPELINE p", SqlDescribeObject.class).getObjectKind());
        assertEquals(ObjectKind.TABLE, parse("DESCRIBE TABLE s.t", SqlDescribeObject.class).getObjectKind());
        assertEquals(ObjectKind.MATERIALIZED_VIEW,
            parse("DESCRIBE MATERIALIZED VIEW mv", SqlDescribeObject.class).getObjectKind());

        final SqlDescribeTable plain = parse("DESCRIBE bids", SqlDescribeTable.class);
        assertEquals("bids", plain.getTable().getSimple());
        // A relation called "pipeline" can still be described the Calcite way (quoted, as Calcite requires for
        // any keyword).
        assertEquals("pipeline", parse("DESCRIBE `pipeline`", SqlDescribeTable.class).getTable().getSimple());
    }

    @Test
    void explainOfQueryInsertAndCreatePipeline() throws SqlParseException {
        final SqlExplainStatement q = parse("EXPLAIN SELECT a FROM t", SqlExplainStatement.class);
        assertInstanceOf(SqlSelect.class, q.getStatement());

        final SqlExplainStatement i = parse("EXPLAIN INSERT INTO o SELECT a FROM t", SqlExplainStatement.class);
        assertInstanceOf(SqlInsert.class, i.getStatement());

        final SqlExplainStatement p = parse("EXPLAIN CREATE PIPELINE p AS INSERT INTO o SELECT a FROM t",
            SqlExplainStatement.class);
        assertEquals("p", assertInstanceOf(SqlCreatePipeline.class, p.getStatement()).getName().getSimple());

        final SqlExplainStatement mv = parse("EXPLAIN CREATE MATERIALIZED VIEW v AS SELECT a FROM t",
            SqlExplainStatement.class);
        assertInstanceOf(SqlCreateMaterializedView.class, mv.getStatement());
    }

    @Test
    void explainPlanForStaysCalcites() throws SqlParseException {
        final SqlExplain e = parse("EXPLAIN PLAN FOR SELECT a FROM t", SqlExplain.class);
        assertInstanceOf(SqlSelect.class, e.getExplicandum());
        final SqlExplain json = parse("EXPLAIN PLAN AS JSON FOR INSERT INTO o SELECT a FROM t", SqlExplain.class);
        assertInstanceOf(SqlInsert.class, json.getExplicandum());
    }

    @Test
    void setAndResetSessionOptions() throws SqlParseException {
        final SqlSetProperty set = parse("SET 'scan.startup.mode' = 'latest-offset'", SqlSetProperty.class);
        assertEquals("scan.startup.mode", set.getKey());
        assertEquals("latest-offset", set.getValue());

        assertEquals("scan.startup.mode",
            parse("RESET 'scan.startup.mode'", SqlResetProperty.class).getKey());
        assertNull(parse("RESET", SqlResetProperty.class).getKey());
        assertNull(parse("RESET;", SqlResetProperty.class).getKey());
    }

    @Test
    void calcitesSetAndResetStillParse() throws SqlParseException {
        final SqlSetOption set = parse("SET approx = TRUE", SqlSetOption.class);
        assertEquals("approx", set.getName().getSimple());
        assertEquals("SESSION", parse("ALTER SESSION SET x = 1", SqlSetOption.class).getScope());
        final SqlSetOption reset = parse("RESET approx", SqlSetOption.class);
        assertNull(reset.getValue());
        assertEquals("ALL", parse("RESET ALL", SqlSetOption.class).getName().getSimple());
    }

    @Test
    void queriesAndInsertStayCalcitesWithTableHints() throws SqlParseException {
        final SqlSelect q = parse("SELECT a FROM bids /*+ OPTIONS('scan.startup.mode'='earliest') */ WHERE a > 1",
            SqlSelect.class);
        final SqlTableRef ref = assertInstanceOf(SqlTableRef.class, q.getFrom());
        final SqlHint hint = (SqlHint) ((SqlNodeList) ref.getOperandList().get(1)).get(0);
        assertEquals("OPTIONS", hint.getName());
        assertEquals(Map.of("scan.startup.mode", "earliest"), hint.getOptionKVPairs());

        final SqlInsert insert = parse("INSERT INTO o /*+ OPTIONS('k'='v') */ SELECT * FROM i", SqlInsert.class);
        assertInstanceOf(SqlTableRef.class, insert.getTargetTable());
    }

    @Test
    void newKeywordsAreStillIdentifiers() throws SqlParseException {
        final SqlSelect q = parse("SELECT pipeline, streams, watermark, tables, views, materialized, pipelines, `if`"
            + " FROM t AS pipeline WHERE watermark > 0", SqlSelect.class);
        assertEquals(List.of("pipeline", "streams", "watermark", "tables", "views", "materialized", "pipelines",
                "if"),
            q.getSelectList().stream().map(n -> ((SqlIdentifier) n).getSimple()).toList());

        // ... and usable as column and object names in our own statements.
        final SqlCreateStream s = parse("CREATE STREAM pipeline (watermark TIMESTAMP(3), streams INT,"
            + " WATERMARK FOR watermark AS watermark)", SqlCreateStream.class);
        assertEquals("pipeline", s.getName().getSimple());
        assertEquals("watermark", s.getWatermark().getColumn().getSimple());
        assertEquals(List.of("watermark", "streams"),
            s.getColumns().stream().map(SqlColumnDeclaration::getSimpleName).toList());
        assertEquals("if", parse("DROP STREAM if", SqlDropObject.class).getName().getSimple());
        assertFalse(parse("CREATE STREAM if (a INT)", SqlCreateStream.class).isIfNotExists());
    }

    @Test
    void identifiersKeepTheirCase() throws SqlParseException {
        final SqlSelect q = parse("SELECT Auction, `Price` FROM Bids", SqlSelect.class);
        assertEquals("Auction", ((SqlIdentifier) q.getSelectList().get(0)).getSimple());
        assertEquals("Price", ((SqlIdentifier) q.getSelectList().get(1)).getSimple());
        assertEquals("Bids", ((SqlIdentifier) q.getFrom()).getSimple());
    }

    @Test
    void ddlNodesAreCalciteDdlOthersAreNot() throws SqlParseException {
        for (String ddl : List.of("CREATE STREAM s (a INT)", "CREATE TABLE t (a INT)", "DROP STREAM s",
                "DROP PIPELINE p", "CREATE PIPELINE p AS INSERT INTO t SELECT * FROM s",
                "CREATE MATERIALIZED VIEW v AS SELECT * FROM s")) {
            assertTrue(SluiceParser.parseStatement(ddl).isA(SqlKind.DDL), ddl);
        }
        for (String other : List.of("SHOW STREAMS", "DESCRIBE STREAM s", "EXPLAIN SELECT 1", "SET 'a' = 'b'",
                "RESET")) {
            assertFalse(SluiceParser.parseStatement(other).isA(SqlKind.DDL), other);
        }
    }

    @Test
    void nonAsciiOptionValuesArePreserved() throws SqlParseException {
        final SqlCreateStream s = parse("CREATE STREAM s (a INT) WITH ('greeting' = 'h\u00e9llo \u6771\u4eac')",
            SqlCreateStream.class);
        assertEquals("h\u00e9llo \u6771\u4eac", s.getOptionMap().get("greeting"));
    }

    @Test
    void windowTableFunctionQueryParses() throws SqlParseException {
        final SqlSelect q = parse("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids,"
            + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end", SqlSelect.class);
        assertInstanceOf(SqlBasicCall.class, q.getFrom());
        assertEquals(SqlKind.COLLECTION_TABLE, ((SqlCall) q.getFrom()).getKind());
    }
}
