package io.sluice.nexmark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The expected result of each Nexmark query, computed in plain Java from the query's meaning over
 * the generated events: loops and maps, no SQL and no Sluice code. Each method's javadoc is the
 * meaning it implements; rows hold the values Sluice returns (Long, String, BigDecimal,
 * LocalDateTime) in the result stream's column order.
 *
 * <p>Windows are event-time windows aligned to the epoch: a tumbling window of size {@code s}
 * holds the events with {@code start <= t < start + s} where {@code start} is a multiple of
 * {@code s}; a hopping window of size {@code s} every {@code h} starts at each multiple of
 * {@code h}. A windowed aggregate emits one row per window and group once the watermark passes the
 * window's end, so only windows that fired (see {@link TimeBand#fired}) count; with bounded input
 * that has ended, every window fired. Results of changelog queries (q4, q6) are their final state.
 */
public final class NexmarkOracle {
    static final long TEN_SECONDS = 10_000;
    static final long TWO_SECONDS = 2_000;

    private NexmarkOracle() {
    }

    /** q0: every bid as (auction, bidder, price, date_time, extra). */
    public static ResultBag q0(NexmarkData d, FinalWatermarks wm) {
        ResultBag out = new ResultBag();
        for (Bid b : d.bids()) {
            out.insert(row(b.auction(), b.bidder(), b.price(), NexmarkData.timestamp(b.dateTime()), b.extra()));
        }
        return out;
    }

    /** q1: every bid with price * 0.908, exactly (three decimals). */
    public static ResultBag q1(NexmarkData d, FinalWatermarks wm) {
        BigDecimal rate = new BigDecimal("0.908");
        ResultBag out = new ResultBag();
        for (Bid b : d.bids()) {
            out.insert(row(b.auction(), b.bidder(), rate.multiply(BigDecimal.valueOf(b.price())),
                    NexmarkData.timestamp(b.dateTime()), b.extra()));
        }
        return out;
    }

    /** q2: (auction, price) of the bids whose auction id is a multiple of 123. */
    public static ResultBag q2(NexmarkData d, FinalWatermarks wm) {
        ResultBag out = new ResultBag();
        for (Bid b : d.bids()) {
            if (b.auction() % 123 == 0) {
                out.insert(row(b.auction(), b.price()));
            }
        }
        return out;
    }

    /**
     * q3: for every auction in category 10 and every person who is its seller and lives in OR, ID
     * or CA, (person name, city, state, auction id). Unwindowed: the order of arrival does not matter.
     */
    public static ResultBag q3(NexmarkData d, FinalWatermarks wm) {
        Set<String> states = Set.of("OR", "ID", "CA");
        Map<Long, List<Person>> personsById = new HashMap<>();
        for (Person p : d.persons()) {
            if (states.contains(p.state())) {
                personsById.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
            }
        }
        ResultBag out = new ResultBag();
        for (Auction a : d.auctions()) {
            if (a.category() != 10) {
                continue;
            }
            for (Person p : personsById.getOrDefault(a.seller(), List.of())) {
                out.insert(row(p.name(), p.city(), p.state(), a.id()));
            }
        }
        return out;
    }

    /**
     * The winning price of each auction: the highest price among the bids on it placed while it was
     * open, {@code a.date_time <= b.date_time <= a.expires}; auctions without such a bid are absent.
     * (Identical auction rows are one key here; the queries regroup by their own GROUP BY keys.)
     */
    static Map<Auction, Long> winningPrices(NexmarkData d) {
        Map<Long, List<Bid>> bidsByAuction = new HashMap<>();
        for (Bid b : d.bids()) {
            bidsByAuction.computeIfAbsent(b.auction(), k -> new ArrayList<>()).add(b);
        }
        Map<Auction, Long> out = new HashMap<>();
        for (Auction a : d.auctions()) {
            long max = Long.MIN_VALUE;
            boolean any = false;
            for (Bid b : bidsByAuction.getOrDefault(a.id(), List.of())) {
                if (b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires()) {
                    max = Math.max(max, b.price());
                    any = true;
                }
            }
            if (any) {
                // two auction rows with one id and category are one group in SQL: merge them
                out.merge(a, max, Math::max);
            }
        }
        return out;
    }

