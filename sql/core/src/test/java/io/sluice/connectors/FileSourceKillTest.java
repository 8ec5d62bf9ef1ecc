package io.sluice.connectors;

import static io.sluice.connectors.ConnectorTestSupport.exactly;
import static io.sluice.connectors.ConnectorTestSupport.awaitConnector;
import static io.sluice.connectors.ConnectorTestSupport.showStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ChildJvm;
import io.sluice.Row;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file source killed with SIGKILL at random moments while it reads, and restarted each time, ends
 * with every good line in its stream exactly once and every bad line in its dead-letter stream
 * exactly once, the counter agreeing.
 */
class FileSourceKillTest {
    private static final int FILES = 3;
    private static final int LINES = 20_000;
    private static final int BAD_EVERY = 997;

    @TempDir
    Path dir;

    @Test
    void everyLineOnceAcrossKills() throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        int bad = 0;
        for (int f = 0; f < FILES; f++) {
            try (Writer w = Files.newBufferedWriter(input.resolve("part-" + f + ".jsonl"), StandardCharsets.UTF_8)) {
                for (int i = 0; i < LINES; i++) {
                    long id = (long) f * LINES + i;
                    if (id % BAD_EVERY == 0) {
                        w.write("{\"id\": \"not a number " + id + "\"}\n");
                        bad++;
                    } else {
                        w.write("{\"id\":" + id + ",\"name\":\"n" + id + "\"}\n");
                    }
                }
            }
        }
        Path data = dir.resolve("data");
        Random random = new Random(7);
        int total = FILES * LINES;
        for (int round = 0; round < 3; round++) {
            long killAt = (long) (total * (0.15 + 0.25 * round + 0.1 * random.nextDouble()));
            Process child = ChildJvm.start(FileSourceCrashChild.class, data.toString(), input.toString());
            boolean finished = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ROWS ")) {
                        String[] parts = line.split(" ");
                        if (parts[2].equals("FINISHED")) {
                            finished = true;
                            break;
                        }
                        if (Long.parseLong(parts[1]) >= killAt) {
                            break;
                        }
                    }
                }
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no final checkpoint
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            if (finished) {
                break;
            }
        }

        try (Sluice s = Sluice.open(SluiceConfig.builder(data).workers(2).build())) {
            awaitConnector(s, "ev", "FINISHED");
            int[] seen = new int[total];
            for (Row r : exactly(s, "SELECT id FROM ev", total - bad)) {
                seen[(int) r.getLong(0)]++;
            }
            for (int id = 0; id < total; id++) {
                assertEquals(id % BAD_EVERY == 0 ? 0 : 1, seen[id], "good row " + id);
            }
            List<Row> dead = exactly(s, "SELECT source_position, error, raw FROM ev_dlq", bad);
            Set<String> raws = new HashSet<>();
            for (Row r : dead) {
                assertTrue(r.getString("error").contains("needs a whole number"), r.getString("error"));
                assertTrue(raws.add(r.getString("raw")), "dead letter twice: " + r.getString("raw"));
            }
            assertEquals(bad, dead.size());
            Row show = showStream(s, "ev");
            assertEquals((long) bad, show.getLong("bad_records"));
            assertEquals((long) total - bad, show.getLong("rows"));
        }
    }
}
