package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline killed with SIGKILL at random moments, while rows keep arriving, and restarted each
 * time, ends with exactly the output of a run that never crashed: every input row's result once.
 */
class PipelineKillTest {
    @TempDir
    Path dir;

    @Test
    void pipelineOutputIsExactlyOnceAcrossKills() throws Exception {
        Random random = new Random(42);
        long lastAcked = ChildJvm.killRounds(first -> ChildJvm.startUnchecked(PipelineCrashChild.class, dir.toString(),
                Long.toString(first)), random, 25);

        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).build())) {
            Map<Long, Integer> srcIds = countIds(s, "SELECT id FROM src");
            for (long id = 1; id <= lastAcked; id++) {
                assertTrue(srcIds.containsKey(id), "acknowledged row " + id + " was lost");
            }
            Map<Long, Integer> expected = new HashMap<>();
            srcIds.forEach((id, n) -> {
                if (id % 3 != 0) {
                    expected.put(id, n);
                }
            });
            int expectedRows = expected.values().stream().mapToInt(Integer::intValue).sum();
            Map<Long, Integer> got = new HashMap<>();
            try (Rows rows = s.query("SELECT id, doubled, tag FROM dst")) {
                for (int i = 0; i < expectedRows; i++) {
                    Row r = rows.poll(30, TimeUnit.SECONDS);
                    assertTrue(r != null, "dst has " + i + " rows, expected " + expectedRows);
                    long id = r.getLong("id");
                    assertEquals(id * 2, r.getLong("doubled"));
                    assertEquals("T" + id, r.getString("tag"));
                    got.merge(id, 1, Integer::sum);
                }
                assertNull(rows.poll(500, TimeUnit.MILLISECONDS), "dst holds more rows than src produces");
            }
            assertEquals(expected, got);
        }
    }

    private Map<Long, Integer> countIds(Sluice s, String sql) throws InterruptedException {
        Map<Long, Integer> ids = new HashMap<>();
        try (Rows rows = s.query(sql)) {
            Row r;
            while ((r = rows.poll(700, TimeUnit.MILLISECONDS)) != null) {
                ids.merge(r.getLong(0), 1, Integer::sum);
            }
        }
        return ids;
    }
}