    /**
     * q4: per category, the average (BIGINT, truncated) of the winning prices of its auctions; the
     * SQL groups winners by (auction id, category), so auction rows sharing both are one winner.
     * Final state, keyed by category.
     */
    public static ResultBag q4(NexmarkData d, FinalWatermarks wm) {
        // group (id, category) as the SQL does
        Map<List<Long>, Long> winners = new HashMap<>();
        winningPrices(d).forEach((a, price) -> winners.merge(List.of(a.id(), a.category()), price, Math::max));
        Map<Long, long[]> sumCount = new TreeMap<>();
        winners.forEach((key, price) -> {
            long[] sc = sumCount.computeIfAbsent(key.get(1), k -> new long[2]);
            sc[0] += price;
            sc[1]++;
        });
        ResultBag out = new ResultBag(0);
        sumCount.forEach((category, sc) -> out.insert(row(category, sc[0] / sc[1])));
        return out;
    }

    /**
     * q5: for each hopping window (10 s every 2 s) of the bid stream that fired, the count of bids
     * per auction, and the auctions whose count is the window's highest, as (auction, count); one
     * row per window and top auction, so an auction on top in several windows appears several times.
     */
    public static ResultBag q5(NexmarkData d, FinalWatermarks wm) {
        ResultBag out = new ResultBag();
        hopCounts(d).forEach((start, counts) -> {
            if (!wm.bid().fired(start + TEN_SECONDS)) {
                return;
            }
            long top = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            counts.forEach((auction, n) -> {
                if (n >= top) {
                    out.insert(row(auction, n));
                }
            });
        });
        return out;
    }

    /**
     * q5's first part: for each hopping window (10 s every 2 s) of the bid stream that fired, the
     * number of bids per auction, as (auction, count, window start, window end).
     */
    public static ResultBag q5Counts(NexmarkData d, FinalWatermarks wm) {
        ResultBag out = new ResultBag();
        hopCounts(d).forEach((start, counts) -> {
            if (wm.bid().fired(start + TEN_SECONDS)) {
                counts.forEach((auction, n) -> out.insert(row(auction, n, NexmarkData.timestamp(start),
                        NexmarkData.timestamp(start + TEN_SECONDS))));
            }
        });
        return out;
    }

    /** Window start -> auction -> bids, for every hopping window (10 s every 2 s) holding a bid. */
    private static Map<Long, Map<Long, Long>> hopCounts(NexmarkData d) {
        Map<Long, Map<Long, Long>> countsByWindow = new TreeMap<>();
        for (Bid b : d.bids()) {
            long last = Math.floorDiv(b.dateTime(), TWO_SECONDS) * TWO_SECONDS;
            for (long start = last; start > b.dateTime() - TEN_SECONDS; start -= TWO_SECONDS) {
                countsByWindow.computeIfAbsent(start, k -> new HashMap<>()).merge(b.auction(), 1L, Long::sum);
            }
        }
        return countsByWindow;
    }

    /**
     * q6: each seller's auctions that have a winning price, in order of closing (expires, then id);
     * for each, (seller, auction id, expires, the average of the winning prices of this one and the
     * seller's up to 9 previous ones), BIGINT average truncated. Final state, keyed by (seller,
     * auction, expires): over all the input, whether or not it has ended, since nothing in the query
     * waits for a watermark (the join and the GROUP BY are unwindowed; a later winning bid updates
     * the rows it touches).
     */
    public static ResultBag q6(NexmarkData d, FinalWatermarks wm) {
        Map<List<Long>, Long> winners = new HashMap<>();   // (id, seller, expires) -> price, as grouped in SQL
        winningPrices(d).forEach((a, price) -> winners.merge(List.of(a.id(), a.seller(), a.expires()), price, Math::max));
        Map<Long, List<long[]>> bySeller = new HashMap<>();   // seller -> [expires, id, price]
        winners.forEach((k, price) ->
                bySeller.computeIfAbsent(k.get(1), s -> new ArrayList<>()).add(new long[] {k.get(2), k.get(0), price}));
        ResultBag out = new ResultBag(0, 1, 2);
        bySeller.forEach((seller, list) -> {
            list.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
            for (int i = 0; i < list.size(); i++) {
                long sum = 0;
                int from = Math.max(0, i - 9);
                for (int j = from; j <= i; j++) {
                    sum += list.get(j)[2];
                }
                out.insert(row(seller, list.get(i)[1], NexmarkData.timestamp(list.get(i)[0]), sum / (i - from + 1)));
            }
        });
        return out;
    }

