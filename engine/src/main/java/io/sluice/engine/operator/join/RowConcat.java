package io.sluice.engine.operator.join;

import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes a join's output row, a left row followed by a right row, by moving their bytes in a few
 * block copies instead of column by column: a join writes one output row per matched pair, and the
 * column-wise copy (a type switch, a null test and bounds-checked reads and writes per column) was the
 * largest part of the join's own time in Nexmark q4 (17 columns per pair, most never read again).
 *
 * <p>Both input rows must be canonical: written by a {@code RowWriter} of their side's schema that
 * began the row and then set the columns in order, so that the variable section holds the present
 * variable-length columns' bytes in column order, without gaps, and a NULL column's slot is zero. The
 * result is then byte for byte what a {@code RowWriter} of the output schema writes when it begins a
 * row of the kind and copies the left columns and then the right ones: a plain header (no tag, no
 * writer), the null bitmap of both, the fixed slots of both (variable-length slots' offsets moved to
 * the output's variable section) and the left row's variable bytes followed by the right row's.
 * {@link #applies} says for which schemas that holds. Used by one thread (its operator's).
 */
final class RowConcat {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final int KIND_OFFSET = 1;

    private final int leftColumns;
    private final int rightColumns;
    private final int leftBitmap;
    private final int rightBitmap;
    private final int outBitmap;
    private final int leftFixedEnd;
    private final int rightFixedEnd;
    private final int outFixedEnd;
    /** Left columns that are variable-length, and their slots' offsets in the output row. */
    private final int[] leftVar;
    private final int[] leftVarSlot;
    private final int[] rightVar;
    private final int[] rightVarSlot;
    /** The fixed area of an output row with every column NULL, as a {@code RowWriter} begins it. */
    private final byte[] blank;
    private byte[] row;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private int length;

    /**
     * Whether an output row of {@code out} is exactly {@code left}'s columns then {@code right}'s, each
     * of the same kind (and a DECIMAL of the same precision and scale, stored in a long), so that a
     * {@code RowWriter} copies every column's stored bytes as they are.
     */
    static boolean applies(RowSchema left, RowSchema right, RowSchema out) {
        if (out.size() != left.size() + right.size()) {
            return false;
        }
        for (int i = 0; i < out.size(); i++) {
            DataType in = i < left.size() ? left.type(i) : right.type(i - left.size());
            DataType o = out.type(i);
            if (in.kind() != o.kind()) {
                return false;
            }
            if (o.kind() == TypeKind.DECIMAL
                    && (!o.isLongDecimal() || in.precision() != o.precision() || in.scale() != o.scale())) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException when {@link #applies} is false for these schemas */
    RowConcat(RowSchema left, RowSchema right, RowSchema out) {
        if (!applies(left, right, out)) {
            throw new IllegalArgumentException("the output row is not the left row's columns then the right's");
        }
        this.leftColumns = left.size();
        this.rightColumns = right.size();
        this.leftBitmap = (leftColumns + 7) / 8;
        this.rightBitmap = (rightColumns + 7) / 8;
        this.outBitmap = (out.size() + 7) / 8;
        this.leftFixedEnd = left.fixedEnd();
        this.rightFixedEnd = right.fixedEnd();
        this.outFixedEnd = out.fixedEnd();
        this.leftVar = varColumns(left);
        this.rightVar = varColumns(right);
        this.leftVarSlot = new int[leftVar.length];
        for (int j = 0; j < leftVar.length; j++) {
            leftVarSlot[j] = fixedOffset(out, leftVar[j]);
        }
        this.rightVarSlot = new int[rightVar.length];
        for (int j = 0; j < rightVar.length; j++) {
            rightVarSlot[j] = fixedOffset(out, leftColumns + rightVar[j]);
        }
        this.blank = new byte[outFixedEnd];
        blank[0] = RowSchema.FORMAT_V1;
        Arrays.fill(blank, RowSchema.HEADER_LENGTH, RowSchema.HEADER_LENGTH + outBitmap, (byte) 0xff);
        this.row = new byte[Math.max(256, 2 * outFixedEnd)];
    }

    /** Where column {@code i}'s slot lies (the layout {@link RowSchema} describes). */
    private static int fixedOffset(RowSchema schema, int i) {
        int offset = RowSchema.HEADER_LENGTH + (schema.size() + 7) / 8;
        for (int c = 0; c < i; c++) {
            offset += schema.type(c).kind().fixedWidth();
        }
        return offset;
    }

    private static int[] varColumns(RowSchema schema) {
        int n = 0;
        for (int i = 0; i < schema.size(); i++) {
            n += schema.type(i).isVariableLength() ? 1 : 0;
        }
        int[] columns = new int[n];
        n = 0;
        for (int i = 0; i < schema.size(); i++) {
            if (schema.type(i).isVariableLength()) {
                columns[n++] = i;
            }
        }
        return columns;
    }

    /**
     * Writes the output row of {@code kind} from a canonical left row ({@code leftLength} bytes at the
     * start of {@code left}) and a canonical right row; read it from {@link #buffer} for {@link #length}
     * bytes, until the next call.
     */
    void write(RowKind kind, byte[] left, int leftLength, byte[] right, int rightLength) {
        int leftVarBytes = leftLength - leftFixedEnd;
        int rightVarBytes = rightLength - rightFixedEnd;
        int total = outFixedEnd + leftVarBytes + rightVarBytes;
        if (total > row.length) {
            row = new byte[Math.max(total, 2 * row.length)];
        }
        byte[] out = row;
        System.arraycopy(blank, 0, out, 0, RowSchema.HEADER_LENGTH);
        out[KIND_OFFSET] = kind.code();
        bitmap(left, right, out);
        // fixed slots: the output's are the left's then the right's, of the same widths
        int leftSlots = leftFixedEnd - RowSchema.HEADER_LENGTH - leftBitmap;
        int outSlots = RowSchema.HEADER_LENGTH + outBitmap;
        System.arraycopy(left, RowSchema.HEADER_LENGTH + leftBitmap, out, outSlots, leftSlots);
        System.arraycopy(right, RowSchema.HEADER_LENGTH + rightBitmap, out, outSlots + leftSlots,
                rightFixedEnd - RowSchema.HEADER_LENGTH - rightBitmap);
        System.arraycopy(left, leftFixedEnd, out, outFixedEnd, leftVarBytes);
        System.arraycopy(right, rightFixedEnd, out, outFixedEnd + leftVarBytes, rightVarBytes);
        // a present variable-length column's offset counts from the row's start: move it
        for (int j = 0; j < leftVar.length; j++) {
            if (!isNull(left, leftVar[j])) {
                int slot = leftVarSlot[j];
                INTS.set(out, slot, (int) INTS.get(out, slot) - leftFixedEnd + outFixedEnd);
            }
        }
        for (int j = 0; j < rightVar.length; j++) {
            if (!isNull(right, rightVar[j])) {
                int slot = rightVarSlot[j];
                INTS.set(out, slot, (int) INTS.get(out, slot) - rightFixedEnd + outFixedEnd + leftVarBytes);
            }
        }
        length = total;
    }

    private static boolean isNull(byte[] row, int column) {
        return (row[RowSchema.HEADER_LENGTH + (column >> 3)] & (1 << (column & 7))) != 0;
    }

    /** The output's null bitmap: the left's bits, then the right's, then ones up to the byte's end. */
    private void bitmap(byte[] left, byte[] right, byte[] out) {
        int total = leftColumns + rightColumns;
        if (total <= 64) {
            long l = bits(left, leftBitmap) & mask(leftColumns);
            long r = bits(right, rightBitmap) & mask(rightColumns);
            long b = l | (r << leftColumns) | ~mask(total);
            for (int i = 0; i < outBitmap; i++) {
                out[RowSchema.HEADER_LENGTH + i] = (byte) (b >>> (8 * i));
            }
            return;
        }
        System.arraycopy(blank, RowSchema.HEADER_LENGTH, out, RowSchema.HEADER_LENGTH, outBitmap);
        for (int i = 0; i < total; i++) {
            boolean isNull = i < leftColumns ? isNull(left, i) : isNull(right, i - leftColumns);
            if (!isNull) {
                int at = RowSchema.HEADER_LENGTH + (i >> 3);
                out[at] = (byte) (out[at] & ~(1 << (i & 7)));
            }
        }
    }

    private static long bits(byte[] row, int bytes) {
        long b = 0;
        for (int i = 0; i < bytes; i++) {
            b |= (row[RowSchema.HEADER_LENGTH + i] & 0xffL) << (8 * i);
        }
        return b;
    }

    private static long mask(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** The last row written, over a view this object reuses. */
    UnsafeBuffer buffer() {
        view.wrap(row, 0, length);
        return view;
    }

    int length() {
        return length;
    }
}
