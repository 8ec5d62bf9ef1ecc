package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
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
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
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

    @Test
    void everyExampleInHelpRunsOnTheEngine() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sluice:" + tmp.resolve("data"));
             java.sql.Statement st = connection.createStatement()) {
            for (Help.Topic topic : Help.TOPICS) {
                String example = topic.example().strip();
                example = example.substring(0, example.length() - 1); // the ';'
                switch (topic.name()) {
                    // queries follow their streams: planning them proves them
                    case "SELECT", "WINDOWS" -> example = "EXPLAIN " + example;
                    case "CREATE PIPELINE" -> st.execute("CREATE STREAM pricing_views (user_id BIGINT, ts TIMESTAMP(3))");
                    default -> {
                    }
                }
                try {
                    if (st.execute(example)) {
                        st.getResultSet().close();
                    }
                } catch (java.sql.SQLException e) {
                    throw new AssertionError("help's example for " + topic.name() + " fails: " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void tabCompletesAStreamNameAndAColumnNameFromTheCatalog() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sluice:" + tmp.resolve("data"))) {
            // Tab is read after the statements before it ran: the names come from the catalog as it is then.
            String screen = InteractiveShellTest.session(connection, tmp.resolve("history"), String.join("\n",
                    "CREATE STREAM orders (id INT, amount DOUBLE);",
                    "INSERT INTO orders VALUES (7, 2.5);",
                    "SELECT am\t FROM ord\t LIMIT 1;",
                    "quit",
                    ""), "ansi");
            assertTrue(screen.contains("| amount "), screen);
            assertTrue(screen.contains("|                    2.5 |"), screen);
            assertTrue(screen.contains("1 row\n"), screen);
        }
    }

    /** The interactive shell on a dumb terminal fed through a pipe, so the test can type while it runs. */
    private static final class LiveSession implements AutoCloseable {
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final PipedOutputStream keys = new PipedOutputStream();
        final Terminal terminal;
        final Thread shell;
        final int[] exit = {-1};

        LiveSession(Connection connection, Path history) throws IOException {
            terminal = new DumbTerminal("test", "dumb", new PipedInputStream(keys, 1 << 16), screen, StandardCharsets.UTF_8);
            shell = new Thread(() -> exit[0] = new InteractiveShell(terminal, connection, history).run("welcome"), "test-shell");
            shell.start();
        }

        void type(String text) throws IOException {
            keys.write(text.replace("\n", "\r").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        String text() {
            return screen.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the screen holds {@code expected} after {@code from} characters; returns where it starts. */
        int await(String expected, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int at;
            while ((at = text().indexOf(expected, from)) < 0) {
                assertTrue(System.nanoTime() < deadline, "never shown: " + expected + "\nscreen:\n" + text());
                Thread.sleep(20);
            }
            return at;
        }

        @Override
        public void close() throws Exception {
            type("quit\n");
            shell.join(TimeUnit.SECONDS.toMillis(30));
            terminal.close();
        }
    }

    @Test
    void aPushQueryShowsALiveStatusLineAndCtrlCReturnsToThePrompt() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sluice:" + tmp.resolve("data"));
             LiveSession session = new LiveSession(connection, tmp.resolve("history"))) {
            session.type(CREATE_AND_FILL + "\n");
            int at = session.await("2 rows inserted.", 0);
            session.type("SELECT * FROM s;\n"); // no LIMIT: it follows the stream until Ctrl-C
            at = session.await("|           2 | b", at);
            at = session.await("2 rows | 0 rows/s | ", at); // the rate over the last second falls to 0 while no rows come
            int status = session.await("running | Ctrl-C stops", at);
            assertTrue(session.shell.isAlive(), "the query is still running");
            // a row that arrives later is printed above the status line, and the count moves on
            try (java.sql.Statement insert = connection.createStatement()) {
                insert.execute("INSERT INTO s VALUES (3, 'c')");
            }
            at = session.await("|           3 | c", status);
            session.await("3 rows | ", at);

            session.terminal.raise(Terminal.Signal.INT); // what the terminal does on Ctrl-C
            at = session.await("Query cancelled.\n", at);
            session.await(InteractiveShell.PROMPT, at);
            String afterCancel = session.text().substring(at);
            assertTrue(!afterCancel.contains("Ctrl-C stops"), "the status line is gone after the query: " + afterCancel);

            session.type("SELECT 1 + 1 AS two FROM s LIMIT 1;\n");
            session.await("1 row\n", at);
        }
    }
}
