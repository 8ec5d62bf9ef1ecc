package io.sluice.sqltest;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SQL behaviour kept as data: one dynamic test per {@code src/test/resources/sql/*.test} file, each on
 * a fresh data directory that is deleted afterwards. Adding a case means editing a file, not Java;
 * the format is in that folder's README.md, the interpreter in {@link SqlScriptRunner}.
 */
class SqlScriptTest {
    @TestFactory
    Stream<DynamicTest> sqlFiles() throws IOException {
        List<Path> files = testFiles();
        assertFalse(files.isEmpty(), "no .test files found under the sql/ test resources");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            SqlScript script = SqlScript.parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            Path dir = Files.createTempDirectory("sluice-sqltest-");
            try {
                new SqlScriptRunner(script, dir).run();
            } finally {
                deleteRecursively(dir);
            }
        }));
    }

    private static List<Path> testFiles() throws IOException {
        URL url = SqlScriptTest.class.getClassLoader().getResource("sql");
        if (url == null) {
            return List.of();
        }
        Path folder;
        try {
            folder = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> s = Files.list(folder)) {
            // -Dsluice.sqltest=joins runs only the files whose name contains it (while working on one)
            String only = System.getProperty("sluice.sqltest", "");
            return s.filter(p -> p.getFileName().toString().endsWith(".test"))
                    .filter(p -> p.getFileName().toString().contains(only)).sorted().toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
