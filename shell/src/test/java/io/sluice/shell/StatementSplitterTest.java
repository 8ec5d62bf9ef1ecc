package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolonsAndTrims() {
        assertEquals(List.of("CREATE STREAM s (id INT)", "INSERT INTO s VALUES (1)", "SELECT * FROM s"),
                StatementSplitter.split("CREATE STREAM s (id INT);\n  INSERT INTO s VALUES (1) ;SELECT * FROM s;\n"));
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        assertEquals(List.of("INSERT INTO s VALUES ('a;b', 'it''s; fine')", "SELECT `odd;name` FROM s"),
                StatementSplitter.split("INSERT INTO s VALUES ('a;b', 'it''s; fine'); SELECT `odd;name` FROM s;"));
        assertEquals(List.of("SELECT 1 -- not here;\nFROM s", "SELECT /* nor; here */ 2"),
                StatementSplitter.split("SELECT 1 -- not here;\nFROM s; SELECT /* nor; here */ 2;"));
        assertEquals(List.of("SELECT \"a;b\" FROM t", "SELECT `x``;y` FROM t"),
                StatementSplitter.split("SELECT \"a;b\" FROM t; SELECT `x``;y` FROM t"));
    }

    @Test
    void emptyAndCommentOnlyPiecesAreDropped() {
        assertEquals(List.of("SELECT 1"), StatementSplitter.split(";; -- a comment\n SELECT 1; /* trailing */ ;\n-- end"));
        assertEquals(List.of(), StatementSplitter.split("  \n -- nothing\n"));
    }

    @Test
    void aLastStatementWithoutSemicolonIsKept() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), StatementSplitter.split("SELECT 1; SELECT 2"));
    }

    @Test
    void completenessFollowsTheLastSemicolonOutsideQuotesAndComments() {
        assertTrue(StatementSplitter.isComplete("SELECT 1;"));
        assertTrue(StatementSplitter.isComplete("SELECT 1;  -- done"));
        assertTrue(StatementSplitter.isComplete(""));
        assertTrue(StatementSplitter.isComplete("SELECT ';'\n;"));
        assertFalse(StatementSplitter.isComplete("SELECT 1"));
        assertFalse(StatementSplitter.isComplete("SELECT 'a;"));
        assertFalse(StatementSplitter.isComplete("SELECT 1 /* ; */"));
        assertFalse(StatementSplitter.isComplete("SELECT 1; /* open comment"));
        assertFalse(StatementSplitter.isComplete("SELECT 1 -- ;"));
        assertFalse(StatementSplitter.isComplete("SELECT `a;"));
    }

    @Test
    void theLineParserAsksForMoreUntilTheStatementEnds() {
        StatementLineParser parser = new StatementLineParser();
        assertThrows(EOFError.class, () -> parser.parse("SELECT *\nFROM s", 15, ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> parser.parse("SELECT 'it''s", 13, ParseContext.ACCEPT_LINE));
        assertEquals("s;", parser.parse("SELECT *\nFROM s;", 16, ParseContext.ACCEPT_LINE).words().get(3));
        parser.parse("quit", 4, ParseContext.ACCEPT_LINE);
        parser.parse("-- it's a comment;", 18, ParseContext.ACCEPT_LINE);
        // Completion works on unfinished statements.
        parser.parse("SELECT * FR", 11, ParseContext.COMPLETE);
    }

    @Test
    void statementKindIsReadPastComments() {
        assertTrue(StatementRunner.startsWithWord("  insert into s values (1)", "INSERT"));
        assertTrue(StatementRunner.startsWithWord("-- add\n/* one */ INSERT INTO s VALUES (1)", "INSERT"));
        assertFalse(StatementRunner.startsWithWord("INSERTS", "INSERT"));
        assertFalse(StatementRunner.startsWithWord("SELECT 1", "INSERT"));
    }
}
