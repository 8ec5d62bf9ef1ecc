package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Types;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a dumb JLine terminal over piped streams, with a stand-in connection. */
@Timeout(60)
class InteractiveShellTest {
    @TempDir
    Path tmp;

    /** Types {@code typed} (lines ending in Enter) into the shell on a dumb terminal and returns the screen. */
    static String session(Connection connection, Path history, String typed) throws Exception {
        return session(connection, history, typed, Terminal.TYPE_DUMB);
    }

    /**
     * As {@link #session(Connection, Path, String)} on a terminal of the given type: JLine gives a
     * terminal of type {@code dumb} a minimal key map without completion; {@code ansi} has it all.
     */
    static String session(Connection connection, Path history, String typed, String type) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        InputStream keyboard = new ByteArrayInputStream(typed.replace("\n", "\r").getBytes(StandardCharsets.UTF_8));
        try (Terminal terminal = new DumbTerminal("test", type, keyboard, screen, StandardCharsets.UTF_8)) {
            assertEquals(0, new InteractiveShell(terminal, connection, history).run("welcome"));
        }
        return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void aStatementOverTwoLinesRunsOnceItEndsAndPrintsATable() throws Exception {
        Connection connection = FakeJdbc.connection(sql -> sql.startsWith("SELECT")
                ? FakeJdbc.Answer.rows(List.of("ID", "NAME"), List.of(Types.INTEGER, Types.VARCHAR), new Object[] {1, "alpha"})
                : FakeJdbc.Answer.error("At line 1, column 1: Non-query expression encountered", "42601"));
        FakeJdbc.executed.clear();
        Path history = tmp.resolve("history");
        String screen = session(connection, history, "SELECT id, name\nFROM s;\nBOGUS;\nquit\n");

        assertEquals(List.of("SELECT id, name\nFROM s", "BOGUS"), FakeJdbc.executed);
        assertTrue(screen.startsWith("welcome\n"), screen);
        assertTrue(screen.contains(InteractiveShell.PROMPT), screen);
        assertTrue(screen.contains("| ID          | NAME                 |"), screen);
        assertTrue(screen.contains("|           1 | alpha                |"), screen);
        assertTrue(screen.contains("1 row\n"), screen);
        assertTrue(screen.contains("At line 1, column 1: Non-query expression encountered\n"), screen);
        assertTrue(!screen.contains("Exception"), "no stack traces for the user:\n" + screen);
        String saved = Files.readString(history);
        assertTrue(saved.contains("BOGUS;"), saved);
    }

    @Test
    void endOfInputLeavesTheShell() throws Exception {
        Connection connection = FakeJdbc.connection(sql -> FakeJdbc.Answer.update(0, "Stream S created."));
        String screen = session(connection, tmp.resolve("h"), "CREATE STREAM s (id INT);\n");
        assertTrue(screen.contains("Stream S created.\n"), screen);
    }

    @Test
    void shellCommandsAreCarriedOutByTheShellAndNeverSentToTheServer() throws Exception {
        Connection connection = FakeJdbc.connection(sql -> FakeJdbc.Answer.rows(List.of("ID", "NOTE"),
                List.of(Types.INTEGER, Types.VARCHAR), new Object[] {1, "hello"}));
        FakeJdbc.executed.clear();
        String screen = session(connection, tmp.resolve("h"), String.join("\n",
                "help", "help create pipeline", "\\timing", "SELECT * FROM s;", "\\timing off", "\\x", "SELECT * FROM s;",
                "\\x auto", "\\bogus", "quit", ""));
        assertEquals(List.of("SELECT * FROM s", "SELECT * FROM s"), FakeJdbc.executed);
        // help: every statement with an example, and the shell's commands
        for (Help.Topic t : Help.TOPICS) {
            assertTrue(screen.contains("  " + t.name() + "\n"), t.name() + " missing from help:\n" + screen);
        }
        assertTrue(screen.contains("\\timing [on|off]"), screen);
        assertTrue(screen.contains("Ctrl-R searches the history"), screen);
        // help <statement>: its syntax and example
        assertTrue(screen.contains("CREATE PIPELINE [IF NOT EXISTS] name [WITH ('late.stream' = 'stream')]\n"
                + "  AS INSERT INTO target SELECT"), screen);
        // \timing: a time after the statement while on, none after it is off
        assertTrue(screen.contains("Timing is on.\n"), screen);
        assertTrue(screen.matches("(?s).*1 row\nTime: \\d+\\.\\d{3} ms\n.*"), screen);
        assertEquals(1, screen.split("Time: ", -1).length - 1, "timing is off for the second query:\n" + screen);
        // \x: the second query as a block per row
        assertTrue(screen.contains("Expanded display is on.\n"), screen);
        assertTrue(screen.contains("-[ RECORD 1 ]"), screen);
        assertTrue(screen.contains("\nNOTE | hello\n"), screen);
        assertTrue(screen.contains("Expanded display is auto.\n"), screen);
        assertTrue(screen.contains("Unknown command \\bogus."), screen);
    }

    @Test
    void anErrorShowsTheStatementLineWithACaretUnderTheColumn() throws Exception {
        Connection connection = FakeJdbc.connection(sql -> FakeJdbc.Answer.error(
                "At line 2, column 8: Column 'nope' not found", "42703"));
        String screen = session(connection, tmp.resolve("h"), "SELECT id,\n       nope FROM s;\nquit\n");
        assertTrue(screen.contains("At line 2, column 8: Column 'nope' not found\n"
                + "         nope FROM s\n"
                + "         ^\n"), screen);
    }
}
