package io.sluice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.Sluice;
import io.sluice.SluiceConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ingest from a JSON-lines file in the Nexmark union shape: Sluice's file connector reading the bids
 * into a stream until its source has finished (parse, route, append to the log, checkpoint), beside a
 * plain Jackson streaming loop over the same file that parses each line with a fresh parser and
 * pulls out the bid's fields, with no Sluice at all. Same process, rounds alternating which side goes
 * first; the first round of each is a warm-up. Prints events (lines) per second, medians.
 *
 * <p>Not a test: {@code bench/file-ingest-bench.sh [events (1000000)] [rounds (5)] [file]}. Without
 * a file it writes one (bids, auctions and persons 46:3:1 with Nexmark-like fields and sizes).
 */
public final class FileIngestBench {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private FileIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("chronicle.analytics.disable", "true");
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Files.createTempDirectory("sluice-ingest-bench");
        Path file = args.length > 2 ? Path.of(args[2]) : root.resolve("events.jsonl");
        try {
            if (args.length <= 2) {
                write(file, events);
            }
            long lines = countLines(file);
            System.out.printf(Locale.ROOT, "file %s: %,d lines, %.1f MB%n", file, lines, Files.size(file) / 1e6);
            List<Double> sluice = new ArrayList<>();
            List<Double> jackson = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                boolean sluiceFirst = r % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean runSluice = (side == 0) == sluiceFirst;
                    double perSecond = runSluice ? sluiceRound(root.resolve("data-" + r), file, lines) : jacksonRound(file, lines);
                    System.out.printf(Locale.ROOT, "round %d %-8s %,12.0f events/s%s%n", r, runSluice ? "sluice" : "jackson",
                            perSecond, r == 0 ? " (warm-up)" : "");
                    if (r > 0) {
                        (runSluice ? sluice : jackson).add(perSecond);
                    }
                }
            }
            double s = median(sluice);
            double j = median(jackson);
            System.out.printf(Locale.ROOT, "%nmedian of %d rounds: sluice %,.0f events/s, plain jackson %,.0f events/s, ratio %.2f%n",
                    rounds, s, j, s / j);
        } finally {
            deleteTree(root);
        }
    }

    /** Sluice: CREATE STREAM with the file connector; time until its source has finished. */
    private static double sluiceRound(Path data, Path file, long lines) throws Exception {
        try (Sluice s = Sluice.open(SluiceConfig.builder(data).workers(1).build())) {
            long start = System.nanoTime();
            s.execute("CREATE STREAM bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, "
                    + "`dateTime` TIMESTAMP(3), extra VARCHAR) WITH ('connector' = 'file', 'path' = '" + file
                    + "', 'format' = 'json', 'json.path' = 'bid', 'json.filter' = 'event_type=2')");
            while (!state(s).equals("FINISHED")) {
                Thread.sleep(20); // SHOW STREAMS costs CPU that the source's worker would miss on a small machine
            }
            long nanos = System.nanoTime() - start;
            return lines / (nanos / 1e9);
        } finally {
            deleteTree(data);
        }
    }

    private static String state(Sluice s) throws InterruptedException {
        try (Rows rows = s.query("SHOW STREAMS")) {
            Row r;
            while ((r = rows.poll(1, TimeUnit.SECONDS)) != null) {
                if (r.getString("stream_name").equals("bid")) {
                    if ("FAILED".equals(r.getString("connector_state"))) {
                        throw new IllegalStateException("the file source failed");
                    }
                    return r.getString("connector_state");
                }
            }
        }
        return "";
    }

    /** Plain Jackson: split lines, parse each with a streaming parser, pull out the bid's fields. */
    private static double jacksonRound(Path file, long lines) throws IOException {
        long start = System.nanoTime();
        long checksum = 0;
        byte[] buf = new byte[1 << 20];
        int end = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int r = in.read(buf, end, buf.length - end);
                if (r < 0) {
                    break;
                }
                end += r;
                int from = 0;
                for (int i = 0; i < end; i++) {
                    if (buf[i] == '\n') {
                        checksum += parseBid(buf, from, i - from);
                        from = i + 1;
                    }
                }
                System.arraycopy(buf, from, buf, 0, end - from);
                end -= from;
            }
        }
        long nanos = System.nanoTime() - start;
        if (checksum == 42) {
            System.out.println("(checksum)"); // keeps the parse from being optimised away
        }
        return lines / (nanos / 1e9);
    }

    private static long parseBid(byte[] b, int off, int len) throws IOException {
        long sum = 0;
        try (JsonParser p = JSON.createParser(b, off, len)) {
            p.nextToken();
            boolean bid = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("event_type")) {
                    bid = p.getIntValue() == 2;
                } else if (name.equals("bid") && bid && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        switch (p.currentName()) {
                            case "auction", "bidder", "price" -> sum += p.getLongValue();
                            default -> sum += p.getText().length();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return sum;
    }

    /** Writes Nexmark-shaped union lines: per 50 events 1 person, 3 auctions, 46 bids. */
    private static void write(Path file, long events) throws IOException {
        Random rnd = new Random(42);
        String[] channels = {"Google", "Facebook", "Baidu", "Apple"};
        long base = 1_436_918_400_000L;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < events; i++) {
                String ts = java.time.LocalDateTime.ofEpochSecond((base + i / 10) / 1000, (int) ((base + i / 10) % 1000) * 1_000_000,
                        java.time.ZoneOffset.UTC).toString().replace('T', ' ');
                ts = ts.length() == 19 ? ts + ".000" : ts;
                long r = i % 50;
                if (r == 0) {
                    w.write("{\"event_type\":0,\"person\":{\"id\":" + (1000 + i / 50) + ",\"name\":\"Luke Jones\","
                            + "\"emailAddress\":\"x@y.com\",\"creditCard\":\"1234 5678 9012 3456\",\"city\":\"Bend\","
                            + "\"state\":\"OR\",\"dateTime\":\"" + ts + "\",\"extra\":\"" + letters(rnd, 140) + "\"},"
                            + "\"auction\":null,\"bid\":null}\n");
                } else if (r < 4) {
                    w.write("{\"event_type\":1,\"person\":null,\"auction\":{\"id\":" + (1000 + i / 50 * 3 + r - 1)
                            + ",\"itemName\":\"" + letters(rnd, 12) + "\",\"description\":\"" + letters(rnd, 50)
                            + "\",\"initialBid\":" + rnd.nextInt(10_000) + ",\"reserve\":" + rnd.nextInt(1_000_000)
                            + ",\"dateTime\":\"" + ts + "\",\"expires\":\"" + ts + "\",\"seller\":" + (1000 + rnd.nextInt(1000))
                            + ",\"category\":" + (10 + rnd.nextInt(5)) + ",\"extra\":\"" + letters(rnd, 380) + "\"},\"bid\":null}\n");
                } else {
                    int c = rnd.nextInt(4);
                    w.write("{\"event_type\":2,\"person\":null,\"auction\":null,\"bid\":{\"auction\":" + (1000 + rnd.nextInt(3000))
                            + ",\"bidder\":" + (1000 + rnd.nextInt(1000)) + ",\"price\":" + rnd.nextInt(1_000_000)
                            + ",\"channel\":\"" + channels[c] + "\",\"url\":\"https://www.nexmark.com/" + letters(rnd, 12)
                            + "/item.htm?query=1\",\"dateTime\":\"" + ts + "\",\"extra\":\"" + letters(rnd, 68) + "\"}}\n");
                }
            }
        }
    }

    private static String letters(Random rnd, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + rnd.nextInt(26));
        }
        return new String(c);
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        return v.isEmpty() ? Double.NaN : v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
