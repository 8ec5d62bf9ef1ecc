package io.sluice.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;

import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.junit.jupiter.api.Test;

/** Syntax errors come back as Calcite's SqlParseException with the right position and the expected tokens. */
class SluiceParserErrorTest {

    private static SqlParseException fails(String sql) {
        return assertThrows(SqlParseException.class, () -> SluiceParser.parseScript(sql), sql);
    }

    private static void assertAt(SqlParseException e, int line, int column) {
        final SqlParserPos pos = e.getPos();
        assertEquals(line + ":" + column, pos.getLineNum() + ":" + pos.getColumnNum(), e.getMessage());
    }

    private static void assertExpects(SqlParseException e, String... tokens) {
        final Collection<String> expected = e.getExpectedTokenNames();
        for (String token : tokens) {
            assertTrue(expected.contains(token), token + " not in " + expected);
        }
    }

    @Test
    void unfinishedColumnList() {
        final SqlParseException e = fails("CREATE STREAM s (a INT");
        assertAt(e, 1, 22);
        assertTrue(e.getMessage().contains("Encountered \"<EOF>\""), e.getMessage());
        assertExpects(e, "\")\"", "\",\"", "\"NOT\"");
    }

    @Test
    void misspelledObjectKind() {
        final SqlParseException e = fails("CREATE STREM s (a INT)");
        assertAt(e, 1, 8);
        assertTrue(e.getMessage().contains("Encountered \"STREM\""), e.getMessage());
        assertExpects(e, "\"STREAM\"", "\"TABLE\"", "\"PIPELINE\"", "\"MATERIALIZED\"");
    }

    @Test
    void errorPositionIsWithinTheWholeScript() {
        final SqlParseException e = fails("SHOW STREAMS;\nSHOW TABLES;\nDROP STREAM IF EXISTS;");
        assertAt(e, 3, 22);
    }

    @Test
    void pipelineBodyMustBeAnInsert() {
        final SqlParseException e = fails("CREATE PIPELINE p AS SELECT * FROM t");
        assertAt(e, 1, 22);
        assertExpects(e, "\"INSERT\"", "\"UPSERT\"");
    }

    @Test
    void streamHasNoPrimaryKey() {
        assertAt(fails("CREATE STREAM s (a INT PRIMARY KEY)"), 1, 24);
        assertAt(fails("CREATE STREAM s (a INT, PRIMARY KEY (a))"), 1, 25);
    }

    @Test
    void atMostOneWatermarkAndOneKey() {
        final SqlParseException wm = fails("CREATE STREAM s (t TIMESTAMP(3),\n"
            + " WATERMARK FOR t AS t, WATERMARK FOR t AS t)");
        assertAt(wm, 2, 24);
        assertTrue(wm.getMessage().startsWith("Only one WATERMARK may be declared"), wm.getMessage());

        final SqlParseException pk = fails("CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))");
        assertAt(pk, 1, 43);
        assertTrue(pk.getMessage().startsWith("Only one PRIMARY KEY may be declared"), pk.getMessage());
    }

    @Test
    void columnsAreRequired() {
        final SqlParseException e = fails("CREATE STREAM s (WATERMARK FOR t AS t)");
        assertTrue(e.getMessage().startsWith("At least one column must be declared"), e.getMessage());
        assertAt(fails("CREATE STREAM s ()"), 1, 18);
    }

    @Test
    void optionsAreUniqueStringPairs() {
        final SqlParseException dup = fails("CREATE STREAM s (a INT) WITH ('k' = '1', 'k' = '2')");
        assertAt(dup, 1, 42);
        assertTrue(dup.getMessage().startsWith("Duplicate option 'k'"), dup.getMessage());

        final SqlParseException number = fails("CREATE STREAM s (a INT) WITH ('partitions' = 4)");
        assertAt(number, 1, 46);
        assertExpects(number, "<QUOTED_STRING>");

        final SqlParseException bare = fails("CREATE STREAM s (a INT) WITH (partitions = '4')");
        assertAt(bare, 1, 31);

        final SqlParseException binary = fails("CREATE STREAM s (a INT) WITH ('k' = X'00')");
        assertAt(binary, 1, 37);
        assertTrue(binary.getMessage().startsWith("Expected a character string literal"), binary.getMessage());
    }

    @Test
    void orReplaceIsRejected() {
        final SqlParseException e = fails("CREATE OR REPLACE STREAM s (a INT)");
        assertAt(e, 1, 1);
        assertTrue(e.getMessage().startsWith("CREATE OR REPLACE STREAM is not supported"), e.getMessage());
    }

    @Test
    void explainOnlyTakesPipelinesAndViewsAfterCreate() {
        final SqlParseException e = fails("EXPLAIN CREATE STREAM s (a INT)");
        assertAt(e, 1, 16);
        assertExpects(e, "\"PIPELINE\"", "\"MATERIALIZED\"");
    }

    @Test
    void setNeedsAStringValue() {
        final SqlParseException e = fails("SET 'k' = v");
        assertAt(e, 1, 11);
    }

    @Test
    void identifiersUpTo256Characters() throws SqlParseException {
        final String ok = "c".repeat(256);
        assertEquals(1, SluiceParser.parseScript("SELECT " + ok + " FROM t").size());
        final SqlParseException e = fails("SELECT " + "c".repeat(257) + " FROM t");
        assertAt(e, 1, 8);
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    @Test
    void parseStatementWantsExactlyOne() {
        final SqlParseException two =
            assertThrows(SqlParseException.class, () -> SluiceParser.parseStatement("SHOW STREAMS;\n SHOW TABLES"));
        assertAt(two, 2, 2);
        assertThrows(SqlParseException.class, () -> SluiceParser.parseStatement(" ; "));
        assertThrows(SqlParseException.class, () -> SluiceParser.parseStatement(""));
    }
}
