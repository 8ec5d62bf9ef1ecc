package io.sluice.connectors.format;

import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.Decoder;
import io.sluice.engine.connector.SourceOutput;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one JSON object, given as UTF-8 bytes, straight into a {@link RowWriter}: a hand-written
 * byte-level parser with no tree, no token objects and, for the records a stream reads in the steady
 * state, no allocation at all. Called by one source reader's thread, once per record.
 *
 * <p>Why not a general JSON library: the file source feeds every line of a Nexmark-sized file through
 * here, and a general streaming parser spends most of its time on what a row does not need (Strings
 * for field names and text, char decoding and re-encoding, token bookkeeping). This parser:
 * <ul>
 *   <li>resolves a field name by comparing its raw bytes with the name last seen at the same position
 *       of the object (records of one stream almost always list their fields in one order), and only on
 *       a miss normalizes it and looks it up among the columns;</li>
 *   <li>scans text 8 bytes at a time (SWAR on a {@code long}) for the quote, the backslash, control
 *       characters and non-ASCII bytes, and copies text that has no escapes as it is;</li>
 *   <li>parses whole numbers, doubles (exactly, Clinger's fast path; other doubles through the JDK)
 *       and {@code yyyy-MM-dd HH:mm:ss.SSS} timestamps ({@link Timestamps}) from the bytes;</li>
 *   <li>as a {@link LineDecoder}, finds the end of its line while it parses (a newline is then the
 *       record's end, never whitespace), so that the file source does not scan each line for its
 *       newline first;</li>
 *   <li>with {@code json.filter}, stops at the filter field when its value does not match: a record of
 *       another kind costs the bytes up to that field. Such a record is not checked further, so a
 *       malformed record is reported only by the stream whose filter it passes.</li>
 * </ul>
 *
 * <p>Strict, as JSON (RFC 8259) is: one object per record, optionally surrounded by whitespace; no
 * comments, trailing commas, single quotes, leading zeros, NaN, or control characters in text; text
 * must be valid UTF-8. Strict about types too: text where a number belongs, a fraction in a whole
 * number column, or an object where a value belongs is a bad record, as is a NOT NULL column with no
 * value. Every {@link BadRecordException} says what is wrong, and for malformed JSON where (the
 * column, counted in bytes from 1, of the record).
 *
 * <p>Not thread-safe: one instance per source reader.
 */
final class JsonDecoder implements LineDecoder {
    /** Nesting deeper than this is refused rather than followed (and the stack with it). */
    static final int MAX_DEPTH = 1000;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int NULL_BYTES = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;
    private static final int TRUE_BYTES = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;
    /** Powers of ten a double holds exactly (Clinger's fast path). */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
        1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long[] LONG_POW10 = new long[19];

    static {
        LONG_POW10[0] = 1;
        for (int k = 1; k < LONG_POW10.length; k++) {
            LONG_POW10[k] = LONG_POW10[k - 1] * 10;
        }
    }

    /** Bytes that may continue a bare word: a literal followed by one is not that literal. */
    private static final boolean[] WORD = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
        }
    }

    /** Field positions per object whose name is remembered; fields beyond are looked up every time. */
    private static final int CACHED_POSITIONS = 64;

    // token kinds returned by token()
    private static final int T_STRING = 1;
    private static final int T_INT = 2;
    private static final int T_FLOAT = 3;
    private static final int T_TRUE = 4;
    private static final int T_FALSE = 5;
    private static final int T_NULL = 6;
    private static final int T_OBJECT = 7;
    private static final int T_ARRAY = 8;

    private final RowSchema schema;
    private final TypeKind[] kinds;
    private final byte[] path;
    private final String pathText;
    private final byte[] filterField;
    private final byte[] filterValue;
    private final ColumnNames names;
    /** Each column's name lower-cased without underscores, as UTF-8, for lookups by bytes. */
    private final byte[][] normalized;
    private final int[] notNull;
    /** present[i] == record: column i got a value in this record (no clearing per record). */
    private final int[] present;
    private int record;

    /** The row object's field names by position: column << 1 | 1 if it is also the filter's field. */
    private final NameCache rowNames = new NameCache();
    /** The top-level field names by position, with json.path: their ROLE_. */
    private final NameCache topNames = new NameCache();
    private static final int ROLE_OTHER = 0;
    private static final int ROLE_PATH = 1;
    private static final int ROLE_FILTER = 2;

    // the record being decoded
    private byte[] b;
    private int start;
    private int end;
    private int pos;
    /**
     * {@link #decodeLine}: {@link #end} is the end of the buffer, not of the record, and a '\n' is not
     * whitespace but the record's end (so that no parse reads past its line).
     */
    private boolean lineMode;
    /** Set by {@link #decodeRecord} when a filter turned the record away: where the decoder stopped. */
    private int stoppedAt;
    /**
     * The row being written, or null until the first value needs it: with {@link #decode(byte[], int,
     * int, SourceOutput)} a record the filter turns away (most records of a stream that reads one
     * kind of a union) never has a row prepared for it.
     */
    private RowWriter row;
    private SourceOutput output;

    // the last token read by token(): its raw bytes are b[tokenStart, pos)
    private int tokenStart;
    /** Text: its content (escapes resolved) is textBuf[textOffset, textOffset + textLength). */
    private byte[] textBuf;
    private int textOffset;
    private int textLength;
    /** Whole numbers: the value, unless {@link #numberTooLarge}. */
    private long number;
    private boolean numberTooLarge;
    /** Numbers: significant digits (up to 19), how many, and the power of ten to scale them by. */
    private long mantissa;
    private int mantissaDigits;
    private int exponent;

    private byte[] scratch = new byte[256];
    /** The day last parsed by {@link #timestamp}: its first 8 bytes, its last two digits, and its start in ms. */
    private boolean dayValid;
    private long dayHead;
    private byte dayDigit0;
    private byte dayDigit1;
    private long dayMillis;

    /**
     * @param path        top-level field whose object holds the row's fields, or null for the record itself
     * @param filterField top-level field the filter looks at, or null for no filter
     * @param filterValue the text the filter field's value must have (a string's content or a number as written)
     */
    JsonDecoder(RowSchema schema, String path, String filterField, String filterValue) {
        this.schema = schema;
        int n = schema.size();
        this.kinds = new TypeKind[n];
        this.normalized = new byte[n][];
        for (int i = 0; i < n; i++) {
            kinds[i] = schema.type(i).kind();
            normalized[i] = ColumnNames.normalize(schema.column(i).name()).getBytes(StandardCharsets.UTF_8);
        }
        this.pathText = path;
        this.path = path == null ? null : path.getBytes(StandardCharsets.UTF_8);
        this.filterField = filterField == null ? null : filterField.getBytes(StandardCharsets.UTF_8);
        this.filterValue = filterValue == null ? null : filterValue.getBytes(StandardCharsets.UTF_8);
        this.names = new ColumnNames(schema);
        this.present = new int[n];
        this.notNull = java.util.stream.IntStream.range(0, n).filter(i -> !schema.type(i).nullable()).toArray();
    }

    @Override
    public boolean decode(byte[] bytes, int offset, int length, RowWriter row) {
        this.row = row;
        this.output = null;
        return decodeRecord(bytes, offset, length);
    }

    /** As the contract says: the row is asked of {@code out} only for a record that gets a value or is accepted. */
    @Override
    public boolean decode(byte[] bytes, int offset, int length, SourceOutput out) {
        this.row = null;
        this.output = out;
        return decodeRecord(bytes, offset, length);
    }

    @Override
    public long decodeLine(byte[] bytes, int offset, int limit, SourceOutput out) {
        this.row = null;
        this.output = out;
        lineMode = true;
        try {
            if (!decodeRecord(bytes, offset, limit - offset)) {
                return stoppedAt;
            }
        } finally {
            lineMode = false;
        }
        // decodeRecord stopped at the line's '\n' (or, in line mode, answered FALLBACK below)
        return pos < end ? pos | LINE_END | ACCEPTED : FALLBACK;
    }

    /** The row, asked of the output the first time it is needed in this record. */
    private RowWriter row() {
        RowWriter r = row;
        if (r == null) {
            r = output.row();
            row = r;
        }
        return r;
    }

    private boolean decodeRecord(byte[] bytes, int offset, int length) {
        b = bytes;
        start = offset;
        end = offset + length;
        pos = offset;
        if (++record == 0) { // wrapped after 2^32 records: forget every mark, so none looks current
            Arrays.fill(present, 0);
            record = 1;
        }
        skipWhitespace();
        if ((pos == end || b[pos] != '{') && !skipByteOrderMark()) {
            notAnObject();
        }
        pos++;
        if (path == null) {
            if (!readRow(true)) {
                return filteredOut();
            }
        } else if (!readUnion()) {
            return filteredOut();
        }
        skipWhitespace();
        if (pos != end) {
            if (!lineMode || b[pos] != '\n') {
                throw new BadRecordException("unexpected content after the JSON object");
            }
        } else if (lineMode) {
            return true; // no newline before the buffer's end: decodeLine answers FALLBACK
        }
        for (int i : notNull) {
            if (present[i] != record) {
                throw new BadRecordException("no value for column " + schema.column(i).name() + ", which is NOT NULL");
            }
        }
        row(); // an accepted record with no values (every column NULL) still needs its row begun
        return true;
    }

    /**
     * A record the filter turned away: remembers where the decoder stopped. In line mode a value that
     * reaches the buffer's end may go on beyond it (a number cut short by the read: "1" of "12"), so
     * the filter's verdict on it does not count: {@link #decodeLine} answers FALLBACK.
     */
    private boolean filteredOut() {
        stoppedAt = lineMode && pos >= end ? (int) FALLBACK : pos;
        return false;
    }

    /**
     * Skips a UTF-8 byte order mark at the start of the record (a file written by some editors starts
     * with one, and JSON parsers tolerate it there); true if the object's '{' follows.
     */
    private boolean skipByteOrderMark() {
        if (end - pos >= 3 && b[pos] == (byte) 0xEF && b[pos + 1] == (byte) 0xBB && b[pos + 2] == (byte) 0xBF) {
            pos += 3;
            skipWhitespace();
            return pos < end && b[pos] == '{';
        }
        return false;
    }

    /** A record that does not start with '{': a JSON value of another kind, or not JSON. */
    private void notAnObject() {
        if (pos < end) {
            byte c = b[pos];
            if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')
                    || literalAhead(c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : null)) {
                throw new BadRecordException("not a JSON object");
            }
            throw malformed("unexpected character " + describe(c) + " where the object should start");
        }
        throw new BadRecordException("not a JSON object");
    }

    private boolean literalAhead(String literal) {
        if (literal == null || end - pos < literal.length()) {
            return false;
        }
        for (int k = 0; k < literal.length(); k++) {
            if (b[pos + k] != literal.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The top level of a record read through {@code json.path}: finds the path's object and reads the
     * row from it, and checks the filter. Returns false if the record is not for this stream.
     */
    private boolean readUnion() {
        boolean matched = filterField == null;
        boolean found = false;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            int field = 0;
            while (true) {
                int role;
                int cached = topNames.match(field, b, pos, end);
                if (cached > 0) {
                    pos += cached;
                    role = topNames.value(field);
                } else {
                    int nameStart = pos;
                    name();
                    role = textIs(path) ? ROLE_PATH : filterField != null && textIs(filterField) ? ROLE_FILTER : ROLE_OTHER;
                    topNames.remember(field, b, nameStart, pos, role);
                }
                field++;
                colon();
                if (role == ROLE_PATH) {
                    byte c = peek();
                    if (c == '{') {
                        pos++;
                        readRow(false);
                        found = true;
                    } else if (c == 'n' && token() == T_NULL) {
                        found = false; // a union record of another kind has null here
                    } else {
                        token(); // a malformed value says so first
                        throw new BadRecordException("field '" + pathText + "' is not an object");
                    }
                } else if (role == ROLE_FILTER) {
                    if (!filterMatches()) {
                        return false; // another kind of record: the rest of it is not looked at
                    }
                    matched = true;
                } else {
                    skipValue(0);
                }
                if (!nextField()) {
                    break;
                }
            }
        }
        if (!matched) {
            return false;
        }
        if (!found) {
            if (filterField == null) {
                return false; // a union record of another kind
            }
            throw new BadRecordException("record has no object '" + pathText + "'");
        }
        return true;
    }

    /**
     * Reads an object's fields (its '{' already consumed) into the row, through its closing '}'.
     * At the top level also checks the filter; returns false as soon as the filter rejects the record,
     * or at the end if the filter field was missing.
     */
    private boolean readRow(boolean topLevel) {
        boolean matched = !topLevel || filterField == null;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return matched;
        }
        int field = 0;
        while (true) {
            int column;
            boolean filter;
            int cached = rowNames.match(field, b, pos, end);
            if (cached > 0) {
                pos += cached;
                int v = rowNames.value(field);
                column = v >> 1;
                filter = (v & 1) != 0;
            } else {
                int nameStart = pos;
                name();
                filter = topLevel && filterField != null && textIs(filterField);
                column = lookUp();
                rowNames.remember(field, b, nameStart, pos, column << 1 | (filter ? 1 : 0));
            }
            field++;
            colon();
            if (filter) {
                int valueStart = pos;
                if (!filterMatches()) {
                    return false;
                }
                matched = true;
                pos = valueStart; // the field may also be a column: read its value again below
            }
            if (column < 0) {
                skipValue(0);
            } else {
                int t = token();
                if (t != T_NULL) {
                    store(column, t);
                    present[column] = record;
                }
            }
            if (!nextField()) {
                return matched;
            }
        }
    }

    /** Whether the value at pos is a scalar whose text is the filter's value; consumes it. */
    private boolean filterMatches() {
        int t = token();
        if (t == T_OBJECT || t == T_ARRAY) {
            return false;
        }
        if (t == T_STRING) {
            return textLength == filterValue.length && same(textBuf, textOffset, filterValue, 0, textLength);
        }
        return pos - tokenStart == filterValue.length && same(b, tokenStart, filterValue, 0, filterValue.length);
    }

    /** Looks the current text up as a column name, ignoring case and underscores. */
    private int lookUp() {
        byte[] t = textBuf;
        int from = textOffset;
        int to = textOffset + textLength;
        for (int k = from; k < to; k++) {
            if (t[k] < 0) { // non-ASCII: case folding beyond ASCII is the JDK's business
                return names.indexOf(new String(t, from, textLength, StandardCharsets.UTF_8));
            }
        }
        for (int c = 0; c < normalized.length; c++) {
            byte[] want = normalized[c];
            int w = 0;
            int k = from;
            for (; k < to; k++) {
                int ch = t[k];
                if (ch == '_') {
                    continue;
                }
                if (ch >= 'A' && ch <= 'Z') {
                    ch += 'a' - 'A';
                }
                if (w == want.length || want[w] != ch) {
                    break;
                }
                w++;
            }
            if (k == to && w == want.length) {
                return c;
            }
        }
        return -1;
    }

    /**
     * Writes the value of the token just read (not null) into column i, or says why it does not fit.
     * The usual cases (text into VARCHAR or TIMESTAMP, a whole number into BIGINT) are here; the rest
     * are in {@link #storeOther}, so that this stays small enough for the JIT to inline into
     * {@link #readRow} (the whole switch was past its size limit: a call per field).
     */
    private void store(int i, int t) {
        TypeKind k = kinds[i];
        if (t == T_STRING) {
            if (k == TypeKind.VARCHAR) {
                row().putStringBytes(i, textBuf, textOffset, textLength); // the record's bytes or the unescaped scratch
                return;
            }
            if (k == TypeKind.TIMESTAMP) {
                row().putLong(i, timestamp(i));
                return;
            }
        } else if (t == T_INT && k == TypeKind.BIGINT && !numberTooLarge) {
            row().putLong(i, number);
            return;
        }
        storeOther(i, t);
    }

    /** {@link #store} for the other kinds of value and column, and for values that do not fit. */
    private void storeOther(int i, int t) {
        RowWriter row = row();
        if (t == T_OBJECT || t == T_ARRAY) {
            throw new BadRecordException("field for column " + schema.column(i).name() + " holds "
                    + (t == T_OBJECT ? "an object" : "an array") + ", not a value");
        }
        switch (kinds[i]) {
            case BIGINT -> row.putLong(i, wholeNumber(t, i));
            case INT -> {
                long v = wholeNumber(t, i);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new BadRecordException(v + " is too large for column " + schema.column(i).name() + " INT");
                }
                row.putInt(i, (int) v);
            }
            case DOUBLE -> {
                if (t != T_INT && t != T_FLOAT) {
                    throw notA("number", t, i);
                }
                row.putDouble(i, doubleValue(t));
            }
            case DECIMAL -> {
                if (t != T_INT && t != T_FLOAT) {
                    throw notA("number", t, i);
                }
                try {
                    if (!longDecimal(i, row)) {
                        // more digits than a long holds: BigDecimal's own parser and rounding
                        row.putDecimal(i, new BigDecimal(rawToken()));
                    }
                } catch (ArithmeticException e) {
                    throw new BadRecordException("column " + schema.column(i).name() + ": " + e.getMessage());
                }
            }
            case BOOLEAN -> {
                if (t != T_TRUE && t != T_FALSE) {
                    throw notA("boolean", t, i);
                }
                row.putBoolean(i, t == T_TRUE);
            }
            case VARCHAR -> {
                if (t == T_STRING) {
                    row.putStringBytes(i, textBuf, textOffset, textLength); // the record's bytes or the unescaped scratch
                } else {
                    row.putStringBytes(i, b, tokenStart, pos - tokenStart); // a number or boolean as written
                }
            }
            case TIMESTAMP -> {
                if (t == T_INT) {
                    if (numberTooLarge) {
                        throw new BadRecordException(rawToken() + " is too large for column " + schema.column(i).name());
                    }
                    row.putLong(i, number);
                } else if (t == T_STRING) {
                    row.putLong(i, timestamp(i));
                } else {
                    throw notA("timestamp", t, i);
                }
            }
            default -> throw new IllegalStateException("not a stored kind: " + kinds[i]);
        }
    }

    /**
     * The current text as a timestamp for column i. Consecutive events almost always fall on the same
     * day: for {@code yyyy-MM-dd HH:mm:ss.SSS} whose 10 date bytes are those last parsed, only the
     * time of day is read (same checks, same value as {@link Timestamps#parse}); anything else goes
     * through {@code Timestamps.parse}, which also refills the remembered day.
     */
    private long timestamp(int i) {
        byte[] t = textBuf;
        int o = textOffset;
        if (dayValid && textLength == 23 && (long) LONGS.get(t, o) == dayHead && t[o + 8] == dayDigit0 && t[o + 9] == dayDigit1
                && (t[o + 10] == ' ' || t[o + 10] == 'T')) {
            long tod = Timestamps.timeOfDayMillis(t, o + 11);
            if (tod >= 0) {
                return dayMillis + tod;
            }
        }
        return parseTimestamp(i);
    }

    /** {@link #timestamp} of another day than the last, or of another shape: the full parse. */
    private long parseTimestamp(int i) {
        byte[] t = textBuf;
        int o = textOffset;
        long ms;
        try {
            ms = Timestamps.parse(t, o, textLength);
        } catch (BadRecordException e) {
            throw new BadRecordException("column " + schema.column(i).name() + ": " + e.getMessage());
        }
        if (textLength == 23 && (t[o + 10] == ' ' || t[o + 10] == 'T')) {
            long tod = Timestamps.timeOfDayMillis(t, o + 11);
            if (tod >= 0) { // a valid date followed by a time of the fast shape: remember the day
                dayHead = (long) LONGS.get(t, o);
                dayDigit0 = t[o + 8];
                dayDigit1 = t[o + 9];
                dayMillis = ms - tod;
                dayValid = true;
            }
        }
        return ms;
    }

    /**
     * Writes the number just read into DECIMAL column i of precision up to 18 as its unscaled long,
     * rounded half-up to the column's scale, without a BigDecimal; false if the number has more than
     * 18 significant digits (or the column is wider), which the caller then handles through BigDecimal.
     *
     * @throws ArithmeticException as {@link RowWriter#putDecimal}, with its message, if the value has
     *                             more integer digits than the column allows
     */
    private boolean longDecimal(int i, RowWriter row) {
        DataType type = schema.type(i);
        if (!type.isLongDecimal() || mantissaDigits > 18) {
            return false;
        }
        long limit = LONG_POW10[type.precision()]; // |unscaled| must stay below 10^precision
        int e = exponent + type.scale();
        long unscaled;
        if (mantissa == 0) {
            unscaled = 0;
        } else if (e >= 0) {
            if (e > 18 || mantissa > (limit - 1) / LONG_POW10[e]) {
                throw new ArithmeticException("value " + new BigDecimal(rawToken()) + " does not fit " + type.sql());
            }
            unscaled = mantissa * LONG_POW10[e];
        } else if (-e > 18) {
            unscaled = 0; // at most 18 digits, all far below the last kept place: rounds to zero
        } else {
            long divisor = LONG_POW10[-e];
            unscaled = mantissa / divisor;
            long rest = mantissa - unscaled * divisor;
            if (rest >= divisor - rest) { // half-up: a tie rounds away from zero
                unscaled++;
            }
        }
        if (unscaled >= limit) {
            throw new ArithmeticException("value " + new BigDecimal(rawToken()) + " does not fit " + type.sql());
        }
        row.putLong(i, b[tokenStart] == '-' ? -unscaled : unscaled);
        return true;
    }

    private long wholeNumber(int t, int i) {
        if (t != T_INT) {
            throw notA("whole number", t, i);
        }
        if (numberTooLarge) {
            throw new BadRecordException(rawToken() + " is too large for column " + schema.column(i).name());
        }
        return number;
    }

    /**
     * The double a number token denotes, correctly rounded. Whole numbers convert from their long (as
     * the earlier Jackson-based decoder did, so -0 is 0.0); others with at most 15 significant digits
     * and a power of ten up to 22 are one exact multiplication or division (Clinger); the rest, rare in
     * data, go through the JDK.
     */
    private double doubleValue(int t) {
        if (t == T_INT && !numberTooLarge) {
            return number;
        }
        if (mantissaDigits <= 15 && exponent >= -22 && exponent <= 22) {
            double d = mantissa;
            d = exponent < 0 ? d / POW10[-exponent] : d * POW10[exponent];
            return b[tokenStart] == '-' ? -d : d;
        }
        return Double.parseDouble(rawToken());
    }

    private String rawToken() {
        return new String(b, tokenStart, pos - tokenStart, StandardCharsets.ISO_8859_1);
    }

    private BadRecordException notA(String what, int t, int i) {
        DataType type = schema.type(i);
        String got = switch (t) {
            case T_STRING -> "text '" + abbreviate(new String(textBuf, textOffset, textLength, StandardCharsets.UTF_8)) + "'";
            case T_INT, T_FLOAT -> "the number " + rawToken();
            case T_TRUE, T_FALSE -> "a boolean";
            default -> "null";
        };
        return new BadRecordException("column " + schema.column(i).name() + " " + type.sql() + " needs a " + what
                + ", got " + got);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    // ---- tokens ------------------------------------------------------------------------------

    private byte peek() {
        if (pos >= end) {
            throw malformed("the record ends too early");
        }
        return b[pos];
    }

    private void skipWhitespace() {
        if (pos < end && b[pos] > ' ') {
            return; // compact JSON: no whitespace at all (every structural byte is above ' ')
        }
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\r' && (c != '\n' || lineMode)) {
                return; // in line mode a newline ends the record: stop at it
            }
            pos++;
        }
    }

    /** Reads a field name (a string; pos at its quote) into the current text. */
    private void name() {
        if (peek() != '"') {
            throw malformed("expected a field name in double quotes, found " + describe(b[pos]));
        }
        string();
    }

    private void colon() {
        skipWhitespace();
        if (peek() != ':') {
            throw malformed("expected ':' after a field name, found " + describe(b[pos]));
        }
        pos++;
        skipWhitespace();
    }

    /** After a field's value: true if a ',' and another field follow, false at the object's '}'. */
    private boolean nextField() {
        skipWhitespace();
        byte c = peek();
        if (c == ',') {
            pos++;
            skipWhitespace();
            return true;
        }
        if (c == '}') {
            pos++;
            return false;
        }
        throw malformed("expected ',' or '}' after a field, found " + describe(c));
    }

    /**
     * Whether x[xo, xo + length) and y[yo, yo + length) hold the same bytes. Field names are short, and
     * comparing them 8 bytes at a time in line beats a call into the JDK's vectorized mismatch.
     */
    private static boolean same(byte[] x, int xo, byte[] y, int yo, int length) {
        if (length >= 8) {
            int last = length - 8;
            for (int k = 0; k < last; k += 8) {
                if ((long) LONGS.get(x, xo + k) != (long) LONGS.get(y, yo + k)) {
                    return false;
                }
            }
            return (long) LONGS.get(x, xo + last) == (long) LONGS.get(y, yo + last); // overlaps: no byte loop
        }
        for (int k = 0; k < length; k++) {
            if (x[xo + k] != y[yo + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The field name last seen at each position of an object, as raw bytes with its quotes, and what
     * it resolved to. Records of one stream list their fields in one order, so the name at a position
     * is almost always the one seen there before: comparing a few bytes replaces scanning the name and
     * looking it up. Equal raw bytes through the closing quote are the same name, escapes or not.
     */
    private static final class NameCache {
        private final byte[][] raw = new byte[CACHED_POSITIONS][];
        private final int[] length = new int[CACHED_POSITIONS];
        private final int[] value = new int[CACHED_POSITIONS];
        // the raw name's first 8 bytes (masked to its length) and last 8 bytes, as little-endian longs:
        // most names with their quotes fit in 16 bytes, so matching one is two loads and two compares
        private final long[] head = new long[CACHED_POSITIONS];
        private final long[] mask = new long[CACHED_POSITIONS];
        private final long[] tail = new long[CACHED_POSITIONS];

        /** The raw length of the name remembered at this position if b[pos..] starts with it, else 0. */
        int match(int field, byte[] b, int pos, int end) {
            if (field >= CACHED_POSITIONS) {
                return 0;
            }
            int n = length[field];
            if (n == 0) {
                return 0;
            }
            if (n <= 16 && end - pos >= 16) { // both loads stay inside the record
                if (((long) LONGS.get(b, pos) & mask[field]) != head[field]) {
                    return 0;
                }
                return n <= 8 || (long) LONGS.get(b, pos + n - 8) == tail[field] ? n : 0;
            }
            return end - pos >= n && same(raw[field], 0, b, pos, n) ? n : 0;
        }

        int value(int field) {
            return value[field];
        }

        void remember(int field, byte[] b, int from, int to, int v) {
            if (field >= CACHED_POSITIONS) {
                return;
            }
            int n = to - from;
            if (raw[field] == null || raw[field].length < n) {
                raw[field] = new byte[Math.max(32, n)];
            }
            System.arraycopy(b, from, raw[field], 0, n);
            long h = 0;
            for (int k = Math.min(n, 8) - 1; k >= 0; k--) {
                h = h << 8 | (b[from + k] & 0xFF);
            }
            head[field] = h;
            mask[field] = n >= 8 ? -1L : (1L << (8 * n)) - 1;
            long t = 0;
            for (int k = n - 1; k >= Math.max(0, n - 8); k--) {
                t = t << 8 | (b[from + k] & 0xFF);
            }
            tail[field] = t;
            length[field] = n;
            value[field] = v;
        }
    }

    /** Whether the current text is exactly these bytes. */
    private boolean textIs(byte[] want) {
        return textLength == want.length && same(textBuf, textOffset, want, 0, textLength);
    }

    /**
     * Reads the value at pos: a scalar is consumed (and its content kept in the token fields); for an
     * object or array pos stays at its bracket and the kind says which.
     */
    private int token() {
        tokenStart = pos;
        byte c = peek();
        switch (c) {
            case '"':
                string();
                return T_STRING;
            case '{':
                return T_OBJECT;
            case '[':
                return T_ARRAY;
            case 't':
                literal("true", TRUE_BYTES);
                return T_TRUE;
            case 'f':
                literal("false", 0);
                return T_FALSE;
            case 'n':
                literal("null", NULL_BYTES);
                return T_NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw malformed("expected a value, found " + describe(c));
        }
    }

    /** Consumes the literal at pos; {@code asInt} is its 4 bytes as a little-endian int (0 if longer). */
    private void literal(String word, int asInt) {
        int n = word.length();
        if (n == 4 && end - pos >= 4 && (int) INTS.get(b, pos) == asInt
                && (pos + 4 == end || !isWordByte(b[pos + 4]))) {
            pos += 4; // null and true compared as one int: union records are full of nulls
            return;
        }
        if (end - pos >= n) {
            int k = 1;
            while (k < n && b[pos + k] == word.charAt(k)) {
                k++;
            }
            if (k == n && (pos + n == end || !isWordByte(b[pos + n]))) {
                pos += n;
                return;
            }
        }
        int to = pos;
        while (to < end && to - pos < 20 && isWordByte(b[to])) {
            to++;
        }
        throw malformed("unrecognized token '" + new String(b, pos, Math.max(1, to - pos), StandardCharsets.ISO_8859_1) + "'");
    }

    private static boolean isWordByte(byte c) {
        return WORD[c & 0xFF];
    }

    /**
     * Reads a number (RFC 8259 grammar) at pos. Sets {@link #number} / {@link #numberTooLarge} for a
     * whole number, and for any number the first 19 significant digits and the power of ten that scales
     * them (digits beyond 19 only matter to the JDK's parser, which then takes over).
     */
    private int number() {
        int p = pos;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        // fast path: a whole number of up to 18 digits (ids, prices, epoch millis) in one tight loop
        int digitsStart = p;
        long v = 0;
        while (p < end) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            p++;
        }
        int n = p - digitsStart;
        if (n > 0 && n < 19 && (n == 1 || b[digitsStart] != '0') && (p == end || (b[p] != '.' && b[p] != 'e' && b[p] != 'E'))) {
            pos = p;
            number = negative ? -v : v;
            numberTooLarge = false;
            mantissa = v;
            mantissaDigits = n;
            exponent = 0;
            return T_INT;
        }
        return numberInGeneral(digitsStart, negative);
    }

    /**
     * {@link #number} for what its fast path does not take (fractions, exponents, 19 digits or more,
     * errors): apart, so that the fast path is small enough for the JIT to inline into {@link #token}.
     */
    private int numberInGeneral(int digitsStart, boolean negative) {
        int p = digitsStart;
        if (p == end || b[p] < '0' || b[p] > '9') {
            pos = p;
            throw malformed("expected a digit after '-'");
        }
        long m = 0;
        int digits = 0; // significant digits seen, leading zeros excluded
        int dropped = 0; // integer digits beyond the 19 kept in m
        if (b[p] == '0') {
            p++;
            if (p < end && b[p] >= '0' && b[p] <= '9') {
                pos = p;
                throw malformed("leading zeros are not allowed in a number");
            }
        } else {
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (digits < 19) {
                    m = m * 10 + d;
                    digits++;
                } else {
                    dropped++;
                }
                p++;
            }
        }
        int intDigits = digits + dropped;
        int exp = dropped;
        boolean whole = true;
        if (p < end && b[p] == '.') {
            whole = false;
            p++;
            int first = p;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (digits < 19) {
                    if (d != 0 || digits > 0) {
                        m = m * 10 + d;
                        digits++;
                    }
                    exp--;
                }
                p++;
            }
            if (p == first) {
                pos = p;
                throw malformed("expected a digit after the decimal point");
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            whole = false;
            p++;
            boolean negExp = false;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                negExp = b[p] == '-';
                p++;
            }
            int first = p;
            int e = 0;
            while (p < end) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (e < 100_000) {
                    e = e * 10 + d;
                }
                p++;
            }
            if (p == first) {
                pos = p;
                throw malformed("expected a digit in the exponent");
            }
            exp += negExp ? -e : e;
        }
        pos = p;
        mantissa = m;
        mantissaDigits = digits + (dropped > 0 ? 1 : 0); // more than 19: never the exact fast path
        exponent = exp;
        if (!whole) {
            return T_FLOAT;
        }
        if (intDigits < 19) {
            number = negative ? -m : m;
            numberTooLarge = false;
        } else {
            // 19 digits or more: exact bounds check against the long range
            numberTooLarge = dropped > 0 || (m < 0) || (m == Long.MIN_VALUE);
            if (!numberTooLarge) {
                number = negative ? -m : m;
            } else if (dropped == 0 && negative && m == Long.MIN_VALUE) {
                number = Long.MIN_VALUE; // m overflowed to exactly 2^63: -9223372036854775808 fits
                numberTooLarge = false;
            }
        }
        return T_INT;
    }

    /**
     * Reads a string at pos (at its opening quote) through its closing quote. Text without escapes is
     * left where it is (the current text points into the record); with escapes it is unescaped into
     * the scratch buffer. Scans 8 bytes at a time for the bytes that need a closer look.
     */
    private void string() {
        byte[] a = b;
        int p = pos + 1;
        int e = end;
        while (true) {
            while (p + 8 <= e) {
                long w = (long) LONGS.get(a, p);
                long q = w ^ QUOTES;
                long s = w ^ BACKSLASHES;
                long special = ((q - ONES) & ~q | (s - ONES) & ~s | (w - SPACES) & ~w | w) & HIGHS;
                if (special != 0) {
                    p += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                p += 8;
            }
            while (p < e) {
                byte c = a[p];
                if (c == '"' || c == '\\' || c < 0x20) { // also every non-ASCII byte (negative)
                    break;
                }
                p++;
            }
            if (p >= e) {
                pos = e;
                throw malformed("the record ends inside a text value");
            }
            byte c = a[p];
            if (c == '"') {
                textBuf = a;
                textOffset = pos + 1;
                textLength = p - textOffset;
                pos = p + 1;
                return;
            }
            if (c == '\\') {
                escapedString(p);
                return;
            }
            if (c >= 0) {
                pos = p;
                throw malformed("control character " + describe(c) + " in text (escape it)");
            }
            p = utf8(p);
        }
    }

    /** The rest of a string from its first backslash at p, unescaped into scratch. */
    private void escapedString(int p) {
        int from = pos + 1;
        int w = p - from;
        ensureScratch(w + (end - p));
        System.arraycopy(b, from, scratch, 0, w);
        byte[] out = scratch;
        while (true) {
            if (p >= end) {
                pos = end;
                throw malformed("the record ends inside a text value");
            }
            byte c = b[p];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    pos = end;
                    throw malformed("the record ends inside a text value");
                }
                byte x = b[p + 1];
                p += 2;
                switch (x) {
                    case '"', '\\', '/' -> out[w++] = x;
                    case 'b' -> out[w++] = '\b';
                    case 'f' -> out[w++] = '\f';
                    case 'n' -> out[w++] = '\n';
                    case 'r' -> out[w++] = '\r';
                    case 't' -> out[w++] = '\t';
                    case 'u' -> {
                        int cp = hex4(p);
                        p += 4;
                        if (cp >= 0xD800 && cp <= 0xDBFF && p + 6 <= end && b[p] == '\\' && b[p + 1] == 'u') {
                            int low = hex4(p + 2);
                            if (low >= 0xDC00 && low <= 0xDFFF) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                                p += 6;
                            }
                        }
                        if (cp >= 0xD800 && cp <= 0xDFFF) {
                            cp = '?'; // a lone surrogate has no UTF-8 form; Java's encoder writes '?' too
                        }
                        w = putUtf8(cp, out, w);
                    }
                    default -> {
                        pos = p - 1;
                        throw malformed("unknown escape " + describe(x) + " in text");
                    }
                }
            } else if (c >= 0 && c < 0x20) {
                pos = p;
                throw malformed("control character " + describe(c) + " in text (escape it)");
            } else if (c < 0) {
                int next = utf8(p);
                while (p < next) {
                    out[w++] = b[p++];
                }
            } else {
                out[w++] = c;
                p++;
            }
        }
        textBuf = out;
        textOffset = 0;
        textLength = w;
        pos = p + 1;
    }

    private int hex4(int p) {
        if (p + 4 > end) {
            pos = end;
            throw malformed("the record ends inside a \\u escape");
        }
        int v = 0;
        for (int k = p; k < p + 4; k++) {
            int c = b[k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                pos = k;
                throw malformed("expected a hex digit in a \\u escape, found " + describe((byte) c));
            }
            v = v << 4 | d;
        }
        return v;
    }

    private static int putUtf8(int cp, byte[] out, int w) {
        if (cp < 0x80) {
            out[w++] = (byte) cp;
        } else if (cp < 0x800) {
            out[w++] = (byte) (0xC0 | cp >> 6);
            out[w++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[w++] = (byte) (0xE0 | cp >> 12);
            out[w++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[w++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[w++] = (byte) (0xF0 | cp >> 18);
            out[w++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[w++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[w++] = (byte) (0x80 | cp & 0x3F);
        }
        return w;
    }

    /**
     * Checks the UTF-8 sequence starting with the non-ASCII byte at p (no overlong forms, no
     * surrogates, nothing above U+10FFFF) and returns where the next character starts.
     */
    private int utf8(int p) {
        int c = b[p] & 0xFF;
        int n;
        int min = 0x80;
        int max = 0xBF; // the allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) {
                min = 0xA0;
            } else if (c == 0xED) {
                max = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) {
                min = 0x90;
            } else if (c == 0xF4) {
                max = 0x8F;
            }
        } else {
            pos = p;
            throw malformed("invalid UTF-8 byte 0x" + Integer.toHexString(c));
        }
        if (p + n > end) {
            pos = p;
            throw malformed("the record ends inside a UTF-8 character");
        }
        int second = b[p + 1] & 0xFF;
        if (second < min || second > max) {
            pos = p;
            throw malformed("invalid UTF-8 sequence");
        }
        for (int k = 2; k < n; k++) {
            if ((b[p + k] & 0xC0) != 0x80) {
                pos = p;
                throw malformed("invalid UTF-8 sequence");
            }
        }
        return p + n;
    }

    private void ensureScratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
    }

    /** Skips the value at pos, checking that it is well formed. */
    private void skipValue(int depth) {
        int t = token();
        if (t != T_OBJECT && t != T_ARRAY) {
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        skipWhitespace();
        if (t == T_OBJECT) {
            if (peek() == '}') {
                pos++;
                return;
            }
            do {
                name();
                colon();
                skipValue(depth + 1);
            } while (nextField());
        } else {
            if (peek() == ']') {
                pos++;
                return;
            }
            while (true) {
                skipValue(depth + 1);
                skipWhitespace();
                byte c = peek();
                pos++;
                if (c == ']') {
                    return;
                }
                if (c != ',') {
                    pos--;
                    throw malformed("expected ',' or ']' in an array, found " + describe(c));
                }
                skipWhitespace();
            }
        }
    }

    private BadRecordException malformed(String what) {
        return new BadRecordException("malformed JSON: " + what + " at column " + (pos - start + 1));
    }

    private static String describe(byte c) {
        if (c >= 0x21 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        return String.format("byte 0x%02x", c & 0xFF);
    }
}
