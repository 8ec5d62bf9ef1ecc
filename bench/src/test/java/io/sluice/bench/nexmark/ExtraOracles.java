package io.sluice.bench.nexmark;

import io.sluice.nexmark.Auction;
import io.sluice.nexmark.Bid;
import io.sluice.nexmark.NexmarkData;
import io.sluice.nexmark.ResultBag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expected results of the Nexmark queries that bench adds beyond q0-q8 (sql/core's oracles cover
 * those), computed in plain Java from each query's meaning over the whole (bounded, ended) input:
 * loops and maps, no SQL. Table results are their final state. Rows hold the values Sluice returns.
 */
final class ExtraOracles {
    static final long GAP = 10_000;

    private ExtraOracles() {
    }

    /**
     * q11: per bidder, sessions of bids less than 10 s apart (each bid less than the gap after the
     * session's last one extends it); per session (bidder, bids, first bid's time, last bid's time + 10 s).
     */
    static ResultBag q11(NexmarkData d) {
        Map<Long, List<Long>> times = new HashMap<>();
        for (Bid b : d.bids()) {
            times.computeIfAbsent(b.bidder(), k -> new ArrayList<>()).add(b.dateTime());
        }
        ResultBag out = new ResultBag();
        times.forEach((bidder, ts) -> {
            ts.sort(null);
            long start = ts.get(0);
            long last = start;
            long n = 1;
            for (int i = 1; i < ts.size(); i++) {
                long t = ts.get(i);
                if (t - last < GAP) {
                    last = t;
                    n++;
                } else {
                    out.insert(row(bidder, n, NexmarkData.timestamp(start), NexmarkData.timestamp(last + GAP)));
                    start = t;
                    last = t;
                    n = 1;
                }
            }
            out.insert(row(bidder, n, NexmarkData.timestamp(start), NexmarkData.timestamp(last + GAP)));
        });
        return out;
    }

    /** The day of a time as 'yyyy-MM-dd' (UTC). */
    static String day(long t) {
        return NexmarkData.timestampText(t).substring(0, 10);
    }

    /** Per-group statistics of q15/q16: counts per price rank, distinct bidders and auctions per rank. */
    private static final class Stats {
        final long[] bids = new long[4];
        @SuppressWarnings("unchecked")
        final java.util.Set<Long>[] bidders = new java.util.Set[4];
        @SuppressWarnings("unchecked")
        final java.util.Set<Long>[] auctions = new java.util.Set[4];
        String maxMinute = null;

        Stats() {
            for (int i = 0; i < 4; i++) {
                bidders[i] = new java.util.HashSet<>();
                auctions[i] = new java.util.HashSet<>();
            }
        }

        void add(Bid b) {
            int rank = b.price() < 10_000 ? 1 : b.price() < 1_000_000 ? 2 : 3;
            for (int i : new int[] {0, rank}) {
                bids[i]++;
                bidders[i].add(b.bidder());
                auctions[i].add(b.auction());
            }
            String minute = NexmarkData.timestampText(b.dateTime()).substring(11, 16);
            if (maxMinute == null || minute.compareTo(maxMinute) > 0) {
                maxMinute = minute;
            }
        }

        List<Object> values() {
            List<Object> v = new ArrayList<>();
            for (long n : bids) {
                v.add(n);
            }
            for (var s : bidders) {
                v.add((long) s.size());
            }
            for (var s : auctions) {
                v.add((long) s.size());
            }
            return v;
        }
    }

    /** q15: per day, bids, distinct bidders and distinct auctions: in total and per price rank. Final state. */
    static ResultBag q15(NexmarkData d) {
        Map<String, Stats> byDay = new TreeMap<>();
        for (Bid b : d.bids()) {
            byDay.computeIfAbsent(day(b.dateTime()), k -> new Stats()).add(b);
        }
        ResultBag out = new ResultBag();
        byDay.forEach((day, s) -> {
            List<Object> r = new ArrayList<>();
            r.add(day);
            r.addAll(s.values());
            out.insert(r);
        });
        return out;
    }

    /** q16: q15 per (channel, day), with the latest 'HH:mm' of the group. Final state. */
    static ResultBag q16(NexmarkData d) {
        Map<List<String>, Stats> groups = new HashMap<>();
        for (Bid b : d.bids()) {
            groups.computeIfAbsent(List.of(b.channel(), day(b.dateTime())), k -> new Stats()).add(b);
        }
        ResultBag out = new ResultBag();
        groups.forEach((key, s) -> {
            List<Object> r = new ArrayList<>(key);
            r.add(s.maxMinute);
            r.addAll(s.values());
            out.insert(r);
        });
        return out;
    }

    /** q17: per (auction, day): bids in total and per rank, min, max, avg (truncated), sum of price. Final state. */
    static ResultBag q17(NexmarkData d) {
        Map<List<Object>, long[]> groups = new HashMap<>();   // total, r1, r2, r3, min, max, sum
        for (Bid b : d.bids()) {
            long[] g = groups.computeIfAbsent(List.of(b.auction(), day(b.dateTime())),
                    k -> new long[] {0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0});
            g[0]++;
            g[b.price() < 10_000 ? 1 : b.price() < 1_000_000 ? 2 : 3]++;
            g[4] = Math.min(g[4], b.price());
            g[5] = Math.max(g[5], b.price());
            g[6] += b.price();
        }
        ResultBag out = new ResultBag();
        groups.forEach((key, g) -> out.insert(row(key.get(0), key.get(1), g[0], g[1], g[2], g[3], g[4], g[5], g[6] / g[0], g[6])));
        return out;
    }

    /** q20: every (bid, auction) pair with bid.auction = auction.id and category 10, bid columns first. */
    static ResultBag q20(NexmarkData d) {
        Map<Long, List<Auction>> byId = new HashMap<>();
        for (Auction a : d.auctions()) {
            if (a.category() == 10) {
                byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
            }
        }
        ResultBag out = new ResultBag();
        for (Bid b : d.bids()) {
            for (Auction a : byId.getOrDefault(b.auction(), List.of())) {
                out.insert(row(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), NexmarkData.timestamp(b.dateTime()),
                        b.extra(), a.itemName(), a.description(), a.initialBid(), a.reserve(),
                        NexmarkData.timestamp(a.dateTime()), NexmarkData.timestamp(a.expires()), a.seller(), a.category(),
                        a.extra()));
            }
        }
        return out;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
