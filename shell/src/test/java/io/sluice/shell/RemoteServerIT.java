package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice server} from the packaged jar (after {@code package}): the shaded jar carries Jetty and
 * Avatica with their service files merged, a second {@code bin/sluice --url} runs statements on it, and
 * SIGTERM stops the server and releases the data directory.
 */
class RemoteServerIT {
    private static final Path BIN = Path.of(System.getProperty("user.dir")).resolve("../bin/sluice").normalize();
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void theJarServesADataDirectoryToTheShell() throws Exception {
        Process server = new ProcessBuilder(BIN.toString(), "server", "--data", dir.resolve("data").toString(), "--port", "0",
                "--user", "alice", "--password", "s3cret").redirectError(dir.resolve("server-err.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null, "the server printed nothing: " + Files.readString(dir.resolve("server-err.txt")));
            Matcher m = PORT.matcher(line);
            assertTrue(m.find(), line);
            String url = "jdbc:sluice:remote:http://localhost:" + m.group(1);

            List<String> cmd = new ArrayList<>(List.of(BIN.toString(), "--url", url, "--user", "alice", "--password", "s3cret",
                    "--format", "csv", "-e", "CREATE STREAM s (id INT, name VARCHAR); INSERT INTO s VALUES (1, 'x'), (2, 'y');"
                            + " SELECT * FROM s LIMIT 2;"));
            Process client = new ProcessBuilder(cmd).redirectError(dir.resolve("client-err.txt").toFile()).start();
            String printed = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, client.exitValue(), Files.readString(dir.resolve("client-err.txt")));
            assertTrue(printed.contains("1,x\n2,y\n"), printed);
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the server and the engine
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
        }
        // The directory is free again: an embedded shell opens it and finds the rows.
        Process after = new ProcessBuilder(BIN.toString(), "--data", dir.resolve("data").toString(), "--format", "csv",
                "-e", "SELECT id FROM s LIMIT 2;").redirectError(dir.resolve("after-err.txt").toFile()).start();
        String printed = new String(after.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(after.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, after.exitValue(), Files.readString(dir.resolve("after-err.txt")));
        assertTrue(printed.contains("1\n2\n"), printed);
    }
}
