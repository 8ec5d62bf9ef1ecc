package io.sluice.connectors.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The byte-level JSON decoder: values, escapes, numbers, timestamps, path and filter, and bad records. */
class JsonDecoderTest {
    private static final RowSchema BID = RowSchema.of(col("auction", TypeKind.BIGINT), col("bidder", TypeKind.BIGINT),
            col("price", TypeKind.BIGINT), col("channel", TypeKind.VARCHAR), col("url", TypeKind.VARCHAR),
            col("date_time", TypeKind.TIMESTAMP), col("extra", TypeKind.VARCHAR));
    private static final String BID_LINE = "{\"event_type\":2,\"person\":null,\"auction\":null,\"bid\":{\"auction\":1000,"
            + "\"bidder\":1001,\"price\":13787232,\"channel\":\"channel-8222\",\"url\":\"https://www.nexmark.com/brm/ay_u/pzo/"
            + "item.htm?query=1&channel_id=2013528064\",\"dateTime\":\"2015-07-15 00:00:00.004\",\"extra\":\"ipkjysyeh\"}}";
    private static final String PERSON_LINE = "{\"event_type\":0,\"person\":{\"id\":1000,\"name\":\"Luke Jones\","
            + "\"dateTime\":\"2015-07-15 00:00:00.000\"},\"auction\":null,\"bid\":null}";

    private static Column col(String name, TypeKind kind) {
        return new Column(name, DataType.of(kind));
    }

    /** Decodes into a fresh row (a returned reader) or null if the decoder skipped the record. */
    private static RowReader decode(JsonDecoder d, RowSchema schema, String json) {
        RowWriter w = new RowWriter(schema);
        w.begin(RowKind.INSERT);
        // surrounded by other bytes: the decoder must keep to its slice
        byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        if (!d.decode(bytes, 2, bytes.length - 4, w)) {
            return null;
        }
        return new RowReader(schema).wrap(w.buffer(), 0, w.length());
    }

    private static String error(JsonDecoder d, RowSchema schema, String json) {
        return assertThrows(BadRecordException.class, () -> decode(d, schema, json)).getMessage();
    }

