package io.sluice.nexmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes generated events as JSON lines, in two shapes:
 * <ul>
 *   <li>the union shape of the Flink peer ({@code /work/shared/peers/nexmark}): one line per event,
 *       {@code {"event_type":0|1|2,"person":{...}|null,"auction":{...}|null,"bid":{...}|null}}, with
 *       nexmark-flink field names ({@code dateTime}, {@code emailAddress}, ...) or snake_case ones, so the
 *       same events can be fed to the peer;</li>
 *   <li>one flat file per stream ({@code person.jsonl}, {@code auction.jsonl}, {@code bid.jsonl}) whose
 *       keys are the columns of {@link NexmarkSchema}: what a bounded {@code file} source with
 *       {@code 'format' = 'json'} reads into each stream.</li>
 * </ul>
 * Timestamps are UTC text {@code yyyy-MM-dd HH:mm:ss.SSS}.
 */
public final class NexmarkJson {
    /** Field naming of the union shape. */
    public enum FieldNames { FLINK, SNAKE }

    private NexmarkJson() {
    }

    /** Writes every event to {@code file} in the union shape. */
    public static void writeUnion(NexmarkData data, Path file, FieldNames names) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (NexmarkEvent e : data.events()) {
                w.write(unionLine(e, names));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code person.jsonl}, {@code auction.jsonl} and {@code bid.jsonl} into {@code dir}. */
    public static void writeFlat(NexmarkData data, Path dir) {
        try {
            Files.createDirectories(dir);
            try (BufferedWriter p = Files.newBufferedWriter(dir.resolve("person.jsonl"), StandardCharsets.UTF_8);
                 BufferedWriter a = Files.newBufferedWriter(dir.resolve("auction.jsonl"), StandardCharsets.UTF_8);
                 BufferedWriter b = Files.newBufferedWriter(dir.resolve("bid.jsonl"), StandardCharsets.UTF_8)) {
                for (NexmarkEvent e : data.events()) {
                    Writer w = e instanceof Person ? p : e instanceof Auction ? a : b;
                    w.write(object(e, FieldNames.SNAKE));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event in the union shape, without the line end. */
    public static String unionLine(NexmarkEvent e, FieldNames names) {
        String body = object(e, names);
        return "{\"event_type\":" + e.eventType()
                + ",\"person\":" + (e instanceof Person ? body : "null")
                + ",\"auction\":" + (e instanceof Auction ? body : "null")
                + ",\"bid\":" + (e instanceof Bid ? body : "null") + "}";
    }

    /** The event's own object, keys in DDL order. */
    public static String object(NexmarkEvent e, FieldNames names) {
        boolean flink = names == FieldNames.FLINK;
        StringBuilder sb = new StringBuilder(256).append('{');
        if (e instanceof Person p) {
            num(sb, "id", p.id());
            str(sb, "name", p.name());
            str(sb, flink ? "emailAddress" : "email_address", p.emailAddress());
            str(sb, flink ? "creditCard" : "credit_card", p.creditCard());
            str(sb, "city", p.city());
            str(sb, "state", p.state());
            str(sb, flink ? "dateTime" : "date_time", NexmarkData.timestampText(p.dateTime()));
            str(sb, "extra", p.extra());
        } else if (e instanceof Auction a) {
            num(sb, "id", a.id());
            str(sb, flink ? "itemName" : "item_name", a.itemName());
            str(sb, "description", a.description());
            num(sb, flink ? "initialBid" : "initial_bid", a.initialBid());
            num(sb, "reserve", a.reserve());
            str(sb, flink ? "dateTime" : "date_time", NexmarkData.timestampText(a.dateTime()));
            str(sb, "expires", NexmarkData.timestampText(a.expires()));
            num(sb, "seller", a.seller());
            num(sb, "category", a.category());
            str(sb, "extra", a.extra());
        } else if (e instanceof Bid b) {
            num(sb, "auction", b.auction());
            num(sb, "bidder", b.bidder());
            num(sb, "price", b.price());
            str(sb, "channel", b.channel());
            str(sb, "url", b.url());
            str(sb, flink ? "dateTime" : "date_time", NexmarkData.timestampText(b.dateTime()));
            str(sb, "extra", b.extra());
        }
        return sb.append('}').toString();
    }

    private static void key(StringBuilder sb, String name) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":");
    }

    private static void num(StringBuilder sb, String name, long v) {
        key(sb, name);
        sb.append(v);
    }

    private static void str(StringBuilder sb, String name, String v) {
        key(sb, name);
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
