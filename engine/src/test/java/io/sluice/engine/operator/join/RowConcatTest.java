package io.sluice.engine.operator.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The joined row written by blocks of bytes against the same row written column by column with a
 * RowWriter: every byte equal, for random schemas (every stored kind, NULLs, empty and multi-byte
 * text, up to more than 64 columns together) and random rows.
 */
class RowConcatTest {
    private static final DataType[] TYPES = {DataType.of(TypeKind.BOOLEAN), DataType.of(TypeKind.INT),
        DataType.of(TypeKind.BIGINT), DataType.of(TypeKind.DOUBLE), DataType.of(TypeKind.TIMESTAMP),
        DataType.decimal(10, 2), DataType.varchar(DataType.UNBOUNDED)};

    @Test
    void blockCopiesWriteTheBytesAColumnWiseCopyWrites() {
        Random random = new Random(5);
        for (int schemas = 0; schemas < 200; schemas++) {
            int[] sizes = {1 + random.nextInt(12), 1 + random.nextInt(12)};
            if (schemas % 10 == 0) { // over 64 columns together: the bitmap's slow path
                sizes = new int[] {30 + random.nextInt(20), 30 + random.nextInt(20)};
            }
            RowSchema left = schema("l", sizes[0], random);
            RowSchema right = schema("r", sizes[1], random);
            List<Column> all = new ArrayList<>(left.columns());
            all.addAll(right.columns());
            RowSchema out = new RowSchema(all);
            RowConcat concat = new RowConcat(left, right, out);
            RowWriter expected = new RowWriter(out);
            RowReader leftReader = new RowReader(left);
            RowReader rightReader = new RowReader(right);
            for (int rows = 0; rows < 50; rows++) {
                byte[] l = row(left, random);
                byte[] r = row(right, random);
                RowKind kind = random.nextBoolean() ? RowKind.INSERT : RowKind.DELETE;
                leftReader.wrap(new org.agrona.concurrent.UnsafeBuffer(l), 0, l.length);
                rightReader.wrap(new org.agrona.concurrent.UnsafeBuffer(r), 0, r.length);
                expected.begin(kind);
                for (int i = 0; i < left.size(); i++) {
                    expected.copy(leftReader, i, i);
                }
                for (int i = 0; i < right.size(); i++) {
                    expected.copy(rightReader, i, left.size() + i);
                }
                // the inputs may sit in larger arrays: only their lengths count
                byte[] roomyLeft = java.util.Arrays.copyOf(l, l.length + 7);
                concat.write(kind, roomyLeft, l.length, r, r.length);
                byte[] want = new byte[expected.length()];
                expected.buffer().getBytes(0, want);
                byte[] got = new byte[concat.length()];
                concat.buffer().getBytes(0, got);
                assertArrayEquals(want, got);
            }
        }
    }

    @Test
    void appliesOnlyWhenTheOutputIsBothRowsSideBySideWithStoredBytesKept() {
        RowSchema left = RowSchema.of(new Column("a", DataType.of(TypeKind.BIGINT)));
        RowSchema right = RowSchema.of(new Column("b", DataType.varchar(DataType.UNBOUNDED)));
        Column a = left.column(0);
        Column b = right.column(0);
        assertTrue(RowConcat.applies(left, right, RowSchema.of(a, b)));
        assertTrue(RowConcat.applies(left, right, RowSchema.of(new Column("a", DataType.of(TypeKind.BIGINT).withNullable(false)), b)));
        assertFalse(RowConcat.applies(left, right, RowSchema.of(b, a)));
        assertFalse(RowConcat.applies(left, right, RowSchema.of(a)));
        RowSchema wide = RowSchema.of(new Column("d", DataType.decimal(30, 2)));
        assertFalse(RowConcat.applies(wide, right, RowSchema.of(wide.column(0), b)));
        RowSchema narrow = RowSchema.of(new Column("d", DataType.decimal(10, 2)));
        assertFalse(RowConcat.applies(narrow, right, RowSchema.of(new Column("d", DataType.decimal(10, 3)), b)));
        assertThrows(IllegalArgumentException.class, () -> new RowConcat(left, right, RowSchema.of(b, a)));
    }

    private static RowSchema schema(String prefix, int size, Random random) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            columns.add(new Column(prefix + i, TYPES[random.nextInt(TYPES.length)]));
        }
        return new RowSchema(columns);
    }

    /** A canonical row: a RowWriter that began it and set the columns in order. */
    private static byte[] row(RowSchema schema, Random random) {
        RowWriter w = new RowWriter(schema);
        w.begin(RowKind.INSERT);
        for (int i = 0; i < schema.size(); i++) {
            if (random.nextInt(4) == 0) {
                w.setNull(i);
                continue;
            }
            switch (schema.type(i).kind()) {
                case BOOLEAN -> w.putBoolean(i, random.nextBoolean());
                case INT -> w.putInt(i, random.nextInt());
                case BIGINT, TIMESTAMP -> w.putLong(i, random.nextLong());
                case DOUBLE -> w.putDouble(i, random.nextDouble());
                case DECIMAL -> w.putDecimal(i, BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                case VARCHAR -> w.putString(i, random.nextInt(5) == 0 ? "" : "t\u00e9xt" + random.nextInt(100_000));
                default -> throw new IllegalStateException();
            }
        }
        byte[] bytes = new byte[w.length()];
        w.buffer().getBytes(0, bytes);
        return bytes;
    }
}
