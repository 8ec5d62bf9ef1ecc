package io.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.engine.connector.BadRecordException;
import io.sluice.engine.connector.Decoder;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes one JSON object into a row with Jackson's streaming parser, writing each value straight
 * into the {@link RowWriter}: no tree and no object per record beyond the parser itself and the
 * Strings of text columns. Strict about types: text where a number belongs, a fraction in a whole
 * number column, or an object where a value belongs is a bad record, as is a NOT NULL column with
 * no value.
 */
final class JsonDecoder implements Decoder {
    private final RowSchema schema;
    private final TypeKind[] kinds;
    private final String path;
    private final String filterField;
    private final String filterValue;
    private final ColumnNames names;
    private final boolean[] present;
    private final int[] notNull;
    private byte[] scratch = new byte[256];
    private final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(scratch);

    JsonDecoder(RowSchema schema, String path, String filterField, String filterValue) {
        this.schema = schema;
        this.kinds = new TypeKind[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = schema.type(i).kind();
        }
        this.path = path;
        this.filterField = filterField;
        this.filterValue = filterValue;
        this.names = new ColumnNames(schema);
        this.present = new boolean[schema.size()];
        this.notNull = java.util.stream.IntStream.range(0, schema.size()).filter(i -> !schema.type(i).nullable()).toArray();
    }

    @Override
    public boolean decode(byte[] bytes, int offset, int length, RowWriter row) {
        Arrays.fill(present, false);
        try (JsonParser p = JsonFormatFactory.JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecordException("not a JSON object");
            }
            boolean matched = filterField == null;
            boolean filterSeen = false;
            boolean found = path == null;
            if (path == null) {
                matched |= readFields(p, row, true);
            } else {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    if (name.equals(path)) {
                        if (filterSeen && !matched) {
                            p.skipChildren(); // another kind of record: no need to read it
                        } else if (t == JsonToken.START_OBJECT) {
                            readFields(p, row, false);
                            found = true;
                        } else if (t != JsonToken.VALUE_NULL) {
                            throw new BadRecordException("field '" + path + "' is not an object");
                        }
                    } else if (filterField != null && name.equals(filterField)) {
                        matched = t.isScalarValue() && filterValue.equals(p.getText());
                        filterSeen = true;
                        p.skipChildren();
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new BadRecordException("unexpected content after the JSON object");
            }
            if (!matched) {
                return false;
            }
            if (!found) {
                if (filterField == null) {
                    return false; // a union record of another kind
                }
                throw new BadRecordException("record has no object '" + path + "'");
            }
        } catch (JsonParseException e) {
            throw new BadRecordException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRecordException("malformed JSON: " + e.getMessage());
        }
        for (int i : notNull) {
            if (!present[i]) {
                throw new BadRecordException("no value for column " + schema.column(i).name() + ", which is NOT NULL");
            }
        }
        return true;
    }

    /** Reads an object's fields into the row; returns whether the filter (a top-level field) matched. */
    private boolean readFields(JsonParser p, RowWriter row, boolean topLevel) throws IOException {
        boolean matched = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (topLevel && filterField != null && name.equals(filterField)) {
                matched = t.isScalarValue() && filterValue.equals(p.getText());
            }
            int i = names.indexOf(name);
            if (i < 0 || t == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            value(p, t, i, row);
            present[i] = true;
        }
        return matched;
    }

    private void value(JsonParser p, JsonToken t, int i, RowWriter row) throws IOException {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            throw new BadRecordException("field for column " + schema.column(i).name() + " holds "
                    + (t == JsonToken.START_OBJECT ? "an object" : "an array") + ", not a value");
        }
        switch (kinds[i]) {
            case BIGINT -> row.putLong(i, wholeNumber(p, t, i));
            case INT -> {
                long v = wholeNumber(p, t, i);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new BadRecordException(v + " is too large for column " + schema.column(i).name() + " INT");
                }
                row.putInt(i, (int) v);
            }
            case DOUBLE -> {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw notA("number", t, i, p);
                }
                row.putDouble(i, p.getDoubleValue());
            }
            case DECIMAL -> {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw notA("number", t, i, p);
                }
                try {
                    row.putDecimal(i, p.getDecimalValue());
                } catch (ArithmeticException e) {
                    throw new BadRecordException("column " + schema.column(i).name() + ": " + e.getMessage());
                }
            }
            case BOOLEAN -> {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                    throw notA("boolean", t, i, p);
                }
                row.putBoolean(i, t == JsonToken.VALUE_TRUE);
            }
            case VARCHAR -> text(p, t, i, row);
            case TIMESTAMP -> {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    row.putLong(i, p.getLongValue());
                } else if (t == JsonToken.VALUE_STRING) {
                    char[] c = p.getTextCharacters();
                    int off = p.getTextOffset();
                    int len = p.getTextLength();
                    if (scratch.length < len) {
                        scratch = new byte[len * 2];
                        view.wrap(scratch);
                    }
                    for (int k = 0; k < len; k++) {
                        scratch[k] = (byte) c[off + k];
                    }
                    try {
                        row.putLong(i, Timestamps.parse(scratch, 0, len));
                    } catch (BadRecordException e) {
                        throw new BadRecordException("column " + schema.column(i).name() + ": " + e.getMessage());
                    }
                } else {
                    throw notA("timestamp", t, i, p);
                }
            }
            default -> throw new IllegalStateException("not a stored kind: " + kinds[i]);
        }
    }

    /**
     * Copies a text value into the row. ASCII (the common case) goes from the parser's characters to
     * the row's bytes through a scratch buffer, with no String; anything else through a String.
     */
    private void text(JsonParser p, JsonToken t, int i, RowWriter row) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            row.putString(i, p.getText());
            return;
        }
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
            view.wrap(scratch);
        }
        for (int k = 0; k < len; k++) {
            char ch = c[off + k];
            if (ch >= 0x80) {
                row.putString(i, p.getText());
                return;
            }
            scratch[k] = (byte) ch;
        }
        row.putStringBytes(i, view, 0, len);
    }

    private long wholeNumber(JsonParser p, JsonToken t, int i) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw notA("whole number", t, i, p);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new BadRecordException(p.getText() + " is too large for column " + schema.column(i).name());
        }
        return p.getLongValue();
    }

    private BadRecordException notA(String what, JsonToken t, int i, JsonParser p) throws IOException {
        DataType type = schema.type(i);
        String got = switch (t) {
            case VALUE_STRING -> "text '" + abbreviate(p.getText()) + "'";
            case VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_NUMBER_INT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.asString() == null ? t.name() : t.asString();
        };
        return new BadRecordException("column " + schema.column(i).name() + " " + type.sql() + " needs a " + what
                + ", got " + got);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
