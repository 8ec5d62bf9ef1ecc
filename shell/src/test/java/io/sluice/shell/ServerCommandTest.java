package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice server} and {@code sluice --url}: the shell talks to a server over loopback. */
@Timeout(90)
class ServerCommandTest {
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run sluice(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theShellRunsStatementsOnAServerThatRequiresALogin() throws Exception {
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> server = thread.submit(() -> Main.run(new String[] {"server", "--data", dir.toString(), "--port", "0",
                "--user", "alice", "--password", "s3cret"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(serverOut, true, StandardCharsets.UTF_8), System.err, false));
        try {
            String url = "jdbc:sluice:remote:http://localhost:" + awaitPort(serverOut, server);
            Run ok = sluice("--url", url, "--user", "alice", "--password", "s3cret", "--format", "csv", "-e",
                    "CREATE STREAM s (id INT, name VARCHAR); INSERT INTO s VALUES (1, 'one'), (2, 'two'); SELECT * FROM s LIMIT 2;");
            assertEquals(0, ok.exit(), ok.err());
            assertTrue(ok.out().contains("1,one\n2,two\n"), ok.out());

            Run refused = sluice("--url", url, "--user", "alice", "--password", "wrong", "-e", "SELECT 1;");
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("refused the login"), refused.err());
        } finally {
            thread.shutdownNow(); // interrupts the server's join: it closes and returns
            assertEquals(0, server.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void badServerCommandLinesAreUsageErrors() {
        Run both = sluice("server", "--user", "a", "--credentials", "x.properties");
        assertEquals(Main.USAGE_ERROR, both.exit());
        assertTrue(both.err().contains("either --user or --credentials"), both.err());
        Run keystore = sluice("server", "--keystore", "k.p12");
        assertEquals(Main.USAGE_ERROR, keystore.exit());
        Run help = sluice("server", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--keystore FILE"), help.out());
        Run urlAndData = sluice("--url", "jdbc:sluice:remote:http://localhost:1", "--data", "d");
        assertEquals(Main.USAGE_ERROR, urlAndData.exit());
        Run noServer = sluice("server", "--data", dir.toString(), "--credentials", dir.resolve("missing.properties").toString());
        assertEquals(1, noServer.exit());
        assertTrue(noServer.err().contains("missing.properties"), noServer.err());
    }

    private static int awaitPort(ByteArrayOutputStream out, Future<Integer> server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Matcher m = PORT.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (server.isDone()) {
                throw new AssertionError("the server ended with " + server.get() + ": " + out);
            }
            assertTrue(System.nanoTime() < deadline, "the server did not start: " + out);
            Thread.sleep(20);
        }
    }
}
