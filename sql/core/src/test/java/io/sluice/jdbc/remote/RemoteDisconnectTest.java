package io.sluice.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Metrics;
import io.sluice.Sluice;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client killed in the middle of a push query (its JVM gone, its HTTP connection cut, nothing closed)
 * leaves nothing running on the server once the statement idle timeout has passed.
 */
@Timeout(90)
class RemoteDisconnectTest {
    @TempDir
    Path dir;

    @Test
    void aKilledClientsQueryIsStoppedOnTheServer() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0)
                .statementIdleTimeout(Duration.ofSeconds(3)).connectionIdleTimeout(Duration.ofSeconds(3))
                .fetchWait(Duration.ofMillis(100)).build();
        try (Sluice sluice = Sluice.open(dir); SluiceServer server = SluiceServer.start(sluice, config)) {
            sluice.execute("CREATE STREAM s (id INT)");
            sluice.execute("INSERT INTO s VALUES (1)");
            Metrics before = sluice.metrics();
            Process child = startClient(server.url());
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("READING", out.readLine(), "the child client did not start its query");
                Metrics during = sluice.metrics();
                assertTrue(during.runningTasks() > before.runningTasks(), "the child's push query runs: " + during);
                assertTrue(during.openReaders() > before.openReaders(), "the child's push query reads: " + during);
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            // Bounded: idle timeout (3 s; a cold client JVM on a busy machine can take a second or two between its
            // first frame and its first fetch) + the expiry sweep's period; 20 s is ample.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Metrics now = sluice.metrics();
            while (now.runningTasks() != before.runningTasks() || now.openReaders() != before.openReaders()) {
                assertTrue(System.nanoTime() < deadline, "still running after the client died: " + now + ", before: " + before);
                Thread.sleep(50);
                now = sluice.metrics();
            }
        }
    }

    private static Process startClient(String url) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String opt : System.getProperty("sluice.jvm.options", "").split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(RemoteClientChild.class.getName());
        cmd.add(url);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
