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
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        InputStream keyboard = new ByteArrayInputStream(typed.replace("\n", "\r").getBytes(StandardCharsets.UTF_8));
        try (Terminal terminal = new DumbTerminal("test", "dumb", keyboard, screen, StandardCharsets.UTF_8)) {
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
}
