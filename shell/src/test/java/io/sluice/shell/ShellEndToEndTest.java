package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell against the real engine: {@code io.sluice.shell.Main} in a child JVM (the test's class path
 * and the JVM options Surefire passes in {@code sluice.jvm.options}), as a user or a script runs it, and
 * the interactive shell in-process on a dumb terminal.
 */
@Timeout(180)
class ShellEndToEndTest {
    private static final String CREATE_AND_FILL =
            "CREATE STREAM s (id INT, name VARCHAR); INSERT INTO s VALUES (1,'a'),(2,'b'); ";

    @TempDir
    Path tmp;

    private Process sluice(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String options = System.getProperty("sluice.jvm.options", "");
        if (!options.isBlank()) {
            command.addAll(Arrays.asList(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void aCsvScriptPrintsItsRowsAndExits0() throws Exception {
        Process p = sluice("--data", tmp.resolve("data").toString(), "-e", CREATE_AND_FILL + "SELECT * FROM s LIMIT 2;", "--format", "csv");
        p.getOutputStream().close();
        String out = read(p.getInputStream());
        String err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "stderr: " + err);
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertTrue(lines.get(0).equalsIgnoreCase("id,name"), out);
        assertEquals(List.of("1,a", "2,b"), lines.subList(1, 3));
    }

    @Test
    void aFailingStatementPrintsItsPositionOnStderrAndExits1() throws Exception {
        Process p = sluice("--data", tmp.resolve("data").toString(), "-e",
                "CREATE STREAM s (id INT);\nSELECT * FROM nope;\nINSERT INTO s VALUES (1);");
        p.getOutputStream().close();
        String out = read(p.getInputStream());
        String err = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), "stdout: " + out + "\nstderr: " + err);
        assertTrue(err.startsWith("At line 1, column 15: "), err);
        assertTrue(!err.contains("\tat "), "no stack trace: " + err);
        assertTrue(!out.contains("inserted"), "the statement after the failure must not run: " + out);
    }

    @Test
    void rowsOfARunningPushQueryArePrintedAsTheyArrive() throws Exception {
        // No LIMIT: the query follows the stream forever, so the rows can only be seen if each is flushed.
        Process p = sluice("--data", tmp.resolve("data").toString(), "-e", CREATE_AND_FILL + "SELECT * FROM s;", "--format", "json");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            String second = out.readLine();
            assertTrue(first != null && first.toUpperCase().startsWith("{\"ID\":1,") && first.endsWith("\"a\"}"), first);
            assertTrue(second != null && second.toUpperCase().startsWith("{\"ID\":2,") && second.endsWith("\"b\"}"), second);
            assertTrue(p.isAlive(), "the push query keeps running");
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theInteractiveShellRunsAStatementTypedOverTwoLines() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sluice:" + tmp.resolve("data"))) {
            String screen = InteractiveShellTest.session(connection, tmp.resolve("history"), String.join("\n",
                    "CREATE STREAM s (id INT,",
                    "  name VARCHAR);",
                    "INSERT INTO s VALUES (1, 'alpha');",
                    "SELECT * FROM s LIMIT 1;",
                    "quit",
                    ""));
            assertTrue(screen.contains("1 row inserted."), screen);
            assertTrue(screen.toUpperCase().contains("| ID          | NAME"), screen);
            assertTrue(screen.contains("|           1 | alpha"), screen);
            assertTrue(screen.contains("1 row\n"), screen);
        }
    }
}
