package io.sluice.connectors.format;

import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/** Writing values as ASCII/UTF-8 text into a growable buffer without allocating, for the text encoders. */
final class TextEncoding {
    private final byte[] scratch = new byte[32];

    /** Writes column {@code i} (not NULL) of a non-text kind; returns bytes written. */
    int putValue(RowReader row, int i, RowSchema schema, ExpandableArrayBuffer out, int at) {
        return switch (schema.type(i).kind()) {
            case BOOLEAN -> putAscii(row.getBoolean(i) ? "true" : "false", out, at);
            case INT -> putLong(row.getInt(i), out, at);
            case BIGINT -> putLong(row.getLong(i), out, at);
            case DOUBLE -> putAscii(Double.toString(row.getDouble(i)), out, at);
            case DECIMAL -> putAscii(row.getDecimal(i).toPlainString(), out, at);
            case TIMESTAMP -> {
                Timestamps.format(row.getLong(i), scratch, 0);
                out.putBytes(at, scratch, 0, 23);
                yield 23;
            }
            case VARCHAR -> {
                out.putBytes(at, row.buffer(), row.stringOffset(i), row.stringLength(i));
                yield row.stringLength(i);
            }
            default -> throw new IllegalStateException("not a stored kind: " + schema.type(i));
        };
    }

    int putLong(long v, ExpandableArrayBuffer out, int at) {
        if (v == Long.MIN_VALUE) {
            return putAscii(Long.toString(v), out, at);
        }
        int n = 0;
        if (v < 0) {
            out.putByte(at, (byte) '-');
            v = -v;
            n = 1;
        }
        int k = scratch.length;
        do {
            scratch[--k] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        out.putBytes(at + n, scratch, k, scratch.length - k);
        return n + scratch.length - k;
    }

    static int putAscii(String s, ExpandableArrayBuffer out, int at) {
        for (int k = 0; k < s.length(); k++) {
            out.putByte(at + k, (byte) s.charAt(k));
        }
        return s.length();
    }

    /** Writes UTF-8 bytes as the inside of a JSON string (quotes, backslashes and controls escaped). */
    static int putJsonEscaped(DirectBuffer src, int offset, int length, ExpandableArrayBuffer out, int at) {
        int w = at;
        for (int k = 0; k < length; k++) {
            byte b = src.getByte(offset + k);
            if (b == '"' || b == '\\') {
                out.putByte(w++, (byte) '\\');
                out.putByte(w++, b);
            } else if (b >= 0 && b < 0x20) {
                out.putByte(w++, (byte) '\\');
                switch (b) {
                    case '\n' -> out.putByte(w++, (byte) 'n');
                    case '\r' -> out.putByte(w++, (byte) 'r');
                    case '\t' -> out.putByte(w++, (byte) 't');
                    default -> {
                        out.putByte(w++, (byte) 'u');
                        String hex = String.format("%04x", (int) b);
                        w += putAscii(hex, out, w);
                    }
                }
            } else {
                out.putByte(w++, b);
            }
        }
        return w - at;
    }
}
