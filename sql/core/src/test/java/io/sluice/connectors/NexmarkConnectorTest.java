package io.sluice.connectors;

import static io.sluice.connectors.ConnectorTestSupport.exactly;
import static io.sluice.connectors.ConnectorTestSupport.awaitConnector;
import static io.sluice.connectors.ConnectorTestSupport.showStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Row;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nexmark source through SQL: the same events as the Nexmark peer's generator for the same seed
 * (checked against a file the peer wrote, read with the file connector in the peer's union shape),
 * the standard proportions, determinism, and the stream ending after its share of the events.
 */
class NexmarkConnectorTest {
    private static final String PERSON_COLUMNS = "id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, "
            + "city VARCHAR, state VARCHAR, `dateTime` TIMESTAMP(3), extra VARCHAR";
    private static final String AUCTION_COLUMNS = "id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, "
            + "reserve BIGINT, `dateTime` TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR";
    private static final String BID_COLUMNS = "auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, "
            + "`dateTime` TIMESTAMP(3), extra VARCHAR";

    @TempDir
    Path dir;

    private Sluice open(String name) {
        return Sluice.open(SluiceConfig.builder(dir.resolve(name)).workers(2).checkpointIntervalMillis(50).build());
    }

    @Test
    void sameEventsAsThePeerGeneratorForTheSameSeed() throws Exception {
        Path peer = dir.resolve("peer.jsonl");
        Files.copy(Objects.requireNonNull(getClass().getResourceAsStream("/nexmark/peer-seed42-150.jsonl")), peer);
        try (Sluice s = open("data")) {
            String[][] kinds = {{"person", PERSON_COLUMNS, "0"}, {"auction", AUCTION_COLUMNS, "1"}, {"bid", BID_COLUMNS, "2"}};
            for (String[] k : kinds) {
                s.execute("CREATE STREAM gen_" + k[0] + " (" + k[1] + ") WITH ('connector' = 'nexmark', 'kind' = '" + k[0]
                        + "', 'events' = '150', 'seed' = '42', 'partitions' = '2')");
                s.execute("CREATE STREAM file_" + k[0] + " (" + k[1] + ") WITH ('connector' = 'file', 'path' = '" + peer
                        + "', 'format' = 'json', 'json.path' = '" + k[0] + "', 'json.filter' = 'event_type=" + k[2] + "')");
            }
            int[] expected = {3, 9, 138};
            for (int i = 0; i < kinds.length; i++) {
                awaitConnector(s, "gen_" + kinds[i][0], "FINISHED");
                awaitConnector(s, "file_" + kinds[i][0], "FINISHED");
                List<String> generated = sorted(exactly(s, "SELECT * FROM gen_" + kinds[i][0], expected[i]));
                List<String> fromPeer = sorted(exactly(s, "SELECT * FROM file_" + kinds[i][0], expected[i]));
                assertEquals(expected[i], generated.size(), kinds[i][0]);
                assertEquals(fromPeer, generated, kinds[i][0]);
                assertEquals(0L, showStream(s, "file_" + kinds[i][0]).getLong("bad_records"));
            }
        }
    }

    @Test
    void proportionsAndDeterminism() throws Exception {
        List<String> first;
        try (Sluice s = open("a")) {
            s.execute("CREATE STREAM bid (" + BID_COLUMNS + ") WITH ('connector' = 'nexmark', 'kind' = 'bid', "
                    + "'events' = '5000', 'seed' = '7', 'partitions' = '3')");
            s.execute("CREATE STREAM person (id BIGINT, date_time TIMESTAMP(3)) WITH ('connector' = 'nexmark', "
                    + "'kind' = 'person', 'events' = '5000', 'seed' = '7')");
            s.execute("CREATE STREAM auction (id BIGINT, seller BIGINT, category INT) WITH ('connector' = 'nexmark', "
                    + "'kind' = 'auction', 'events' = '5000', 'seed' = '7')");
            awaitConnector(s, "bid", "FINISHED");
            awaitConnector(s, "person", "FINISHED");
            awaitConnector(s, "auction", "FINISHED");
            List<Row> bids = exactly(s, "SELECT * FROM bid", 4600);
            first = sorted(bids);
            assertEquals(4600, first.size());
            List<Row> persons = exactly(s, "SELECT id, date_time FROM person", 100);
            assertEquals(100, persons.size());
            assertEquals(1000L, persons.get(0).getLong("id"));
            assertEquals("2015-07-15T00:00", persons.get(0).getTimestamp("date_time").toString());
            List<Row> auctions = exactly(s, "SELECT id, category FROM auction", 300);
            assertEquals(300, auctions.size());
            assertTrue(auctions.stream().allMatch(r -> r.getInt("category") >= 10 && r.getInt("category") <= 14));
            assertEquals(300L, auctions.stream().map(r -> r.getLong("id")).distinct().count());
            // hot auctions: about half of the bids go to the first auction of their batch of 100
            long hot = bids.stream().filter(r -> (r.getLong("auction") - 1000) % 100 == 0).count();
            assertTrue(hot > 4600 * 0.45 && hot < 4600 * 0.65, "bids on hot auctions: " + hot);
        }
        try (Sluice s = open("b")) {
            s.execute("CREATE STREAM bid (" + BID_COLUMNS + ") WITH ('connector' = 'nexmark', 'kind' = 'bid', "
                    + "'events' = '5000', 'seed' = '7', 'partitions' = '1')");
            s.execute("CREATE STREAM other (" + BID_COLUMNS + ") WITH ('connector' = 'nexmark', 'kind' = 'bid', "
                    + "'events' = '5000', 'seed' = '8')");
            awaitConnector(s, "bid", "FINISHED");
            awaitConnector(s, "other", "FINISHED");
            assertEquals(first, sorted(exactly(s, "SELECT * FROM bid", 4600)), "same seed, other partitioning: same events");
            assertNotEquals(first, sorted(exactly(s, "SELECT * FROM other", 4600)), "another seed: other events");
        }
    }

    private static List<String> sorted(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.values().toString());
        }
        out.sort(null);
        return out;
    }
}
