package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.row.RowKind;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's claims, run as a user would run them: its tour's SQL and its embedding example. */
class ReadmeTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../../README.md").normalize();

    @TempDir
    Path dir;

    private static String readme() throws Exception {
        return Files.readString(README, StandardCharsets.UTF_8);
    }

    /** The fenced blocks of one language inside the section that starts with {@code heading}. */
    static List<String> blocks(String markdown, String heading, String language) {
        int start = markdown.indexOf(heading);
        assertTrue(start >= 0, "README has no section " + heading);
        int end = markdown.indexOf("\n## ", start + heading.length());
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void tourRunsAsWrittenAcrossARestart() throws Exception {
        List<String> sql = blocks(readme(), "## A short tour", "sql");
        assertEquals(2, sql.size(), "the tour has a first and a second session");
        List<List<Row>> first;
        try (Sluice s = Sluice.open(dir)) {
            first = drain(s.executeScript(sql.get(0)));
        }
        // SELECT ... LIKE '/p%' LIMIT 1, SHOW PIPELINES, SELECT * FROM pricing_views LIMIT 1
        assertEquals(3, first.size());
        assertEquals("/PRICING", first.get(0).get(0).getString("page"));
        assertEquals("2026-11-22 11:00:02.000", first.get(0).get(0).getString("an_hour_later"));
        assertEquals("pricing", first.get(1).get(0).getString("pipeline_name"));
        assertEquals(2L, first.get(2).get(0).getLong("user_id"));

        try (Sluice s = Sluice.open(dir)) {
            List<List<Row>> second = drain(s.executeScript(sql.get(1)));
            assertEquals(List.of(2L, 3L), second.get(0).stream().map(r -> r.getLong("user_id")).toList());
            assertEquals("clicks", second.get(1).get(0).getString("stream_name"));
            assertEquals(3L, second.get(1).get(0).getLong("rows"));
            assertEquals(3, second.get(2).size()); // DESCRIBE: three columns
            assertTrue(second.get(3).stream().anyMatch(r -> r.getString(0).contains("StreamTableScan")));
        }
    }

    @Test
    void windowExampleGivesTheRowsItDescribes() throws Exception {
        List<String> sql = blocks(readme(), "## Event time and windows", "sql");
        assertEquals(1, sql.size());
        try (Sluice s = Sluice.open(dir)) {
            List<List<Row>> results = drain(s.executeScript(sql.get(0)));
            assertEquals(1, results.size(), "one query returns rows");
            List<String> rows = results.get(0).stream().map(r -> r.getString("window_end") + " " + r.getLong("auction")
                    + " " + r.getLong("bids") + " " + r.getLong("top")).sorted().toList();
            assertEquals(List.of("2026-11-22 10:00:10.000 1 2 300", "2026-11-22 10:00:10.000 2 1 200"), rows);
            // the pipeline's sliding windows that the watermark (10:00:11) has closed
            List<String> tops = new ArrayList<>();
            try (Rows r = s.query("SELECT window_end, auction, top FROM top_bids LIMIT 4")) {
                Row row;
                while ((row = r.poll(20, java.util.concurrent.TimeUnit.SECONDS)) != null) {
                    tops.add(row.getString(0) + " " + row.getLong(1) + " " + row.getLong(2));
                }
            }
            assertEquals(List.of("2026-11-22 10:00:05.000 1 100", "2026-11-22 10:00:05.000 2 200",
                    "2026-11-22 10:00:10.000 1 300", "2026-11-22 10:00:10.000 2 200"), tops.stream().sorted().toList());
        }
    }

    @Test
    void connectorExamplesRunAsWritten() throws Exception {
        List<String> sql = blocks(readme(), "## Connectors and formats", "sql");
        assertEquals(2, sql.size(), "generated data first, then files");
        Path input = Files.createDirectories(dir.resolve("input"));
        try (var peer = ReadmeTest.class.getResourceAsStream("/nexmark/peer-seed42-150.jsonl")) {
            Files.copy(peer, input.resolve("nexmark.jsonl"));
        }
        Files.writeString(input.resolve("orders-1.csv"), "id,item,qty\n1,apple,3\n2,pear,12\nthree,fig,1\n");
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir.resolve("data")).checkpointIntervalMillis(50).build())) {
            List<List<Row>> first = drain(s.executeScript(sql.get(0)));
            assertEquals(3, first.get(0).size(), "three Google bids");
            assertTrue(first.get(1).stream().anyMatch(r -> r.getString("stream_name").equals("bids_dlq")));
            // relative paths in the README are relative to where Sluice runs: here, the test's directory
            List<List<Row>> second = drain(s.executeScript(sql.get(1).replace("'input/", "'" + dir + "/input/")
                    .replace("'output/", "'" + dir + "/output/")));
            assertEquals(List.of("apple", "pear"), second.get(0).stream().map(r -> r.getString("item")).toList());
            assertTrue(second.get(1).get(0).getString("source_position").endsWith("orders-1.csv line 4 (byte 32)"),
                    second.get(1).get(0).getString("source_position"));
            assertTrue(second.get(2).stream().anyMatch(r -> r.getString(0).equals("(delivery)")));
            Path out = dir.resolve("output/big-orders.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(out) && Files.readString(out).contains("\"id\":2,\"qty\":12"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("{\"id\":2,\"qty\":12}\n", Files.readString(out));
        }
    }

    @Test
    void tablesSectionRunsAsWritten() throws Exception {
        List<String> sql = blocks(readme(), "## Tables and materialized views", "sql");
        assertEquals(1, sql.size());
        try (Sluice s = Sluice.open(dir)) {
            List<List<Row>> out = drain(s.executeScript(sql.get(0)));
            assertEquals(3, out.size());
            assertEquals(1, out.get(0).size());
            assertEquals("bea", out.get(0).get(0).getString("name"));
            // the changelog: four rows with their kinds, whatever the interleaving of users
            List<String> changes = out.get(2).stream().map(r -> r.getString("op") + " " + r.getLong("user_id") + " "
                    + r.getLong("visits") + " " + r.getString("last_url")).sorted().toList();
            assertEquals(List.of("+I 1 1 /home", "+I 2 1 /docs", "+U 1 2 /pricing", "-U 1 1 /home"), changes);
            assertEquals(RowKind.UPDATE_AFTER, out.get(2).stream().filter(r -> r.getString("op").equals("+U"))
                    .findFirst().orElseThrow().kind());
            // the view's pull query may have run before the pipeline caught up; it does within seconds
            List<String> current = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                current = drain(List.of(s.execute("SELECT * FROM visits_per_user"))).get(0).stream()
                        .map(r -> r.getLong(0) + " " + r.getLong(1) + " " + r.getString(2)).sorted().toList();
                if (current.size() == 2 && current.contains("1 2 /pricing")) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // poll the condition again soon
            }
            assertEquals(List.of("1 2 /pricing", "2 1 /docs"), current);
        }
    }

    /** The rows of every statement that returned rows; push queries must end by their LIMIT. */
    private static List<List<Row>> drain(List<Result> results) throws InterruptedException {
        List<List<Row>> out = new ArrayList<>();
        for (Result r : results) {
            if (r.kind() != Result.Kind.ROWS) {
                continue;
            }
            List<Row> rows = new ArrayList<>();
            try (Rows it = r.rows()) {
                Row row;
                while ((row = it.poll(20, TimeUnit.SECONDS)) != null) {
                    rows.add(row);
                }
                assertTrue(it.isDone(), "a query of the tour did not end");
            }
            out.add(rows);
        }
        return out;
    }

    @Test
    void embeddingExampleCompilesAndRuns() throws Exception {
        String source = blocks(readme(), "## Embedding Sluice in an application", "java").stream()
                .filter(b -> b.contains("public class Quickstart")).findFirst().orElseThrow();
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Quickstart.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK");
        int rc = javac.run(null, null, null, "-d", src.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Quickstart.java").toString());
        assertEquals(0, rc, "the README's example does not compile");

        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String opt : System.getProperty("sluice.jvm.options", "").split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.add("-cp");
        cmd.add(src + File.pathSeparator + System.getProperty("java.class.path"));
        cmd.add("Quickstart");
        cmd.add(dir.resolve("data").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().filter(l -> l.startsWith("alert") || l.startsWith("cool")).toList();
        assertEquals(List.of("alert: attic 95.0F at 2026-11-22T10:00:05Z", "alert: boiler 176.0F at 2026-11-22T10:00:09Z"),
                lines.stream().filter(l -> l.startsWith("alert")).sorted().toList(), out);
        assertEquals(List.of("cool: kitchen"), lines.stream().filter(l -> l.startsWith("cool")).toList(), out);
    }
}
