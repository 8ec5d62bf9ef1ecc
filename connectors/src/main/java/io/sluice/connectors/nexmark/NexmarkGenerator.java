package io.sluice.connectors.nexmark;

import io.sluice.connectors.nexmark.NexmarkModel.Kind;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes Nexmark event {@code id} of one kind straight into a row: every value drawn from a SplitMix64
 * seeded with (seed, id), in the same order as the Nexmark peer's generator, so that the same seed
 * gives the same persons, auctions and bids as the peer's JSON file. Text is built in scratch
 * buffers and copied into the row: nothing is allocated per event.
 *
 * <p>Columns map to fields by name, ignoring case and underscores ({@code dateTime} or
 * {@code date_time}); a field without a column is still drawn (so the values of the others do not
 * change) but not written. One instance per reader; not thread-safe.
 */
final class NexmarkGenerator {
    static final List<String> PERSON_FIELDS = List.of("id", "name", "emailAddress", "creditCard", "city", "state",
            "dateTime", "extra");
    static final List<String> AUCTION_FIELDS = List.of("id", "itemName", "description", "initialBid", "reserve",
            "dateTime", "expires", "seller", "category", "extra");
    static final List<String> BID_FIELDS = List.of("auction", "bidder", "price", "channel", "url", "dateTime", "extra");
    private static final long EVENT_SALT = 0x632BE59BD9B4E019L;
    private static final byte[] DOT_COM = {'.', 'c', 'o', 'm'};

    private final Kind kind;
    private final NexmarkTables tables;
    private final long seedMix;
    private final long baseTimeMs;
    private final double microsPerEvent;
    /**
     * The spacing as a whole number of microseconds when it is one (10,000 events per second, the
     * default: 100), else 0; ids below {@link #exactIds} then have exact double products.
     */
    private final long wholeMicrosPerEvent;
    private final long exactIds;
    private final int[] column;
    private final TypeKind[] columnKind;
    private final SplitMix rng = new SplitMix();
    private final byte[] a = new byte[128];
    private final byte[] b = new byte[128];
    private RowWriter row;

    NexmarkGenerator(Kind kind, RowSchema schema, long seed, long baseTimeMs, double eventsPerSecondOfEventTime) {
        this.kind = kind;
        this.tables = NexmarkTables.forSeed(seed);
        this.seedMix = SplitMix.mix(seed);
        this.baseTimeMs = baseTimeMs;
        this.microsPerEvent = 1_000_000.0 / eventsPerSecondOfEventTime;
        long whole = (long) microsPerEvent;
        this.wholeMicrosPerEvent = whole >= 1 && whole == microsPerEvent ? whole : 0;
        this.exactIds = wholeMicrosPerEvent == 0 ? 0 : (1L << 53) / wholeMicrosPerEvent;
        List<String> fields = fields(kind);
        this.column = new int[fields.size()];
        java.util.Arrays.fill(column, -1);
        this.columnKind = new TypeKind[fields.size()];
        for (int c = 0; c < schema.size(); c++) {
            int f = fieldIndex(fields, schema.column(c).name());
            column[f] = c;
            columnKind[f] = schema.type(c).kind();
        }
    }

    static List<String> fields(Kind kind) {
        return switch (kind) {
            case PERSON -> PERSON_FIELDS;
            case AUCTION -> AUCTION_FIELDS;
            case BID -> BID_FIELDS;
        };
    }

