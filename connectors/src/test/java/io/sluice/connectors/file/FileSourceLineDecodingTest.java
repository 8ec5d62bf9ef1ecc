package io.sluice.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.connectors.format.JsonFormatFactory;
import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.Options;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file source with the JSON decoder, which finds each line's end while it parses: a file of
 * Nexmark-shaped lines, good, turned away by the filter and bad (several MiB, so that lines straddle
 * the read buffer's end), must give exactly the rows and dead letters that decoding each line on its
 * own gives, in order.
 */
class FileSourceLineDecodingTest {
    private static final RowSchema BID = RowSchema.of(col("auction", TypeKind.BIGINT), col("bidder", TypeKind.BIGINT),
            col("price", TypeKind.BIGINT), col("channel", TypeKind.VARCHAR), col("url", TypeKind.VARCHAR),
            col("date_time", TypeKind.TIMESTAMP), col("extra", TypeKind.VARCHAR));

    @TempDir
    Path dir;

    private static Column col(String name, TypeKind kind) {
        return new Column(name, DataType.of(kind));
    }

    private static Decoder decoder() {
        return new JsonFormatFactory().create(BID, Options.of(Map.of("path", "bid", "filter", "event_type=2"))).newDecoder();
    }

    /** Every row as text and every rejected line as its error, in the order they came. */
    private static final class Output implements SourceOutput {
        final List<String> events = new ArrayList<>();
        private final RowWriter row = new RowWriter(BID);
        private final RowReader view = new RowReader(BID);

        @Override
        public RowWriter row() {
            return row.begin(RowKind.INSERT);
        }

        @Override
        public boolean emit() {
            events.add(view.wrap(row.buffer(), 0, row.length()).toString());
            return true;
        }

        @Override
        public void reject(byte[] raw, int offset, int length, String error) {
            events.add("bad " + new String(raw, offset, length, StandardCharsets.UTF_8) + ": " + error);
        }
    }

    private static String bid(Random rnd, int i) {
        long auction = rnd.nextInt(3) == 0 ? -rnd.nextInt(1000) : 1000 + rnd.nextInt(100_000);
        String[] fields = {
            "\"auction\":" + auction,
            "\"bidder\":" + (rnd.nextBoolean() ? "null" : String.valueOf(rnd.nextLong())),
            "\"price\":" + rnd.nextInt(100_000_000),
            "\"channel\":\"" + (rnd.nextBoolean() ? "Baidu" : "channel-" + rnd.nextInt(10_000)) + "\"",
            "\"url\":\"https://www.nexmark.com/a/b/item.htm?query=1&channel_id=" + rnd.nextInt() + "\"",
            "\"dateTime\":\"" + timestamp(rnd, i) + "\"",
            "\"extra\":\"" + extra(rnd) + "\""};
        if (rnd.nextInt(10) == 0) { // another field order now and then
            for (int k = fields.length - 1; k > 0; k--) {
                int j = rnd.nextInt(k + 1);
                String t = fields[k];
                fields[k] = fields[j];
                fields[j] = t;
            }
        }
        int keep = rnd.nextInt(20) == 0 ? fields.length - 1 - rnd.nextInt(3) : fields.length; // a few lack fields
        return "{\"event_type\":2,\"person\":null,\"auction\":null,\"bid\":{" + String.join(",", List.of(fields).subList(0, keep))
                + "}}";
    }

    /** Around midnight, so that days change every few lines. */
    private static String timestamp(Random rnd, int i) {
        int day = 15 + i / 500 % 10;
        boolean late = rnd.nextBoolean();
        return String.format("2015-07-%02d %02d:%02d:%02d.%03d", day, late ? 23 : 0, late ? 59 : 0, late ? 59 : rnd.nextInt(2),
                rnd.nextInt(1000));
    }

    private static String extra(Random rnd) {
        StringBuilder s = new StringBuilder();
        int n = rnd.nextInt(300);
        for (int k = 0; k < n; k++) {
            int r = rnd.nextInt(60);
            s.append(r == 0 ? "\\n" : r == 1 ? "\\\"" : r == 2 ? "\\u00e9" : r == 3 ? "é" : String.valueOf((char) ('a' + r % 26)));
        }
        return s.toString();
    }

    private static String line(Random rnd, int i) {
        int kind = rnd.nextInt(40);
        return switch (kind) {
            case 0 -> "{\"event_type\":0,\"person\":{\"id\":" + i + ",\"name\":\"Luke\"},\"auction\":null,\"bid\":null}";
            case 1 -> "{\"event_type\":1,\"person\":null,\"auction\":{\"id\":" + i + "},\"bid\":null}";
            case 2 -> "";
            case 3 -> "   ";
            case 4 -> bid(rnd, i) + " trailing";
            case 5 -> bid(rnd, i).substring(0, 40 + rnd.nextInt(60)); // cut short
            case 6 -> "{\"event_type\":2,\"bid\":{\"auction\":1,\"extra\":\"tab\there\"}}";
            case 7 -> "{\"event_type\":12,\"person\":null,\"auction\":null,\"bid\":null}";
            case 8 -> "{\"event_type\":2,\"person\":null,\"auction\":null,\"bid\":null}";
            case 9 -> "{\"bid\":{\"auction\":5}}";
            case 10 -> "{\"event_type\":2,\"bid\":{\"auction\":\"x\"}}";
            case 11 -> bid(rnd, i) + "  \r";
            case 12 -> "  \t" + bid(rnd, i);
            default -> bid(rnd, i);
        };
    }

    @Test
    void givesTheRowsAndErrorsOfDecodingEachLineAlone() throws Exception {
        Random rnd = new Random(11);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        while (file.size() < (5 << 20)) {
            String line = line(rnd, lines.size());
            if (file.size() + line.length() < (5 << 20) && rnd.nextInt(7) == 0) {
                line += "\r"; // a CRLF line end
            }
            lines.add(line);
            file.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (file.size() < (5 << 20)) {
                file.writeBytes(new byte[] {'\n'});
            }
        }
        Path path = dir.resolve("events.jsonl");
        Files.write(path, file.toByteArray());

        // each line alone, through the plain decode
        Decoder alone = decoder();
        Output expected = new Output();
        for (String line : lines) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line; // as the reader: one \r
            if (text.isEmpty()) {
                continue;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            try {
                if (alone.decode(bytes, 0, bytes.length, expected)) {
                    expected.emit();
                }
            } catch (BadRecordException e) {
                expected.reject(bytes, 0, bytes.length, e.getMessage());
            }
        }

        FileSourceReader reader = new FileSourceReader(new FileSet(path.toString()), 0, 1, decoder(), false, 100, null);
        Output actual = new Output();
        int polls = 0;
        while (!reader.isFinished() && polls++ < 1_000_000) {
            reader.poll(actual, 100);
        }
        reader.close();
        assertTrue(reader.isFinished());
        assertTrue(expected.events.stream().anyMatch(e -> e.startsWith("bad ")), "the file has bad lines");
        assertTrue(expected.events.size() > 10_000, "the file has many rows: " + expected.events.size());
        assertEquals(expected.events.size(), actual.events.size());
        for (int i = 0; i < expected.events.size(); i++) {
            assertEquals(expected.events.get(i), actual.events.get(i), "event " + i);
        }
    }
}
