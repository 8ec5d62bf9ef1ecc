package io.sluice.nexmark;

import io.sluice.Result;
import io.sluice.Sluice;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Loads through SQL: native streams of {@code partitions} partitions (no key, so rows are spread
 * round robin), filled by INSERT ... VALUES statements of up to {@code batch} rows. Rows are
 * collected per stream in event order and a stream's batch is written when it is full, so the three
 * streams advance roughly together, as from a live source. (Each row costs the planner a few
 * milliseconds today, mostly for its TIMESTAMP literals: 5,000 events take about 10 s.)
 *
 * <p>Native streams never end, so a window fires only when the stream's watermark passes it: the
 * last windows of each stream (those within the watermark delay of its last event) stay open, and
 * {@link #finalWatermarks} says where each stream's watermark stops.
 */
public final class InsertLoader implements NexmarkLoader {
    static final int DEFAULT_PARTITIONS = 2;
    static final int DEFAULT_BATCH = 250;

    private final int partitions;
    private final int batch;

    public InsertLoader(int partitions, int batch) {
        this.partitions = partitions;
        this.batch = batch;
    }

    @Override
    public void load(Sluice sluice, NexmarkData data, Path workDir) {
        String with = " WITH ('partitions' = '" + partitions + "')";
        sluice.execute(NexmarkSchema.person(with));
        sluice.execute(NexmarkSchema.auction(with));
        sluice.execute(NexmarkSchema.bid(with));
        Batch persons = new Batch(sluice, "person");
        Batch auctions = new Batch(sluice, "auction");
        Batch bids = new Batch(sluice, "bid");
        for (NexmarkEvent e : data.events()) {
            if (e instanceof Person p) {
                persons.add(values(p));
            } else if (e instanceof Auction a) {
                auctions.add(values(a));
            } else if (e instanceof Bid b) {
                bids.add(values(b));
            }
        }
        persons.flush();
        auctions.flush();
        bids.flush();
    }

    @Override
    public FinalWatermarks finalWatermarks(NexmarkData data) {
        return new FinalWatermarks(band(data.persons(), Person::dateTime), band(data.auctions(), Auction::dateTime),
                band(data.bids(), Bid::dateTime));
    }

    /**
     * A partition's watermark ends at its last row's time minus the delay; the stream's is their
     * minimum, or that of the ones not idle, so it lies between the partitions' own. The partition
     * holding the stream's last row ends at {@code last - delay}. The one that ends
     * earliest holds one of the last few rows: round robin puts one of every {@code partitions}
     * consecutive rows into each partition, and allowing four times that covers a rotation that
     * restarts with each INSERT. If some partition may have no row at all, it has no watermark and
     * the band is open below.
     */
    private <T> TimeBand band(List<T> rows, ToLongFunction<T> time) {
        int behind = 4 * partitions;
        if (rows.size() < behind) {
            return new TimeBand(Long.MIN_VALUE, rows.isEmpty() ? Long.MIN_VALUE
                    : time.applyAsLong(rows.get(rows.size() - 1)) - NexmarkSchema.WATERMARK_DELAY_MILLIS);
        }
        long high = time.applyAsLong(rows.get(rows.size() - 1)) - NexmarkSchema.WATERMARK_DELAY_MILLIS;
        long low = time.applyAsLong(rows.get(rows.size() - behind)) - NexmarkSchema.WATERMARK_DELAY_MILLIS;
        return new TimeBand(low, high);
    }

    /** Rows of one stream collected into one INSERT statement. */
    private final class Batch {
        private final Sluice sluice;
        private final String head;
        private final StringBuilder sql = new StringBuilder(64 * 1024);
        private int rows;

        Batch(Sluice sluice, String stream) {
            this.sluice = sluice;
            this.head = "INSERT INTO " + stream + " VALUES ";
        }

        void add(String row) {
            sql.append(rows == 0 ? head : ", ").append(row);
            if (++rows == batch) {
                flush();
            }
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            Result r = sluice.execute(sql.toString());
            if (r.updateCount() != rows) {
                throw new IllegalStateException("INSERT wrote " + r.updateCount() + " rows, not " + rows);
            }
            sql.setLength(0);
            rows = 0;
        }
    }

    static String values(Person p) {
        return "(" + p.id() + ", " + str(p.name()) + ", " + str(p.emailAddress()) + ", " + str(p.creditCard()) + ", "
                + str(p.city()) + ", " + str(p.state()) + ", " + ts(p.dateTime()) + ", " + str(p.extra()) + ")";
    }

    static String values(Auction a) {
        return "(" + a.id() + ", " + str(a.itemName()) + ", " + str(a.description()) + ", " + a.initialBid() + ", "
                + a.reserve() + ", " + ts(a.dateTime()) + ", " + ts(a.expires()) + ", " + a.seller() + ", "
                + a.category() + ", " + str(a.extra()) + ")";
    }

    static String values(Bid b) {
        return "(" + b.auction() + ", " + b.bidder() + ", " + b.price() + ", " + str(b.channel()) + ", "
                + str(b.url()) + ", " + ts(b.dateTime()) + ", " + str(b.extra()) + ")";
    }

    private static String str(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String ts(long millis) {
        return "TIMESTAMP '" + NexmarkData.timestampText(millis) + "'";
    }
}
