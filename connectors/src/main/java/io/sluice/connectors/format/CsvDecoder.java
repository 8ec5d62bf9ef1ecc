package io.sluice.connectors.format;

import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.Decoder;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Decodes one CSV line into a row, reading numbers and timestamps from the bytes in place and copying
 * text bytes straight into the row (no String per field, except for DOUBLE and DECIMAL).
 */
final class CsvDecoder implements Decoder {
    private final RowSchema schema;
    private final TypeKind[] kinds;
    private final byte delimiter;
    private final boolean header;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] quoted;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private byte[] unescaped = new byte[256];

    CsvDecoder(RowSchema schema, byte delimiter, boolean header) {
        this.schema = schema;
        this.kinds = new TypeKind[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = schema.type(i).kind();
        }
        this.delimiter = delimiter;
        this.header = header;
        this.starts = new int[schema.size()];
        this.ends = new int[schema.size()];
        this.quoted = new boolean[schema.size()];
    }

    @Override
    public int headerRecords() {
        return header ? 1 : 0;
    }

    @Override
    public boolean decode(byte[] b, int offset, int length, RowWriter row) {
        int n = split(b, offset, offset + length);
        if (n != kinds.length) {
            throw new BadRecordException("expected " + kinds.length + " fields, got " + n);
        }
        for (int i = 0; i < n; i++) {
            int s = starts[i];
            int e = ends[i];
            if (s == e && !quoted[i]) {
                if (!schema.type(i).nullable()) {
                    throw new BadRecordException("no value for column " + schema.column(i).name() + ", which is NOT NULL");
                }
                continue; // NULL
            }
            byte[] src = b;
            if (quoted[i]) {
                // the field's bytes without its quotes and with "" made "
                int len = 0;
                if (unescaped.length < e - s) {
                    unescaped = new byte[(e - s) * 2];
                }
                for (int k = s + 1; k < e - 1; k++) {
                    unescaped[len++] = b[k];
                    if (b[k] == '"') {
                        k++;
                    }
                }
                src = unescaped;
                s = 0;
                e = len;
            }
            put(i, src, s, e, row);
        }
        return true;
    }

    /** Finds the fields of the line; returns how many (more than the columns: stops counting). */
    private int split(byte[] b, int from, int to) {
        int n = 0;
        int i = from;
        while (true) {
            int start = i;
            boolean q = i < to && b[i] == '"';
            if (q) {
                i++;
                while (true) {
                    if (i >= to) {
                        throw new BadRecordException("unterminated quoted field " + (n + 1));
                    }
                    if (b[i] == '"') {
                        if (i + 1 < to && b[i + 1] == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                if (i < to && b[i] != delimiter) {
                    throw new BadRecordException("text after the closing quote of field " + (n + 1));
                }
            } else {
                while (i < to && b[i] != delimiter) {
                    i++;
                }
            }
            if (n < starts.length) {
                starts[n] = start;
                ends[n] = i;
                quoted[n] = q;
            }
            n++;
            if (i >= to) {
                return n;
            }
            i++; // the delimiter
        }
    }

    private void put(int i, byte[] b, int s, int e, RowWriter row) {
        switch (kinds[i]) {
            case VARCHAR -> {
                view.wrap(b);
                row.putStringBytes(i, view, s, e - s);
            }
            case BIGINT -> row.putLong(i, whole(b, s, e, i));
            case INT -> {
                long v = whole(b, s, e, i);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new BadRecordException(v + " is too large for column " + schema.column(i).name() + " INT");
                }
                row.putInt(i, (int) v);
            }
            case DOUBLE -> {
                try {
                    row.putDouble(i, Double.parseDouble(text(b, s, e)));
                } catch (NumberFormatException x) {
                    throw notA("number", b, s, e, i);
                }
            }
            case DECIMAL -> {
                try {
                    row.putDecimal(i, new BigDecimal(text(b, s, e).trim()));
                } catch (NumberFormatException x) {
                    throw notA("number", b, s, e, i);
                } catch (ArithmeticException x) {
                    throw new BadRecordException("column " + schema.column(i).name() + ": " + x.getMessage());
                }
            }
            case BOOLEAN -> {
                String t = text(b, s, e).trim();
                if (t.equalsIgnoreCase("true")) {
                    row.putBoolean(i, true);
                } else if (t.equalsIgnoreCase("false")) {
                    row.putBoolean(i, false);
                } else {
                    throw notA("boolean", b, s, e, i);
                }
            }
            case TIMESTAMP -> {
                try {
                    row.putLong(i, Timestamps.parse(b, s, e - s));
                } catch (BadRecordException x) {
                    throw new BadRecordException("column " + schema.column(i).name() + ": " + x.getMessage());
                }
            }
            default -> throw new IllegalStateException("not a stored kind: " + kinds[i]);
        }
    }

    private long whole(byte[] b, int s, int e, int i) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        boolean negative = s < e && b[s] == '-';
        int k = negative || (s < e && b[s] == '+') ? s + 1 : s;
        if (k == e) {
            throw notA("whole number", b, s, e, i);
        }
        long v = 0;
        for (; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                throw notA("whole number", b, s, e, i);
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                throw new BadRecordException(text(b, s, e) + " is too large for column " + schema.column(i).name());
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static String text(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    private BadRecordException notA(String what, byte[] b, int s, int e, int i) {
        String t = text(b, s, e);
        return new BadRecordException("column " + schema.column(i).name() + " " + schema.type(i).sql() + " needs a "
                + what + ", got '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'");
    }
}
