package io.sluice.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.sluice.sql.parser.ddl.ObjectKind;
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

/** Unparsing gives SQL that parses back into an equal tree; a script parses in one pass, in order. */
class SluiceParserRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE STREAM bids (auction BIGINT NOT NULL, price DECIMAL(10, 2), ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '4' SECOND) WITH ('partitions' = '4', 'key' = 'auction')",
        "CREATE STREAM IF NOT EXISTS s.Clicks (`User Id` VARCHAR(64), url STRING, `select` INT)",
        "CREATE STREAM t (a BOOLEAN, b INT, c DOUBLE, d VARCHAR, e TIMESTAMP, f BIGINT NOT NULL)",
        "CREATE STREAM pipeline (watermark TIMESTAMP(3), WATERMARK FOR watermark AS watermark)",
        "CREATE TABLE totals (region VARCHAR NOT NULL, d DATE NOT NULL, total BIGINT,"
            + " PRIMARY KEY (region, d)) WITH ('retention' = '7d')",
        "CREATE TABLE IF NOT EXISTS users (id BIGINT NOT NULL PRIMARY KEY, updated TIMESTAMP(3),"
            + " WATERMARK FOR updated AS updated - INTERVAL '1' MINUTE)",
        "CREATE MATERIALIZED VIEW IF NOT EXISTS per_auction WITH ('partitions' = '2') AS"
            + " SELECT auction, COUNT(*) AS n FROM bids WHERE price != 3 GROUP BY auction",
        "CREATE MATERIALIZED VIEW w AS SELECT window_start, SUM(price) FROM TABLE(TUMBLE(TABLE bids,"
            + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
        "CREATE PIPELINE big WITH ('parallelism' = '2') AS INSERT INTO sink (a, b)"
            + " SELECT a, b FROM src /*+ OPTIONS('scan.startup.mode'='earliest') */ WHERE a > 10",
        "CREATE PIPELINE IF NOT EXISTS p AS INSERT INTO sink SELECT * FROM src UNION ALL SELECT * FROM src2",
        "DROP STREAM bids",
        "DROP TABLE IF EXISTS s.totals",
        "DROP PIPELINE p",
        "DROP MATERIALIZED VIEW IF EXISTS mv",
        "SHOW STREAMS",
        "SHOW TABLES",
        "SHOW PIPELINES",
        "SHOW MATERIALIZED VIEWS",
        "DESCRIBE STREAM bids",
        "DESCRIBE TABLE s.t",
        "DESCRIBE PIPELINE p",
        "DESCRIBE MATERIALIZED VIEW mv",
        "EXPLAIN SELECT a FROM t WHERE b = 'x'",
        "EXPLAIN INSERT INTO o SELECT a FROM t",
        "EXPLAIN CREATE PIPELINE p AS INSERT INTO o SELECT a FROM t",
        "EXPLAIN CREATE MATERIALIZED VIEW v AS SELECT a FROM t",
        "SET 'scan.startup.mode' = 'latest-offset'",
        "SET 'quote''s' = 'it''s'",
        "SET 'greeting' = 'héllo 東京'",
        "CREATE STREAM s (a INT) WITH ('path' = '/tmp/über', 'sep' = ';')",
        "CREATE PIPELINE u AS UPSERT INTO t SELECT k, COUNT(*) FROM s GROUP BY k",
        "RESET 'scan.startup.mode'",
        "RESET",
        "SELECT pipeline, streams, watermark FROM t",
        "INSERT INTO o SELECT a, b FROM i /*+ OPTIONS('k'='v') */",
        "EXPLAIN PLAN FOR SELECT a FROM t",
        "ALTER SESSION SET x = 1",
    })
    void unparseThenParseGivesAnEqualTree(String sql) throws SqlParseException {
        final SqlNode first = SluiceParser.parseStatement(sql);
        final String unparsed = SluiceParser.toSql(first);
        final SqlNode second = SluiceParser.parseStatement(unparsed);

        assertEquals(first.getClass(), second.getClass(), unparsed);
        assertTrue(first.equalsDeep(second, Litmus.THROW), unparsed);
        assertEquals(unparsed, SluiceParser.toSql(second), "unparse is stable");
    }

    @Test
    void unparseChangesWhatItShould() throws SqlParseException {
        // Mixed-case and keyword names are quoted, so they keep their case and meaning.
        assertEquals("CREATE STREAM `s`.`Clicks` (`User Id` VARCHAR(64), `select` INTEGER NOT NULL,"
                + " `t` TIMESTAMP(3), WATERMARK FOR `t` AS `t`) WITH ('k' = 'v')",
            SluiceParser.toSql(SluiceParser.parseStatement("create stream s.Clicks (`User Id` varchar(64),"
                + " `select` int not null, t timestamp(3), watermark for t as t) with ('k' = 'v')")));
        // A column-level key comes back as the table-level form.
        assertEquals("CREATE TABLE `u` (`id` BIGINT NOT NULL, PRIMARY KEY (`id`))",
            SluiceParser.toSql(SluiceParser.parseStatement("CREATE TABLE u (id BIGINT NOT NULL PRIMARY KEY)")));
        // DROP VIEW is spelled out.
        assertEquals("DROP MATERIALIZED VIEW `v`", SluiceParser.toSql(SluiceParser.parseStatement("DROP VIEW v")));
        assertEquals("SET 'quote''s' = 'it''s'",
            SluiceParser.toSql(SluiceParser.parseStatement("SET 'quote''s' = 'it''s'")));
    }

    @Test
    void cloneKeepsTheNodeClassAndContent() throws SqlParseException {
        for (String sql : List.of(
                "CREATE STREAM s (a INT NOT NULL, t TIMESTAMP(3), WATERMARK FOR t AS t) WITH ('k' = 'v')",
                "CREATE TABLE t (a INT PRIMARY KEY) WITH ('k' = 'v')",
                "CREATE MATERIALIZED VIEW IF NOT EXISTS v AS SELECT 1",
                "CREATE PIPELINE p AS INSERT INTO o SELECT a FROM t",
                "DROP VIEW IF EXISTS v", "SHOW PIPELINES", "DESCRIBE STREAM s", "EXPLAIN SELECT 1",
                "SET 'a' = 'b'", "RESET 'a'", "RESET")) {
            final SqlNode node = SluiceParser.parseStatement(sql);
            final SqlNode copy = node.clone(SqlParserPos.ZERO);
            assertEquals(node.getClass(), copy.getClass(), sql);
            assertTrue(node.equalsDeep(copy, Litmus.THROW), sql);
        }
    }

    @Test
    void aShuttleThatRewritesTheQueryKeepsThePipeline() throws SqlParseException {
        final SqlNode pipeline = SluiceParser.parseStatement(
            "CREATE PIPELINE p WITH ('k' = 'v') AS INSERT INTO o SELECT a FROM t");
        final SqlNode rewritten = pipeline.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.isSimple() && id.getSimple().equals("t") ? new SqlIdentifier("u", id.getParserPosition()) : id;
            }
        });
        final SqlCreatePipeline copy = assertInstanceOf(SqlCreatePipeline.class, rewritten);
        assertEquals("p", copy.getName().getSimple());
        assertEquals(Map.of("k", "v"), copy.getOptionMap());
        assertEquals("u", ((SqlIdentifier) ((SqlSelect) copy.getInsert().getSource()).getFrom()).getSimple());
    }

    @Test
    void calcitesDescribeTableReadsBackAsDescribeObjectOfATable() throws SqlParseException {
        // Calcite writes SqlDescribeTable as DESCRIBE TABLE name, which is our statement: same name, kind TABLE.
        final SqlDescribeTable plain =
            assertInstanceOf(SqlDescribeTable.class, SluiceParser.parseStatement("DESCRIBE s.t"));
        final SqlDescribeObject back = assertInstanceOf(SqlDescribeObject.class,
            SluiceParser.parseStatement(SluiceParser.toSql(plain)));
        assertEquals(ObjectKind.TABLE, back.getObjectKind());
        assertTrue(plain.getTable().equalsDeep(back.getName(), Litmus.THROW));
    }

    @Test
    void continuedStringLiteralsAreJoined() throws SqlParseException {
        final SqlSetProperty set = assertInstanceOf(SqlSetProperty.class,
            SluiceParser.parseStatement("SET 'a.' 'b' = 'x'\n'y'"));
        assertEquals("a.b", set.getKey());
        assertEquals("xy", set.getValue());
    }

    @Test
    void scriptParsesInOrderIntoTheRightNodes() throws SqlParseException {
        final List<SqlNode> script = SluiceParser.parseScript(String.join("\n",
            "-- a whole session",
            "SET 'scan.startup.mode' = 'earliest-offset';",
            "CREATE STREAM bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),",
            "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('partitions' = '4');",
            "CREATE TABLE totals (auction BIGINT NOT NULL PRIMARY KEY, n BIGINT);",
            "CREATE MATERIALIZED VIEW mv AS SELECT auction, COUNT(*) FROM bids GROUP BY auction;",
            "CREATE PIPELINE p AS INSERT INTO totals SELECT auction, COUNT(*) FROM bids GROUP BY auction;",
            "/* queries */ SELECT * FROM bids WHERE price != 0;",
            "INSERT INTO totals VALUES (1, 2);",
            "SHOW STREAMS; SHOW PIPELINES;",
            "DESCRIBE STREAM bids; DESCRIBE bids;",
            "EXPLAIN SELECT * FROM bids;",
            "EXPLAIN PLAN FOR SELECT * FROM bids;",
            "DROP PIPELINE p;",
            "RESET 'scan.startup.mode';",
            "RESET;"));
        assertEquals(List.of(SqlSetProperty.class, SqlCreateStream.class, SqlCreateTable.class,
                SqlCreateMaterializedView.class, SqlCreatePipeline.class, SqlSelect.class, SqlInsert.class,
                SqlShowObjects.class, SqlShowObjects.class, SqlDescribeObject.class, SqlDescribeTable.class,
                SqlExplainStatement.class, SqlExplain.class, SqlDropObject.class, SqlResetProperty.class,
                SqlResetProperty.class),
            script.stream().map(Object::getClass).toList());
        // Positions are relative to the script, so the executor can point at the failing statement.
        assertEquals(3, script.get(1).getParserPosition().getLineNum());
    }

    @Test
    void scriptWithoutTrailingSemicolonAndEmptyScript() throws SqlParseException {
        assertEquals(2, SluiceParser.parseScript("SHOW STREAMS; SHOW TABLES").size());
        assertEquals(List.of(), SluiceParser.parseScript(""));
        assertEquals(List.of(), SluiceParser.parseScript("  -- nothing here\n"));
    }
}
