package io.sluice.connectors.format;

import io.sluice.engine.connector.Encoder;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.nio.charset.StandardCharsets;
import org.agrona.ExpandableArrayBuffer;

/**
 * Writes a row as one CSV line: NULL as an empty field, text quoted when it holds the delimiter, a
 * quote or a line end, or is empty (so that it reads back as empty text, not NULL).
 */
final class CsvEncoder implements Encoder {
    private final RowSchema schema;
    private final byte delimiter;
    private final boolean header;
    private final TextEncoding text = new TextEncoding();

    CsvEncoder(RowSchema schema, byte delimiter, boolean header) {
        this.schema = schema;
        this.delimiter = delimiter;
        this.header = header;
    }

    @Override
    public byte[] header() {
        if (!header) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            sb.append(i == 0 ? "" : String.valueOf((char) delimiter)).append(schema.column(i).name());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int encode(RowReader row, ExpandableArrayBuffer out, int offset) {
        int w = offset;
        for (int i = 0; i < schema.size(); i++) {
            if (i > 0) {
                out.putByte(w++, delimiter);
            }
            if (row.isNull(i)) {
                continue;
            }
            if (schema.type(i).kind() == TypeKind.VARCHAR) {
                int s = row.stringOffset(i);
                int len = row.stringLength(i);
                boolean quote = len == 0;
                for (int k = 0; k < len && !quote; k++) {
                    byte b = row.buffer().getByte(s + k);
                    quote = b == delimiter || b == '"' || b == '\n' || b == '\r';
                }
                if (!quote) {
                    out.putBytes(w, row.buffer(), s, len);
                    w += len;
                    continue;
                }
                out.putByte(w++, (byte) '"');
                for (int k = 0; k < len; k++) {
                    byte b = row.buffer().getByte(s + k);
                    if (b == '"') {
                        out.putByte(w++, (byte) '"');
                    }
                    out.putByte(w++, b);
                }
                out.putByte(w++, (byte) '"');
            } else {
                w += text.putValue(row, i, schema, out, w);
            }
        }
        return w - offset;
    }
}