    private static long millis(int y, int mo, int d, int h, int mi, int s, int ms) {
        return LocalDateTime.of(y, mo, d, h, mi, s, ms * 1_000_000).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void readsANexmarkBidThroughPathAndFilter() {
        JsonDecoder d = new JsonDecoder(BID, "bid", "event_type", "2");
        for (int round = 0; round < 3; round++) { // the second and later rounds go through the remembered names
            RowReader r = decode(d, BID, BID_LINE);
            assertEquals(1000L, r.getLong(0));
            assertEquals(1001L, r.getLong(1));
            assertEquals(13787232L, r.getLong(2));
            assertEquals("channel-8222", r.getString(3));
            assertEquals("https://www.nexmark.com/brm/ay_u/pzo/item.htm?query=1&channel_id=2013528064", r.getString(4));
            assertEquals(millis(2015, 7, 15, 0, 0, 0, 4), r.getLong(5));
            assertEquals("ipkjysyeh", r.getString(6));
            assertEquals(null, decode(d, BID, PERSON_LINE), "a person event is not a bid");
        }
    }

    /** A SourceOutput that counts how often the decoder asks for the row. */
    private static final class CountingOutput implements SourceOutput {
        final RowWriter writer;
        int rowsAsked;

        CountingOutput(RowSchema schema) {
            writer = new RowWriter(schema);
        }

        @Override
        public RowWriter row() {
            rowsAsked++;
            return writer.begin(RowKind.INSERT);
        }

        @Override
        public boolean emit() {
            throw new AssertionError("a decoder never emits");
        }

        @Override
        public void reject(byte[] raw, int offset, int length, String error) {
            throw new AssertionError("a decoder never rejects");
        }
    }

    @Test
    void throughASourceOutputTheRowIsPreparedOnlyForARecordThatIsKept() {
        JsonDecoder d = new JsonDecoder(BID, "bid", "event_type", "2");
        CountingOutput out = new CountingOutput(BID);
        for (int round = 0; round < 3; round++) {
            byte[] person = PERSON_LINE.getBytes(StandardCharsets.UTF_8);
            assertFalse(d.decode(person, 0, person.length, out));
            assertEquals(round, out.rowsAsked, "a record of another kind gets no row");
            byte[] bid = BID_LINE.getBytes(StandardCharsets.UTF_8);
            assertTrue(d.decode(bid, 0, bid.length, out));
            assertEquals(round + 1, out.rowsAsked, "a kept record asks for its row once");
            RowReader r = new RowReader(BID).wrap(out.writer.buffer(), 0, out.writer.length());
            assertEquals(1000L, r.getLong(0));
            assertEquals("channel-8222", r.getString(3));
            assertEquals(millis(2015, 7, 15, 0, 0, 0, 4), r.getLong(5));
        }
        // a kept record without any value still has its (all NULL) row begun
        RowSchema one = RowSchema.of(col("id", TypeKind.BIGINT));
        JsonDecoder empty = new JsonDecoder(one, null, null, null);
        CountingOutput o = new CountingOutput(one);
        o.writer.begin(RowKind.INSERT).putLong(0, 7);
        byte[] nothing = "{}".getBytes(StandardCharsets.UTF_8);
        assertTrue(empty.decode(nothing, 0, nothing.length, o));
        assertEquals(1, o.rowsAsked);
        assertTrue(new RowReader(one).wrap(o.writer.buffer(), 0, o.writer.length()).isNull(0));
    }

    @Test
    void timestampsOfConsecutiveRecordsAcrossDaysAndBadTimesAfterAGoodDay() {
        RowSchema schema = RowSchema.of(col("t", TypeKind.TIMESTAMP));
        JsonDecoder d = new JsonDecoder(schema, null, null, null);
        String[] texts = {"2015-07-15 23:59:59.999", "2015-07-16 00:00:00.001", "2015-07-16T12:34:56.789",
            "2015-07-15 00:00:00.000", "2016-02-29 08:00:00.500", "2015-07-15 01:02:03.045"};
        long[] want = {millis(2015, 7, 15, 23, 59, 59, 999), millis(2015, 7, 16, 0, 0, 0, 1), millis(2015, 7, 16, 12, 34, 56, 789),
            millis(2015, 7, 15, 0, 0, 0, 0), millis(2016, 2, 29, 8, 0, 0, 500), millis(2015, 7, 15, 1, 2, 3, 45)};
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < texts.length; k++) {
                assertEquals(want[k], decode(d, schema, "{\"t\":\"" + texts[k] + "\"}").getLong(0), texts[k]);
            }
        }
        // the day is remembered, but a bad time of that day is still a bad record, with the same message
        decode(d, schema, "{\"t\":\"2015-07-15 00:00:00.000\"}");
        assertEquals("column t: '2015-07-15 24:00:00.000' is not a timestamp (yyyy-MM-dd HH:mm:ss.SSS)",
                error(d, schema, "{\"t\":\"2015-07-15 24:00:00.000\"}"));
        assertEquals("column t: '2015-07-15 00:0x:00.000' is not a timestamp (yyyy-MM-dd HH:mm:ss.SSS)",
                error(d, schema, "{\"t\":\"2015-07-15 00:0x:00.000\"}"));
    }

    @Test
    void aRecordTheFilterRejectsIsNotReadPastTheFilterField() {
        JsonDecoder d = new JsonDecoder(BID, "bid", "event_type", "2");
        assertEquals(null, decode(d, BID, "{\"event_type\":0,\"person\": {this is not json"));
        // the stream the record belongs to does see it as malformed
        RowSchema person = RowSchema.of(col("id", TypeKind.BIGINT));
        JsonDecoder persons = new JsonDecoder(person, "person", "event_type", "0");
        assertTrue(error(persons, person, "{\"event_type\":0,\"person\": {this is not json").startsWith("malformed JSON"));
    }

    @Test
    void filterComparesTextOfStringsNumbersAndLiterals() {
        RowSchema s = RowSchema.of(col("v", TypeKind.BIGINT));
        JsonDecoder byString = new JsonDecoder(s, null, "kind", "bid");
        assertEquals(7L, decode(byString, s, "{\"v\": 7, \"kind\": \"bid\"}").getLong(0));
        assertEquals(7L, decode(byString, s, "{\"kind\": \"b\\u0069d\", \"v\": 7}").getLong(0), "compared unescaped");
        assertEquals(null, decode(byString, s, "{\"kind\": \"bids\", \"v\": 7}"));
        assertEquals(null, decode(byString, s, "{\"kind\": {\"x\": 1}, \"v\": 7}"), "an object never matches");
        assertEquals(null, decode(byString, s, "{\"v\": 7}"), "no filter field: not for this stream");
        JsonDecoder byNumber = new JsonDecoder(s, null, "kind", "2");
        assertEquals(2L, decode(byNumber, s, "{\"kind\": 2, \"v\": 2}").getLong(0));
        assertEquals(null, decode(byNumber, s, "{\"kind\": 2.0, \"v\": 2}"), "the number as written");
        // the filter field may also be a column
        RowSchema both = RowSchema.of(col("kind", TypeKind.BIGINT), col("v", TypeKind.BIGINT));
        RowReader r = decode(new JsonDecoder(both, null, "kind", "2"), both, "{\"kind\": 2, \"v\": 5}");
        assertEquals(2L, r.getLong(0));
        assertEquals(5L, r.getLong(1));
    }

    @Test
    void pathObjectMissingNullOrNotAnObject() {
        RowSchema s = RowSchema.of(col("id", TypeKind.BIGINT));
        JsonDecoder noFilter = new JsonDecoder(s, "person", null, null);
        assertEquals(null, decode(noFilter, s, "{\"person\": null, \"bid\": {\"id\": 1}}"));
        assertEquals(null, decode(noFilter, s, "{\"bid\": {\"id\": 1}}"));
        assertEquals(4L, decode(noFilter, s, "{\"bid\": {\"id\": 1}, \"person\": {\"id\": 4, \"deeper\": {\"id\": 9}}}").getLong(0));
        assertEquals("field 'person' is not an object", error(noFilter, s, "{\"person\": [1]}"));
        assertEquals("field 'person' is not an object", error(noFilter, s, "{\"person\": 12}"));
        JsonDecoder filtered = new JsonDecoder(s, "person", "event_type", "0");
        assertEquals("record has no object 'person'", error(filtered, s, "{\"event_type\": 0, \"person\": null}"));
        assertEquals(3L, decode(filtered, s, "{\"person\": {\"id\": 3}, \"event_type\": 0}").getLong(0), "filter after the path");
    }

    @Test
    void textEscapesAndUtf8() {
        RowSchema s = RowSchema.of(col("t", TypeKind.VARCHAR));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        assertEquals("a\"b\\c/d\be\ff\ng\rh\ti", decode(d, s, "{\"t\": \"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"}").getString(0));
        assertEquals("caf\u00e9 \u20ac", decode(d, s, "{\"t\": \"caf\\u00e9 \\u20AC\"}").getString(0));
        assertEquals("smile \uD83D\uDE00!", decode(d, s, "{\"t\": \"smile \\ud83d\\ude00!\"}").getString(0), "a surrogate pair");
        assertEquals("x?y", decode(d, s, "{\"t\": \"x\\ud83dy\"}").getString(0), "a lone surrogate, as Java encodes it");
        assertEquals("\u0000", decode(d, s, "{\"t\": \"\\u0000\"}").getString(0));
        String raw = "\u00fcber \u65e5\u672c \uD83D\uDE00 and a long tail past eight bytes";
        assertEquals(raw, decode(d, s, "{\"t\": \"" + raw + "\"}").getString(0), "UTF-8 passes through");
        assertEquals("", decode(d, s, "{\"t\": \"\"}").getString(0));
        assertEquals("12.50", decode(d, s, "{\"t\": 12.50}").getString(0), "a number as written");
        assertEquals("true", decode(d, s, "{\"t\": true}").getString(0));
        assertTrue(decode(d, s, "{\"t\": null}").isNull(0));

        assertTrue(error(d, s, "{\"t\": \"a\\x\"}").startsWith("malformed JSON: unknown escape 'x'"));
        assertTrue(error(d, s, "{\"t\": \"a\\u12G4\"}").startsWith("malformed JSON: expected a hex digit"));
        assertTrue(error(d, s, "{\"t\": \"tab\there\"}").startsWith("malformed JSON: control character"));
        byte[] invalid = {'{', '"', 't', '"', ':', '"', 'a', (byte) 0xC3, '"', '}'};
        RowWriter w = new RowWriter(s).begin(RowKind.INSERT);
        assertEquals("malformed JSON: invalid UTF-8 sequence at column 8",
                assertThrows(BadRecordException.class, () -> d.decode(invalid, 0, invalid.length, w)).getMessage());
        byte[] overlong = {'{', '"', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertTrue(assertThrows(BadRecordException.class, () -> d.decode(overlong, 0, overlong.length, w)).getMessage()
                .startsWith("malformed JSON: invalid UTF-8 byte 0xc0"));
        byte[] surrogate = {'{', '"', 't', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertTrue(assertThrows(BadRecordException.class, () -> d.decode(surrogate, 0, surrogate.length, w)).getMessage()
                .startsWith("malformed JSON: invalid UTF-8"));
    }

    @Test
    void wholeNumbersAndTheirLimits() {
        RowSchema s = RowSchema.of(col("n", TypeKind.BIGINT), col("i", TypeKind.INT));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        assertEquals(-42L, decode(d, s, "{\"n\": -42}").getLong(0));
        assertEquals(0L, decode(d, s, "{\"n\": -0}").getLong(0));
        assertEquals(Long.MAX_VALUE, decode(d, s, "{\"n\": 9223372036854775807}").getLong(0));
        assertEquals(Long.MIN_VALUE, decode(d, s, "{\"n\": -9223372036854775808}").getLong(0));
        assertEquals(1234567890123456789L, decode(d, s, "{\"n\": 1234567890123456789}").getLong(0));
        assertEquals("9223372036854775808 is too large for column n", error(d, s, "{\"n\": 9223372036854775808}"));
        assertEquals("-9223372036854775809 is too large for column n", error(d, s, "{\"n\": -9223372036854775809}"));
        assertEquals("99999999999999999999 is too large for column n", error(d, s, "{\"n\": 99999999999999999999}"));
        assertEquals("column n BIGINT needs a whole number, got the number 1.5", error(d, s, "{\"n\": 1.5}"));
        assertEquals("column n BIGINT needs a whole number, got the number 1e3", error(d, s, "{\"n\": 1e3}"));
        assertEquals("column n BIGINT needs a whole number, got text 'five'", error(d, s, "{\"n\": \"five\"}"));
        assertEquals("column n BIGINT needs a whole number, got a boolean", error(d, s, "{\"n\": true}"));
        assertEquals(-2147483648, decode(d, s, "{\"i\": -2147483648}").getInt(1));
        assertEquals("2147483648 is too large for column i INT", error(d, s, "{\"i\": 2147483648}"));

        assertEquals("malformed JSON: leading zeros are not allowed in a number at column 8", error(d, s, "{\"n\": 012}"));
        assertEquals("malformed JSON: expected a digit after '-' at column 8", error(d, s, "{\"n\": -}"));
        assertEquals("malformed JSON: expected a digit after the decimal point at column 9", error(d, s, "{\"n\": 1.}"));
        assertEquals("malformed JSON: expected a digit in the exponent at column 10", error(d, s, "{\"n\": 1e+}"));
        assertEquals("malformed JSON: expected a value, found '+' at column 7", error(d, s, "{\"n\": +1}"));
        assertEquals("malformed JSON: expected ',' or '}' after a field, found 'x' at column 9", error(d, s, "{\"n\": 12x}"));
    }

    @Test
    void doublesAreCorrectlyRounded() {
        RowSchema s = RowSchema.of(col("x", TypeKind.DOUBLE));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        String[] numbers = {"0", "-0.0", "1.5", "-2.25", "0.1", "0.3", "3.141592653589793", "1e3", "1E-3", "-1.5e+10",
            "123456789012345678", "12345678901234567890123", "1.7976931348623157e308", "4.9e-324", "1e-400", "2.2250738585072014E-308",
            "0.000000000000000000000000000001", "9007199254740993", "123.456e-7", "100000000000000000000000"};
        for (String n : numbers) {
            assertEquals(Double.parseDouble(n), decode(d, s, "{\"x\": " + n + "}").getDouble(0), n);
        }
        assertEquals("column x DOUBLE needs a number, got text '1.5'", error(d, s, "{\"x\": \"1.5\"}"));
    }

    @Test
    void decimalsBooleansAndObjectsWhereValuesBelong() {
        RowSchema s = RowSchema.of(new Column("d", DataType.decimal(6, 2)), col("b", TypeKind.BOOLEAN), col("n", TypeKind.BIGINT));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        RowReader r = decode(d, s, "{\"d\": 1234.565, \"b\": false}");
        assertEquals(new BigDecimal("1234.57"), r.getDecimal(0));
        assertFalse(r.getBoolean(1));
        assertTrue(decode(d, s, "{\"b\": true}").getBoolean(1));
        assertTrue(error(d, s, "{\"d\": 123456}").startsWith("column d: "));
        assertEquals("column b BOOLEAN needs a boolean, got the number 1", error(d, s, "{\"b\": 1}"));
        assertEquals("field for column n holds an object, not a value", error(d, s, "{\"n\": {\"v\": 1}}"));
        assertEquals("field for column n holds an array, not a value", error(d, s, "{\"n\": [1]}"));
    }

    @Test
    void decimalsRoundHalfUpAndRefuseTooManyDigitsAsRowWriterDoes() {
        DataType[] types = {DataType.decimal(6, 2), DataType.decimal(18, 4), DataType.decimal(10, 0), DataType.decimal(18, 0),
            DataType.decimal(30, 3)};
        String[] numbers = {"0", "-0", "-0.0", "1", "-1", "1.005", "-1.005", "1.004", "0.00005", "0.00004999", "123456.785",
            "9999.994", "9999.995", "-9999.995", "1e2", "1.5E3", "-2.5e-1", "12e-3", "1e-30", "1e30", "0e99999",
            "999999999999999999", "-999999999999999999", "99999999999999.99995", "12345678901234567890", "0.123456789012345678",
            "1234567890.12345678", "5e-19", "1.00000000000000000000000001"};
        for (DataType type : types) {
            RowSchema s = RowSchema.of(new Column("d", type));
            JsonDecoder d = new JsonDecoder(s, null, null, null);
            for (String n : numbers) {
                RowWriter reference = new RowWriter(s).begin(RowKind.INSERT);
                String expected;
                try {
                    reference.putDecimal(0, new BigDecimal(n));
                    expected = new RowReader(s).wrap(reference.buffer(), 0, reference.length()).getDecimal(0).toString();
                } catch (ArithmeticException e) {
                    expected = "column d: " + e.getMessage();
                }
                String actual;
                try {
                    actual = decode(d, s, "{\"d\": " + n + "}").getDecimal(0).toString();
                } catch (BadRecordException e) {
                    actual = e.getMessage();
                }
                assertEquals(expected, actual, n + " as " + type.sql());
            }
        }
    }

    @Test
    void timestampsFromTextOrEpochMillis() {
        RowSchema s = RowSchema.of(col("ts", TypeKind.TIMESTAMP));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        assertEquals(millis(2026, 11, 22, 10, 0, 1, 500), decode(d, s, "{\"ts\": \"2026-11-22 10:00:01.500\"}").getLong(0));
        assertEquals(millis(2026, 11, 22, 10, 0, 1, 500), decode(d, s, "{\"ts\": \"2026-11-22T10:00:01.5Z\"}").getLong(0));
        assertEquals(millis(2026, 11, 22, 10, 0, 1, 0), decode(d, s, "{\"ts\": \"2026-11-22 10:00:01\"}").getLong(0));
        assertEquals(millis(2026, 11, 22, 0, 0, 0, 0), decode(d, s, "{\"ts\": \"2026-11-22\"}").getLong(0));
        assertEquals(millis(1969, 12, 31, 23, 59, 59, 999), decode(d, s, "{\"ts\": \"1969-12-31 23:59:59.999\"}").getLong(0));
        assertEquals(millis(2000, 2, 29, 12, 0, 0, 0), decode(d, s, "{\"ts\": \"2000-02-29T12:00:00.000\"}").getLong(0));
        assertEquals(1795341602000L, decode(d, s, "{\"ts\": 1795341602000}").getLong(0));
        assertEquals("column ts: '2026-13-22 10:00:01.500' is not a timestamp (yyyy-MM-dd HH:mm:ss.SSS)",
                error(d, s, "{\"ts\": \"2026-13-22 10:00:01.500\"}"));
        assertEquals("column ts: '2026-11-22 10:00:01x500' is not a timestamp (yyyy-MM-dd HH:mm:ss.SSS)",
                error(d, s, "{\"ts\": \"2026-11-22 10:00:01x500\"}"));
        assertEquals("column ts: '2026-11-22 1a:00:01.500' is not a timestamp (yyyy-MM-dd HH:mm:ss.SSS)",
                error(d, s, "{\"ts\": \"2026-11-22 1a:00:01.500\"}"));
        assertEquals("column ts TIMESTAMP(3) needs a timestamp, got the number 1.5", error(d, s, "{\"ts\": 1.5}"));
    }

    @Test
    void fieldNamesIgnoreCaseAndUnderscoresInAnyOrder() {
        RowSchema s = RowSchema.of(col("date_time", TypeKind.BIGINT), col("id", TypeKind.BIGINT));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        RowReader r = decode(d, s, "{\"dateTime\": 1, \"id\": 2}");
        assertEquals(1L, r.getLong(0));
        assertEquals(2L, r.getLong(1));
        r = decode(d, s, "{\"id\": 3, \"DATE_TIME\": 4}"); // another order: positions resolve anew
        assertEquals(4L, r.getLong(0));
        assertEquals(3L, r.getLong(1));
        r = decode(d, s, "{\"i\\u0064\": 5, \"idx\": 6, \"date__time\": 7}");
        assertEquals(7L, r.getLong(0));
        assertEquals(5L, r.getLong(1));
        r = decode(d, s, "{\"idx\": 1, \"date_time_and_more\": 2, \"date_time\": 3}");
        assertTrue(r.isNull(1));
        assertEquals(3L, r.getLong(0));
        r = decode(d, s, "{\"id\": 1, \"date_time_and\": 2, \"date_time\": 4}"); // prefixes of the names seen before
        assertEquals(1L, r.getLong(1));
        assertEquals(4L, r.getLong(0));
        assertTrue(error(d, s, "{\"id\": 1, \"date_time_a").startsWith("malformed JSON: the record ends inside a text value"));
        r = decode(d, s, "{\"id\": 8}");
        assertTrue(r.isNull(0), "a column without a field is NULL, whatever the record before had");
        assertEquals(8L, r.getLong(1));
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkipped() {
        RowSchema s = RowSchema.of(col("id", TypeKind.BIGINT));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        String json = " { \"a\" : [1, -2.5e3, \"x\\\"]\", {\"b\": [[], {}]}, true, false, null] , \"id\" :\t9 ,"
                + " \"c\": {\"d\": {\"e\": \"}\"}} }\r\n";
        assertEquals(9L, decode(d, s, json).getLong(0));
        assertTrue(decode(d, s, "{}").isNull(0));
        assertTrue(error(d, s, "{\"a\": [1, 2,]}").startsWith("malformed JSON: expected a value, found ']'"));
        assertTrue(error(d, s, "{\"a\": [1 2]}").startsWith("malformed JSON: expected ',' or ']' in an array, found '2'"));
        assertTrue(error(d, s, "{\"a\": tru}").startsWith("malformed JSON: unrecognized token 'tru'"));
        assertTrue(error(d, s, "{\"a\": nullx}").startsWith("malformed JSON: unrecognized token 'nullx'"));
        String deep = "{\"a\": " + "[".repeat(JsonDecoder.MAX_DEPTH + 5) + "]".repeat(JsonDecoder.MAX_DEPTH + 5) + "}";
        assertTrue(error(d, s, deep).startsWith("malformed JSON: nesting deeper than"));
    }

    @Test
    void badRecordsSayWhatAndWhere() {
        RowSchema s = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT).withNullable(false)), col("item", TypeKind.VARCHAR));
        JsonDecoder d = new JsonDecoder(s, null, null, null);
        assertEquals("malformed JSON: the record ends too early at column 19", error(d, s, "{\"id\": 2, \"item\": "));
        assertEquals("malformed JSON: the record ends inside a text value at column 22", error(d, s, "{\"id\": 2, \"item\": \"ab"));
        assertEquals("malformed JSON: expected ':' after a field name, found '2' at column 7", error(d, s, "{\"id\" 2}"));
        assertEquals("malformed JSON: expected a field name in double quotes, found 'i' at column 2", error(d, s, "{id: 2}"));
        assertEquals("malformed JSON: expected a field name in double quotes, found '}' at column 10", error(d, s, "{\"id\": 2,}"));
        assertEquals(5L, decode(d, s, "\uFEFF{\"id\": 5}").getLong(0), "a byte order mark before the object");
        assertEquals("not a JSON object", error(d, s, "\uFEFF[5]"));
        assertEquals("not a JSON object", error(d, s, "[1, 2]"));
        assertEquals("not a JSON object", error(d, s, "\"text\""));
        assertEquals("not a JSON object", error(d, s, "null"));
        assertEquals("not a JSON object", error(d, s, "   "));
        assertEquals("malformed JSON: unexpected character 'n' where the object should start at column 1",
                error(d, s, "not json at all"));
        assertEquals("unexpected content after the JSON object", error(d, s, "{\"id\": 1} {\"id\": 2}"));
        assertEquals("no value for column id, which is NOT NULL", error(d, s, "{\"item\": \"no id\"}"));
        assertEquals("no value for column id, which is NOT NULL", error(d, s, "{\"id\": null}"));
        assertEquals(1L, decode(d, s, "{\"id\": 1}").getLong(0));
        assertEquals("no value for column id, which is NOT NULL", error(d, s, "{}"), "a value of an earlier record does not count");
        assertEquals("column id BIGINT needs a whole number, got text 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn...'",
                error(d, s, "{\"id\": \"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\"}"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodeLineFindsTheLineEndOfAnAcceptedRecord() {
        JsonDecoder d = new JsonDecoder(BID, "bid", "event_type", "2");
        byte[] buf = utf8("xx" + BID_LINE + " \r\n" + PERSON_LINE + "\n");
        CountingOutput out = new CountingOutput(BID);
        long answer = d.decodeLine(buf, 2, buf.length, out);
        int nl = 2 + BID_LINE.length() + 2;
        assertEquals(nl | LineDecoder.LINE_END | LineDecoder.ACCEPTED, answer);
        assertEquals(1, out.rowsAsked);
        RowReader r = new RowReader(BID).wrap(out.writer.buffer(), 0, out.writer.length());
        assertEquals(13787232L, r.getLong(2));
        assertEquals(millis(2015, 7, 15, 0, 0, 0, 4), r.getLong(5));

        // the next line is a person: turned away at its filter field, before its end
        long next = d.decodeLine(buf, nl + 1, buf.length, out);
        assertEquals(0, next & (LineDecoder.LINE_END | LineDecoder.ACCEPTED));
        int stop = LineDecoder.index(next);
        assertTrue(stop > nl + 1 && stop < buf.length - 1, "stopped inside the line: " + stop);
    }

    @Test
    void decodeLineNeverReadsPastTheLineEnd() {
        JsonDecoder d = new JsonDecoder(BID, "bid", "event_type", "2");
        CountingOutput out = new CountingOutput(BID);
        // an object that only closes on the next line is bad, not a record of two lines
        byte[] split = utf8("{\"event_type\":2,\"bid\":{\"auction\":1\n}}\n");
        assertThrows(BadRecordException.class, () -> d.decodeLine(split, 0, split.length, out));
        byte[] inText = utf8("{\"event_type\":2,\"bid\":{\"extra\":\"a\nb\"}}\n");
        assertThrows(BadRecordException.class, () -> d.decodeLine(inText, 0, inText.length, out));
        // the buffer ends before the line does (the rest is not read yet): the caller must look again
        byte[] noEnd = utf8(BID_LINE);
        assertEquals(LineDecoder.FALLBACK, d.decodeLine(noEnd, 0, noEnd.length, out));
        // a filter value cut off by the buffer's end may go on ("2" of "21"): no verdict on it
        byte[] cut = utf8("{\"event_type\":1");
        assertEquals(LineDecoder.FALLBACK, d.decodeLine(cut, 0, cut.length, out));
        // content after the object, before the line end, is bad as in decode
        byte[] after = utf8(BID_LINE + " x\n");
        assertThrows(BadRecordException.class, () -> d.decodeLine(after, 0, after.length, out));
        // and the decoder is still usable for plain records afterwards
        assertEquals(1000L, decode(d, BID, BID_LINE).getLong(0));
    }

    @Test
    void decodeLineWithoutPathChecksNotNullAndReadsFieldsInAnyOrder() {
        RowSchema schema = RowSchema.of(new Column("a", DataType.of(TypeKind.BIGINT).withNullable(false)), col("b", TypeKind.VARCHAR));
        JsonDecoder d = new JsonDecoder(schema, null, null, null);
        CountingOutput out = new CountingOutput(schema);
        byte[] buf = utf8("{\"b\":\"x\",\"a\":-7}\n{\"b\":\"y\"}\n");
        long first = d.decodeLine(buf, 0, buf.length, out);
        assertEquals(16 | LineDecoder.LINE_END | LineDecoder.ACCEPTED, first);
        assertEquals(-7L, new RowReader(schema).wrap(out.writer.buffer(), 0, out.writer.length()).getLong(0));
        BadRecordException e = assertThrows(BadRecordException.class, () -> d.decodeLine(buf, 17, buf.length, out));
        assertTrue(e.getMessage().contains("NOT NULL"), e.getMessage());
    }
}
