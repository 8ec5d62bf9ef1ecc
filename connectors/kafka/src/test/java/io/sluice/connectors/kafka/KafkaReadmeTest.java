package io.sluice.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Kafka example, run as written against a real broker (only the address differs). */
class KafkaReadmeTest {
    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../../README.md").normalize();
    private static LocalKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LocalKafka.shared();
    }

    /** The sql blocks between {@code ### Kafka} and the next heading. */
    static List<String> blocks(String heading) throws Exception {
        String md = Files.readString(README, StandardCharsets.UTF_8);
        int start = md.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README has no " + heading);
        int end = md.indexOf("\n#", start + heading.length() + 2);
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(md.substring(start, end));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theKafkaExampleRunsAsWritten() throws Exception {
        List<String> sql = blocks("### Kafka");
        assertEquals(1, sql.size());
        kafka.createTopic("clicks", 3);
        kafka.createTopic("pricing-clicks", 3);
        KafkaTestSupport.send(kafka, "clicks", List.of(
                "{\"user_id\": 1, \"page\": \"/pricing\", \"ts\": \"2026-11-22 10:00:00.000\"}",
                "{\"user_id\": 2, \"page\": \"/docs\", \"ts\": \"2026-11-22 10:00:01.000\"}",
                "{\"user_id\": 3, \"page\": \"/pricing/teams\", \"ts\": \"2026-11-22 10:00:02.000\"}",
                "{\"user_id\": \"four\"}"), 3);
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir.resolve("data")).checkpointIntervalMillis(50).build())) {
            s.executeScript(sql.get(0).replace("localhost:9092", kafka.bootstrapServers()));
            List<Long> ids = KafkaSinkTest.awaitCommitted(kafka, "pricing-clicks", 2);
            assertEquals(List.of(1L, 3L), ids.stream().sorted().toList());
            assertEquals(1L, KafkaTestSupport.showStream(s, "clicks").getLong("bad_records"));
        }
    }
}
