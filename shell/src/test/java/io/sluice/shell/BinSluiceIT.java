package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command a user runs: {@code bin/sluice --data DIR -e "..."} against the packaged jar (this runs
 * after {@code package}, as an integration test). Creates, inserts, starts a pipeline, follows its
 * output; a second run on the same directory finds the pipeline and its output, resumed exactly once.
 */
class BinSluiceIT {
    private static final Path BIN = Path.of(System.getProperty("user.dir")).resolve("../bin/sluice").normalize();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run sluice(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BIN.toString(), "--data", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/sluice did not finish");
        return new Run(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }

    private static Set<String> dataLines(String csv) {
        Set<String> lines = new HashSet<>();
        csv.lines().filter(l -> l.matches("\\d+,.*")).forEach(l -> assertTrue(lines.add(l), "line twice: " + l));
        return lines;
    }

    @Test
    void scriptsCreateFollowAndResumeAPipeline() throws Exception {
        Run first = sluice("--format", "csv", "-e",
                "CREATE STREAM orders (id INT, amount DECIMAL(8, 2)) WITH ('partitions' = '2', 'key' = 'id');"
                        + " CREATE STREAM big (id INT, amount DECIMAL(8, 2));"
                        + " CREATE PIPELINE big_orders AS INSERT INTO big SELECT id, amount FROM orders WHERE amount >= 100;"
                        + " INSERT INTO orders VALUES (1, 50.00), (2, 150.00), (3, 250.50), (4, 99.99);"
                        + " SELECT id, amount FROM big LIMIT 2;");
        assertEquals(0, first.exit(), first.err());
        assertEquals(Set.of("2,150.00", "3,250.50"), dataLines(first.out()));

        Run second = sluice("--format", "csv", "-e",
                "INSERT INTO orders VALUES (5, 500.00), (6, 1.00);"
                        + " SHOW PIPELINES;"
                        + " SELECT id, amount FROM big LIMIT 3;");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("big_orders,RUNNING"), second.out());
        assertEquals(Set.of("2,150.00", "3,250.50", "5,500.00"),
                dataLines(second.out()).stream().filter(l -> l.contains(".")).collect(java.util.stream.Collectors.toSet()));

        Run bad = sluice("-e", "SELECT nope FROM big;");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("line 1, column 8"), bad.err());
    }
}
