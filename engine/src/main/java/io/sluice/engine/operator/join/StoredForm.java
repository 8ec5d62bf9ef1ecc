package io.sluice.engine.operator.join;

import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.Arrays;
import org.agrona.DirectBuffer;

/**
 * Puts an input row of one join side into the form the join stores, compares and joins it in: what a
 * {@code RowWriter} of the side's schema writes when it begins an INSERT and copies every column in
 * order (a plain header without tag or writer, a NULL column's slot zero, the variable-length bytes in
 * column order without gaps). A row that already has that layout, as rows written by a
 * {@code RowWriter} column by column do, is copied as one block and its header and NULL slots
 * cleaned; any other goes column by column. The block copy exists because the column-wise copy was
 * a noticeable part of the join's time in Nexmark q4 (every input row is stored). Used by one thread.
 */
final class StoredForm {
    private static final int KIND_OFFSET = 1;
    private final RowSchema schema;
    private final RowWriter writer;
    private final int columns;
    private final int bitmapBytes;
    private final int fixedEnd;
    private final int[] offsets;
    private final int[] widths;
    private final boolean[] variable;
    private final boolean[] bool;
    /** The variable-length columns, in order. */
    private final int[] varColumns;
    /** Bits of the bitmap's last byte past the last column: always set by a RowWriter. */
    private final byte padding;
    private byte[] bytes = new byte[256];
    private int length;

    StoredForm(RowSchema schema) {
        this.schema = schema;
        this.writer = new RowWriter(schema);
        this.columns = schema.size();
        this.bitmapBytes = (columns + 7) / 8;
        this.fixedEnd = schema.fixedEnd();
        this.offsets = new int[columns];
        this.widths = new int[columns];
        this.variable = new boolean[columns];
        this.bool = new boolean[columns];
        int at = RowSchema.HEADER_LENGTH + bitmapBytes;
        int vars = 0;
        for (int i = 0; i < columns; i++) {
            offsets[i] = at;
            widths[i] = schema.type(i).kind().fixedWidth();
            at += widths[i];
            variable[i] = schema.type(i).isVariableLength();
            bool[i] = schema.type(i).kind() == TypeKind.BOOLEAN;
            vars += variable[i] ? 1 : 0;
        }
        this.varColumns = new int[vars];
        vars = 0;
        for (int i = 0; i < columns; i++) {
            if (variable[i]) {
                varColumns[vars++] = i;
            }
        }
        this.padding = columns % 8 == 0 ? 0 : (byte) (0xff << (columns % 8));
    }

    /** Writes {@code row} in stored form; read it from {@link #bytes} for {@link #length} bytes, until the next call. */
    void write(RowReader row) {
        if (!blockCopy(row)) {
            writer.begin(RowKind.INSERT);
            for (int i = 0; i < columns; i++) {
                writer.copy(row, i, i);
            }
            length = writer.length();
            ensure(length);
            writer.buffer().getBytes(0, bytes, 0, length);
        }
    }

    /** The stored form by one block copy when the row's layout allows it; false when it does not. */
    private boolean blockCopy(RowReader row) {
        DirectBuffer buffer = row.buffer();
        int base = row.offset();
        int end = fixedEnd;
        for (int c : varColumns) {
            if (!row.isNull(c)) {
                int slot = base + offsets[c];
                if (buffer.getInt(slot) != end) {
                    return false;
                }
                end += buffer.getInt(slot + 4);
            }
        }
        if (row.length() != end) {
            return false;
        }
        ensure(end);
        byte[] b = bytes;
        buffer.getBytes(base, b, 0, end);
        // the header of a plain INSERT: the format stays, kind, tag, writer id and sequence do not
        b[KIND_OFFSET] = RowKind.INSERT.code();
        Arrays.fill(b, KIND_OFFSET + 1, RowSchema.HEADER_LENGTH, (byte) 0);
        b[RowSchema.HEADER_LENGTH + bitmapBytes - 1] |= padding;
        for (int i = 0; i < columns; i++) {
            if ((b[RowSchema.HEADER_LENGTH + (i >> 3)] & (1 << (i & 7))) != 0) {
                Arrays.fill(b, offsets[i], offsets[i] + widths[i], (byte) 0); // a NULL's slot: zero
            } else if (bool[i]) {
                b[offsets[i]] = b[offsets[i]] != 0 ? (byte) 1 : (byte) 0; // as getBoolean reads it
            }
        }
        length = end;
        return true;
    }

    private void ensure(int n) {
        if (n > bytes.length) {
            bytes = new byte[Math.max(n, 2 * bytes.length)];
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    RowSchema schema() {
        return schema;
    }
}
