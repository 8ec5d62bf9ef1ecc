package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/** SQLLine, a third-party JDBC shell, runs a script against jdbc:sluice: — the driver works with real tools. */
@Timeout(120)
class SqlLineEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void sqlLineRunsAScriptThroughTheDriver() throws Exception {
        Path script = Files.writeString(tmp.resolve("script.sql"), String.join("\n",
                "CREATE STREAM s (id INT, name VARCHAR);",
                "INSERT INTO s VALUES (1, 'alpha'), (2, 'beta');",
                "SELECT * FROM s LIMIT 2;",
                ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SqlLine sqlLine = new SqlLine();
        sqlLine.setOutputStream(out);
        sqlLine.setErrorStream(err);
        SqlLine.Status status = sqlLine.begin(new String[] {
            "-u", "jdbc:sluice:" + tmp.resolve("data"), "-n", "", "-p", "",
            "--outputformat=csv", "--silent=true", "--run=" + script},
            new ByteArrayInputStream(new byte[0]), false);

        String output = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(SqlLine.Status.OK, status, "stdout:\n" + output + "\nstderr:\n" + errors);
        String normalised = output.replace("\r", "").toUpperCase(Locale.ROOT);
        assertTrue(normalised.contains("'ID','NAME'\n'1','ALPHA'\n'2','BETA'\n"), output + errors);
    }
}
