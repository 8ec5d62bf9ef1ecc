package io.sluice.connectors.format;

import io.sluice.engine.connector.Encoder;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.nio.charset.StandardCharsets;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes a row as one JSON object, fields named as the columns are, in column order: numbers and
 * booleans bare, text and timestamps ({@code yyyy-MM-dd HH:mm:ss.SSS}) quoted, NULL as {@code null}.
 */
final class JsonEncoder implements Encoder {
    private final RowSchema schema;
    private final byte[][] prefixes;
    private final TextEncoding text = new TextEncoding();

    JsonEncoder(RowSchema schema) {
        this.schema = schema;
        this.prefixes = new byte[schema.size()][];
        for (int i = 0; i < prefixes.length; i++) {
            String name = schema.column(i).name().replace("\\", "\\\\").replace("\"", "\\\"");
            prefixes[i] = ((i == 0 ? "{\"" : ",\"") + name + "\":").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int encode(RowReader row, ExpandableArrayBuffer out, int offset) {
        int w = offset;
        for (int i = 0; i < prefixes.length; i++) {
            out.putBytes(w, prefixes[i]);
            w += prefixes[i].length;
            if (row.isNull(i)) {
                w += TextEncoding.putAscii("null", out, w);
                continue;
            }
            TypeKind kind = schema.type(i).kind();
            if (kind == TypeKind.VARCHAR) {
                out.putByte(w++, (byte) '"');
                w += TextEncoding.putJsonEscaped(row.buffer(), row.stringOffset(i), row.stringLength(i), out, w);
                out.putByte(w++, (byte) '"');
            } else if (kind == TypeKind.TIMESTAMP) {
                out.putByte(w++, (byte) '"');
                w += text.putValue(row, i, schema, out, w);
                out.putByte(w++, (byte) '"');
            } else {
                w += text.putValue(row, i, schema, out, w);
            }
        }
        if (prefixes.length == 0) {
            out.putByte(w++, (byte) '{');
        }
        out.putByte(w++, (byte) '}');
        return w - offset;
    }
}
