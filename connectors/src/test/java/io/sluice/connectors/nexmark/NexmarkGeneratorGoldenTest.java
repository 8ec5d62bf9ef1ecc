package io.sluice.connectors.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.connectors.nexmark.NexmarkModel.Kind;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator's output is pinned: a digest of the exact record bytes of the first events of each
 * kind, in every column type a field may be declared as. The digests were taken from the generator
 * before its per-event work was optimised; a change that alters any value of any event (an id, a
 * price, a string, an event time) changes them. The peer file check ({@code NexmarkConnectorTest})
 * covers 150 events; this covers hundreds of thousands, so rare paths (cold auctions and bidders,
 * prices near the bounds, long strings) are exercised too.
 */
class NexmarkGeneratorGoldenTest {
    private static final long BASE = 1436918400000L; // 2015-07-15T00:00:00Z

    @Test
    void eventIdsOfEachKindFollowTheFiftyEventPeriod() {
        for (Kind kind : Kind.values()) {
            long n = 0;
            for (long id = 0; id < 100_000; id++) {
                if (NexmarkModel.kindOf(id) == kind) {
                    assertEquals(id, kind.eventId(n), kind + " #" + n);
                    n++;
                }
            }
            assertEquals(n, kind.countBelow(100_000), kind.name());
            // far ids, where a long overflow in the arithmetic would show
            long big = 123_456_789_012_345L;
            assertEquals(kind, NexmarkModel.kindOf(kind.eventId(big)));
            assertEquals(big, kind.countBelow(kind.eventId(big)));
        }
    }

    @Test
    void bidsAreTheSameAsBefore() {
        assertEquals(-7196808527470107431L, digest(Kind.BID, schema(NexmarkGenerator.BID_FIELDS, TypeKind.BIGINT), 42, 10_000, 200_000));
    }

    @Test
    void auctionsAreTheSameAsBefore() {
        assertEquals(-4122668950896325458L, digest(Kind.AUCTION, schema(NexmarkGenerator.AUCTION_FIELDS, TypeKind.BIGINT), 42, 10_000, 50_000));
    }

    @Test
    void personsAreTheSameAsBefore() {
        assertEquals(-5215009725269350393L, digest(Kind.PERSON, schema(NexmarkGenerator.PERSON_FIELDS, TypeKind.BIGINT), 42, 10_000, 20_000));
    }

    @Test
    void numbersInOtherColumnTypesAndAnotherSeedAndRate() {
        assertEquals(-7827105276828643627L, digest(Kind.BID, schema(NexmarkGenerator.BID_FIELDS, TypeKind.DECIMAL), 7, 1234.5, 20_000));
        assertEquals(-55718283584598974L, digest(Kind.AUCTION, schema(NexmarkGenerator.AUCTION_FIELDS, TypeKind.DOUBLE), 7, 1234.5, 5_000));
        assertEquals(2339161421246782080L, digest(Kind.AUCTION, schema(NexmarkGenerator.AUCTION_FIELDS, TypeKind.INT), 7, 1234.5, 5_000));
    }

    @Test
    void aSubsetOfColumnsInAnotherOrder() {
        RowSchema s = RowSchema.of(new Column("extra", DataType.of(TypeKind.VARCHAR)),
                new Column("price", DataType.of(TypeKind.BIGINT)), new Column("date_time", DataType.of(TypeKind.TIMESTAMP)),
                new Column("auction", DataType.of(TypeKind.BIGINT)));
        assertEquals(6082306308749351856L, digest(Kind.BID, s, 42, 10_000, 20_000));
    }

    /** Every field of the kind as a column of its natural type, numbers as {@code numbers}. */
    private static RowSchema schema(List<String> fields, TypeKind numbers) {
        List<String> times = List.of("dateTime", "expires");
        List<String> texts = List.of("name", "emailAddress", "creditCard", "city", "state", "extra", "itemName",
                "description", "channel", "url");
        List<Column> columns = new ArrayList<>();
        for (String f : fields) {
            DataType t = times.contains(f) ? DataType.of(TypeKind.TIMESTAMP)
                    : texts.contains(f) ? DataType.of(TypeKind.VARCHAR)
                    : numbers == TypeKind.DECIMAL ? DataType.decimal(20, 2) : DataType.of(numbers);
            columns.add(new Column(f, t));
        }
        return new RowSchema(columns);
    }

    /** FNV-1a-style 64-bit digest of the record bytes of the first {@code count} events of a kind. */
    private static long digest(Kind kind, RowSchema schema, long seed, double eventRate, int count) {
        NexmarkGenerator g = new NexmarkGenerator(kind, schema, seed, BASE, eventRate);
        RowWriter w = new RowWriter(schema);
        long h = 0xcbf29ce484222325L;
        for (long n = 0; n < count; n++) {
            w.begin(RowKind.INSERT);
            g.generate(kind.eventId(n), w);
            for (int i = 0; i < w.length(); i++) {
                h = (h ^ (w.buffer().getByte(i) & 0xff)) * 0x100000001b3L;
            }
        }
        return h;
    }
}