    /**
     * q7: for each 10 s tumbling window of the bid stream that fired, its highest price M and end E;
     * then every bid (of the whole stream) with price M and {@code E - 10 s <= date_time <= E}, as
     * (auction, bidder, price, date_time, extra). A bid at exactly E belongs to the next window but
     * still matches, as BETWEEN says.
     */
    public static ResultBag q7(NexmarkData d, FinalWatermarks wm) {
        Map<Long, List<Bid>> bidsByPrice = new HashMap<>();
        for (Bid b : d.bids()) {
            bidsByPrice.computeIfAbsent(b.price(), k -> new ArrayList<>()).add(b);
        }
        ResultBag out = new ResultBag();
        tumbleMax(d).forEach((start, max) -> {
            long end = start + TEN_SECONDS;
            if (!wm.bid().fired(end)) {
                return;
            }
            for (Bid b : bidsByPrice.get(max)) {
                if (b.dateTime() >= end - TEN_SECONDS && b.dateTime() <= end) {
                    out.insert(row(b.auction(), b.bidder(), b.price(), NexmarkData.timestamp(b.dateTime()), b.extra()));
                }
            }
        });
        return out;
    }

    /** q7's second part: for each 10 s tumbling window of the bid stream that fired, (highest price, window end). */
    public static ResultBag q7Max(NexmarkData d, FinalWatermarks wm) {
        ResultBag out = new ResultBag();
        tumbleMax(d).forEach((start, max) -> {
            if (wm.bid().fired(start + TEN_SECONDS)) {
                out.insert(row(max, NexmarkData.timestamp(start + TEN_SECONDS)));
            }
        });
        return out;
    }

    /** Window start -> highest bid price, for every 10 s tumbling window holding a bid. */
    private static Map<Long, Long> tumbleMax(NexmarkData d) {
        Map<Long, Long> maxByWindow = new TreeMap<>();
        for (Bid b : d.bids()) {
            maxByWindow.merge(Math.floorDiv(b.dateTime(), TEN_SECONDS) * TEN_SECONDS, b.price(), Math::max);
        }
        return maxByWindow;
    }

    /**
     * q8: the distinct (person id, name, window) of persons per 10 s tumbling window of the person
     * stream, joined with the distinct (seller, window) of auctions per 10 s tumbling window of the
     * auction stream, on id = seller and the same window; both windows must have fired. Rows are
     * (id, name, window start).
     */
    public static ResultBag q8(NexmarkData d, FinalWatermarks wm) {
        Set<List<Long>> sellers = sellerWindows(d, wm);
        ResultBag out = new ResultBag();
        for (List<Object> p : personWindows(d, wm)) {
            long start = (Long) p.get(2);
            if (sellers.contains(List.of((Long) p.get(0), start))) {
                out.insert(row(p.get(0), p.get(1), NexmarkData.timestamp(start)));
            }
        }
        return out;
    }

    /** q8's sellers alone: the distinct (seller, window start) per 10 s tumbling window of auctions that fired. */
    public static ResultBag q8Sellers(NexmarkData d, FinalWatermarks wm) {
        ResultBag out = new ResultBag();
        for (List<Long> s : sellerWindows(d, wm)) {
            out.insert(row(s.get(0), NexmarkData.timestamp(s.get(1))));
        }
        return out;
    }

    /** Distinct (id, name, window start) of persons per 10 s tumbling window of the person stream that fired. */
    private static Set<List<Object>> personWindows(NexmarkData d, FinalWatermarks wm) {
        Set<List<Object>> persons = new HashSet<>();
        for (Person p : d.persons()) {
            long start = Math.floorDiv(p.dateTime(), TEN_SECONDS) * TEN_SECONDS;
            if (wm.person().fired(start + TEN_SECONDS)) {
                persons.add(Arrays.asList(p.id(), p.name(), start));
            }
        }
        return persons;
    }

    /** Distinct (seller, window start) per 10 s tumbling window of the auction stream that fired. */
    private static Set<List<Long>> sellerWindows(NexmarkData d, FinalWatermarks wm) {
        Set<List<Long>> sellers = new HashSet<>();
        for (Auction a : d.auctions()) {
            long start = Math.floorDiv(a.dateTime(), TEN_SECONDS) * TEN_SECONDS;
            if (wm.auction().fired(start + TEN_SECONDS)) {
                sellers.add(List.of(a.seller(), start));
            }
        }
        return sellers;
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
