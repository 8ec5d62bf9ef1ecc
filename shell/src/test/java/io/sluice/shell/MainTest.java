package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and script mode, without an engine. */
class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true), false);
    }

    @Test
    void optionsParse() {
        ShellOptions o = ShellOptions.parse("--data", "/d", "-e", "SELECT 1;", "-f", "x.sql", "--format=csv");
        assertEquals(Path.of("/d"), o.dataDir());
        assertEquals(List.of(ShellOptions.Script.inline("SELECT 1;"), ShellOptions.Script.file(Path.of("x.sql"))), o.scripts());
        assertEquals(OutputFormat.CSV, o.format());
        ShellOptions defaults = ShellOptions.parse();
        assertEquals(Path.of("sluice-data"), defaults.dataDir());
        assertEquals(OutputFormat.TABLE, defaults.format());
        assertTrue(defaults.scripts().isEmpty());
        assertThrows(ShellOptions.UsageException.class, () -> ShellOptions.parse("-e"));
        assertThrows(ShellOptions.UsageException.class, () -> ShellOptions.parse("--format", "xml"));
    }

    @Test
    void unknownOptionsPrintUsageOnStderrAndExit2() {
        assertEquals(2, main("--frobnicate"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("Unknown option: --frobnicate"), error);
        assertTrue(error.contains("Usage: sluice"), error);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(2, main("--format", "yaml"));
        assertEquals(2, main("stray"));
    }

    @Test
    void helpAndVersionExit0() {
        assertEquals(0, main("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: sluice"));
        out.reset();
        assertEquals(0, main("--version"));
        String version = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(version.matches("sluice \\d+\\.\\d+\\.\\d+.*"), version);
    }

    @Test
    void aDataDirectoryThatCannotBeOpenedExits1() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertEquals(1, main("--data", file.toString(), "-e", "SELECT 1;"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not-a-dir"), err.toString(StandardCharsets.UTF_8));
    }

    // ---- script mode over a stand-in connection ----

    private final Connection connection = FakeJdbc.connection(sql -> {
        if (sql.startsWith("CREATE")) {
            return FakeJdbc.Answer.update(0, "Stream S created.");
        }
        if (sql.startsWith("INSERT")) {
            return FakeJdbc.Answer.update(2, null);
        }
        if (sql.startsWith("SELECT")) {
            return FakeJdbc.Answer.rows(List.of("ID"), List.of(Types.INTEGER), new Object[] {1}, new Object[] {2});
        }
        return FakeJdbc.Answer.error("At line 1, column 6: Stream 'NOPE' not found", "42704");
    });

    @Test
    void aScriptStopsAtTheFirstFailingStatementWithExit1() {
        StringWriter rows = new StringWriter();
        StringWriter errors = new StringWriter();
        StringWriter messages = new StringWriter();
        StatementRunner runner = new StatementRunner(connection, OutputFormat.CSV, new PrintWriter(rows), new PrintWriter(messages));
        FakeJdbc.executed.clear();
        int code = new ScriptRunner(runner, new PrintWriter(errors)).runText(
                "CREATE STREAM s (id INT); INSERT INTO s VALUES (1), (2); DROP nope; SELECT * FROM s;");
        assertEquals(1, code);
        assertEquals("At line 1, column 6: Stream 'NOPE' not found\n  DROP nope\n       ^\n", errors.toString().replace("\r", ""));
        assertEquals(List.of("CREATE STREAM s (id INT)", "INSERT INTO s VALUES (1), (2)", "DROP nope"), FakeJdbc.executed);
        assertEquals("Stream S created.\n2 rows inserted.\n", messages.toString().replace("\r", ""));
        assertEquals("", rows.toString());
    }

    @Test
    void statementsFromAReaderRunAsEachEnds() throws Exception {
        StringWriter rows = new StringWriter();
        StatementRunner runner = new StatementRunner(connection, OutputFormat.CSV, new PrintWriter(rows), new PrintWriter(new StringWriter()));
        FakeJdbc.executed.clear();
        int code = new ScriptRunner(runner, new PrintWriter(new StringWriter())).runReader(
                new StringReader("SELECT id\n  FROM s; SELECT 'a;\nb'\n;\n-- done\n"));
        assertEquals(0, code);
        assertEquals(List.of("SELECT id\n  FROM s", "SELECT 'a;\nb'"), FakeJdbc.executed);
        assertEquals("ID\n1\n2\nID\n1\n2\n", rows.toString());
    }
}
