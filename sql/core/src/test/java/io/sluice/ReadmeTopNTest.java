package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Top-N, deduplication and SESSION example gives the results its comments state. */
class ReadmeTopNTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../../README.md").normalize();

    @TempDir
    Path dir;

    @Test
    void exampleGivesTheResultsItDescribes() throws Exception {
        List<String> sql = ReadmeTest.blocks(Files.readString(README, StandardCharsets.UTF_8),
                "## Top-N, deduplication and SESSION windows", "sql");
        assertEquals(1, sql.size());
        List<List<String>> results = new ArrayList<>();
        try (Sluice s = Sluice.open(dir)) {
            for (Result r : s.executeScript(sql.get(0))) {
                if (r.kind() != Result.Kind.ROWS) {
                    continue;
                }
                List<String> rows = new ArrayList<>();
                try (Rows it = r.rows()) {
                    Row row;
                    while ((row = it.poll(20, TimeUnit.SECONDS)) != null) {
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < row.size(); i++) {
                            values.add(row.getString(i));
                        }
                        rows.add(String.join(" ", values));
                    }
                    assertTrue(it.isDone(), "a query of the example did not end");
                }
                results.add(rows);
            }
        }
        assertEquals(List.of(
                List.of("2026-01-01 10:00:10.000 1 300", "2026-01-01 10:00:20.000 2 70"),
                List.of("10 1 100", "11 2 200", "12 3 10"),
                List.of("11 2026-01-01 10:00:02.000 2026-01-01 10:00:07.000 1",
                        "10 2026-01-01 10:00:01.000 2026-01-01 10:00:09.000 2",
                        "11 2026-01-01 10:00:15.000 2026-01-01 10:00:20.000 1")), results);
    }
}