    private static String norm(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static int fieldIndex(List<String> fields, String column) {
        for (int f = 0; f < fields.size(); f++) {
            if (norm(fields.get(f)).equals(norm(column))) {
                return f;
            }
        }
        return -1;
    }

    /** Checks that every column is a field of the kind with a type it can hold; throws naming the column. */
    static void check(Kind kind, RowSchema schema) {
        List<String> fields = fields(kind);
        List<String> times = List.of("dateTime", "expires");
        List<String> texts = List.of("name", "emailAddress", "creditCard", "city", "state", "extra", "itemName",
                "description", "channel", "url");
        for (int c = 0; c < schema.size(); c++) {
            String col = schema.column(c).name();
            int f = fieldIndex(fields, col);
            if (f < 0) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "kind", "Column " + col
                        + " is not a field of Nexmark " + kind.name().toLowerCase(Locale.ROOT) + " events; the fields are "
                        + String.join(", ", fields) + " (snake_case also works: date_time)");
            }
            String field = fields.get(f);
            TypeKind t = schema.type(c).kind();
            List<TypeKind> ok = times.contains(field) ? List.of(TypeKind.TIMESTAMP)
                    : texts.contains(field) ? List.of(TypeKind.VARCHAR)
                    : List.of(TypeKind.BIGINT, TypeKind.INT, TypeKind.DOUBLE, TypeKind.DECIMAL);
            if (!ok.contains(t)) {
                throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "kind", "Column " + col + " " + schema.type(c).sql()
                        + " cannot hold Nexmark field " + field + "; use " + new ArrayList<>(ok).get(0)
                        + (ok.size() > 1 ? " (or another number type)" : ""));
            }
        }
    }

    /** Event time of event {@code id}: events are evenly spaced from the base time. */
    long eventTime(long id) {
        if (id >= 0 && id < exactIds) {
            // the same value without the double multiply and conversion (once per event): id and
            // the spacing are whole numbers whose product is below 2^53, so the double product is exact
            return baseTimeMs + id * wholeMicrosPerEvent / 1000L;
        }
        return baseTimeMs + (long) (id * microsPerEvent) / 1000L;
    }

    /** Writes event {@code id} (which must be of this generator's kind) into a begun row. */
    void generate(long id, RowWriter out) {
        this.row = out;
        rng.seed(seedMix ^ SplitMix.mix(id + EVENT_SALT));
        long ts = eventTime(id);
        switch (kind) {
            case PERSON -> person(id, ts);
            case AUCTION -> auction(id, ts);
            case BID -> bid(id, ts);
        }
    }

    private void person(long id, long ts) {
        number(0, NexmarkModel.lastPerson(id) + NexmarkModel.FIRST_PERSON);
        byte[] first = tables.firstNames[rng.below(tables.firstNames.length)];
        byte[] last = tables.lastNames[rng.below(tables.lastNames.length)];
        int n = put(a, 0, first, first.length);
        a[n++] = ' ';
        n = put(a, n, last, last.length);
        text(1, a, n);
        int nameLength = n;
        int user = trimmed(7, (byte) ' ', a);
        int host = trimmed(5, (byte) ' ', b);
        n = user;
        a[n++] = '@';
        n = put(a, n, b, host);
        n = put(a, n, DOT_COM, 4);
        text(2, a, n);
        int emailLength = n;
        n = 0;
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                a[n++] = ' ';
            }
            int v = rng.below(10_000);
            a[n++] = (byte) ('0' + v / 1000);
            a[n++] = (byte) ('0' + v / 100 % 10);
            a[n++] = (byte) ('0' + v / 10 % 10);
            a[n++] = (byte) ('0' + v % 10);
        }
        text(3, a, n);
        byte[] city = tables.cities[rng.below(tables.cities.length)];
        byte[] state = tables.states[rng.below(tables.states.length)];
        text(4, city, city.length);
        text(5, state, state.length);
        time(6, ts);
        extra(7, 8 + nameLength + emailLength + 19 + city.length + state.length, NexmarkModel.PERSON_BYTES);
    }

    private void auction(long id, long ts) {
        number(0, NexmarkModel.lastAuction(id) + NexmarkModel.FIRST_AUCTION);
        long seller = rng.below(NexmarkModel.HOT_SELLER_RATIO) > 0
                ? NexmarkModel.lastPerson(id) / NexmarkModel.HOT_BATCH * NexmarkModel.HOT_BATCH
                : NexmarkModel.somePerson(id, rng);
        long category = NexmarkModel.FIRST_CATEGORY + rng.below(NexmarkModel.CATEGORIES);
        long initialBid = NexmarkModel.price(rng);
        // open for up to twice the event time it takes to make AUCTIONS_IN_FLIGHT more auctions
        long eventsUntilReplaced = (long) NexmarkModel.AUCTIONS_IN_FLIGHT * NexmarkModel.PERIOD / NexmarkModel.AUCTIONS;
        long horizon = eventTime(id + eventsUntilReplaced) - ts;
        long expires = ts + 1 + rng.below(Math.max(horizon * 2, 1L));
        int nameLength = trimmed(20, (byte) ' ', a);
        text(1, a, nameLength);
        int descriptionLength = trimmed(100, (byte) ' ', b);
        text(2, b, descriptionLength);
        long reserve = initialBid + NexmarkModel.price(rng);
        number(3, initialBid);
        number(4, reserve);
        time(5, ts);
        time(6, expires);
        number(7, seller + NexmarkModel.FIRST_PERSON);
        number(8, category);
        extra(9, 8 + nameLength + descriptionLength + 40, NexmarkModel.AUCTION_BYTES);
    }

    private void bid(long id, long ts) {
        long auction = rng.below(NexmarkModel.HOT_AUCTION_RATIO) > 0
                ? NexmarkModel.lastAuction(id) / NexmarkModel.HOT_BATCH * NexmarkModel.HOT_BATCH
                : NexmarkModel.someAuction(id, rng);
        long bidder = rng.below(NexmarkModel.HOT_BIDDER_RATIO) > 0
                ? NexmarkModel.lastPerson(id) / NexmarkModel.HOT_BATCH * NexmarkModel.HOT_BATCH + 1
                : NexmarkModel.somePerson(id, rng);
        long price = NexmarkModel.price(rng);
        int entry = rng.below(NexmarkModel.HOT_CHANNEL_RATIO) > 0
                ? rng.below(NexmarkModel.HOT_CHANNELS.length)
                : NexmarkModel.HOT_CHANNELS.length + rng.below(NexmarkModel.CHANNELS);
        number(0, auction + NexmarkModel.FIRST_AUCTION);
        number(1, bidder + NexmarkModel.FIRST_PERSON);
        number(2, price);
        if (column[3] >= 0) {
            text(3, a, tables.channelName(entry, a));
        }
        if (column[4] >= 0) {
            text(4, b, tables.channelUrl(entry, b));
        }
        time(5, ts);
        extra(6, 32, NexmarkModel.BID_BYTES);
    }

    /** Padding towards the kind's average size, within 20%: a slice of the letter pool. */
    private void extra(int field, int sizeSoFar, int average) {
        if (sizeSoFar > average) {
            text(field, a, 0);
            return;
        }
        int remaining = average - sizeSoFar;
        int spread = (int) Math.round(remaining * 0.2);
        int size = remaining - spread + (spread == 0 ? 0 : rng.below(2 * spread));
        int from = rng.below(tables.pool.length - size);
        if (column[field] >= 0) {
            row.putStringBytes(column[field], tables.pool, from, size);
        }
    }

    /** Random letters as {@link NexmarkTables#randomLetters}, without leading or trailing spaces. */
    private int trimmed(int maxLength, byte special, byte[] out) {
        int n = NexmarkTables.randomLetters(rng, maxLength, special, out);
        int from = 0;
        while (from < n && out[from] == ' ') {
            from++;
        }
        while (n > from && out[n - 1] == ' ') {
            n--;
        }
        System.arraycopy(out, from, out, 0, n - from);
        return n - from;
    }

    private static int put(byte[] dst, int at, byte[] src, int length) {
        System.arraycopy(src, 0, dst, at, length);
        return at + length;
    }

    private void text(int field, byte[] bytes, int length) {
        text(field, bytes, 0, length);
    }

    private void text(int field, byte[] bytes, int offset, int length) {
        if (column[field] >= 0) {
            row.putStringBytes(column[field], bytes, offset, length);
        }
    }

    private void time(int field, long ms) {
        if (column[field] >= 0) {
            row.putLong(column[field], ms);
        }
    }

    private void number(int field, long v) {
        int c = column[field];
        if (c < 0) {
            return;
        }
        TypeKind k = columnKind[field];
        // BIGINT first and without a switch: it is how the benchmark's streams declare every number
        if (k == TypeKind.BIGINT) {
            row.putLong(c, v);
        } else if (k == TypeKind.INT) {
            row.putInt(c, (int) v);
        } else if (k == TypeKind.DOUBLE) {
            row.putDouble(c, v);
        } else {
            row.putDecimal(c, BigDecimal.valueOf(v));
        }
    }
}
