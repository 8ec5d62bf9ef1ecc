package io.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline into a kafka sink, in a child JVM killed with SIGKILL at random moments while rows keep
 * arriving and restarted each time: a read_committed consumer ends up with every row of the source
 * stream exactly as often as the stream holds it (once per insert that went through).
 */
class KafkaSinkKillTest {
    private static LocalKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LocalKafka.shared();
    }

    @Test
    void sinkOutputIsExactlyOnceAcrossKills() throws Exception {
        kafka.createTopic("killed", 2);
        Random random = new Random(7);
        long lastAcked = 0;
        int rounds = Integer.getInteger("sluice.kill.rounds", 2);
        for (int round = 0; round < rounds; round++) {
            Process child = start(lastAcked + 1);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int acksBeforeKill = 5 + random.nextInt(40);
                int acks = 0;
                String line;
                while (acks < acksBeforeKill && (line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        lastAcked = Long.parseLong(line.substring(4));
                        acks++;
                    }
                }
                assertTrue(acks > 0, "child made no progress in round " + round);
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
        }
        Map<Long, Integer> expected = new TreeMap<>();
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(50).build())) {
            try (Rows rows = s.query("SELECT id FROM src")) {
                Row r;
                while ((r = rows.poll(700, TimeUnit.MILLISECONDS)) != null) {
                    expected.merge(r.getLong(0), 1, Integer::sum);
                }
            }
            for (long id = 1; id <= lastAcked; id++) {
                assertTrue(expected.containsKey(id), "acknowledged row " + id + " was lost from src");
            }
            int total = expected.values().stream().mapToInt(Integer::intValue).sum();
            KafkaSinkTest.awaitCommitted(kafka, "killed", total);
        }
        // closed: every transaction has ended
        Map<Long, Integer> got = new TreeMap<>();
        for (long id : KafkaSinkTest.ids(KafkaTestSupport.readAll(kafka, "killed", "read_committed"))) {
            got.merge(id, 1, Integer::sum);
        }
        assertEquals(expected, got);
    }

    private Process start(long firstId) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String opt : System.getProperty("sluice.jvm.options", "").split(" ")) {
            if (!opt.isBlank()) {
                cmd.add(opt);
            }
        }
        cmd.add("-Xmx256m");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(KafkaSinkCrashChild.class.getName());
        cmd.add(dir.toString());
        cmd.add(kafka.bootstrapServers());
        cmd.add(Long.toString(firstId));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
