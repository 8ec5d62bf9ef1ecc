package io.sluice.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
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

/** SQLLine, a third-party JDBC shell, drives a Sluice server over loopback through jdbc:sluice:remote:. */
@Timeout(120)
class RemoteSqlLineTest {
    @TempDir
    Path tmp;

    @Test
    void sqlLineRunsAScriptAgainstAServer() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).user("alice", "s3cret").build();
        try (Sluice sluice = Sluice.open(tmp.resolve("data")); SluiceServer server = SluiceServer.start(sluice, config)) {
            Path script = Files.writeString(tmp.resolve("script.sql"), String.join("\n",
                    "CREATE STREAM s (id INT, name VARCHAR);",
                    "INSERT INTO s VALUES (1, 'alpha'), (2, 'beta');",
                    "SELECT * FROM s LIMIT 2;",
                    "!tables",
                    ""));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            SqlLine sqlLine = new SqlLine();
            sqlLine.setOutputStream(out);
            sqlLine.setErrorStream(err);
            SqlLine.Status status = sqlLine.begin(new String[] {
                "-u", server.url(), "-n", "alice", "-p", "s3cret",
                "--outputformat=csv", "--silent=true", "--run=" + script},
                new ByteArrayInputStream(new byte[0]), false);

            String output = out.toString(StandardCharsets.UTF_8);
            String errors = err.toString(StandardCharsets.UTF_8);
            assertEquals(SqlLine.Status.OK, status, "stdout:\n" + output + "\nstderr:\n" + errors);
            String normalised = output.replace("\r", "").toUpperCase(Locale.ROOT);
            assertTrue(normalised.contains("'ID','NAME'\n'1','ALPHA'\n'2','BETA'\n"), output + errors);
            assertTrue(normalised.contains("'S','STREAM'"), output + errors);
        }
    }
}
