package io.sluice.engine.operator.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * A join side's stored form against a RowWriter that begins an INSERT and copies every column: equal
 * bytes for rows of every stored kind with any header (kind, tag, writer), NULLs whose slots were
 * written before, columns written out of order (text not in column order), wide decimals, and rows
 * that sit inside a larger buffer.
 */
class StoredFormTest {
    private static final DataType[] TYPES = {DataType.of(TypeKind.BOOLEAN), DataType.of(TypeKind.INT),
        DataType.of(TypeKind.BIGINT), DataType.of(TypeKind.DOUBLE), DataType.of(TypeKind.TIMESTAMP),
        DataType.decimal(10, 2), DataType.decimal(30, 4), DataType.varchar(DataType.UNBOUNDED)};
    private static final RowKind[] KINDS = {RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE};

    @Test
    void theStoredFormIsWhatAColumnWiseCopyWritesWhateverTheRowsLayout() {
        Random random = new Random(9);
        for (int schemas = 0; schemas < 200; schemas++) {
            List<Column> columns = new ArrayList<>();
            int size = 1 + random.nextInt(schemas % 10 == 0 ? 40 : 12);
            for (int i = 0; i < size; i++) {
                columns.add(new Column("c" + i, TYPES[random.nextInt(TYPES.length)]));
            }
            RowSchema schema = new RowSchema(columns);
            StoredForm form = new StoredForm(schema);
            RowWriter source = new RowWriter(schema);
            RowWriter expected = new RowWriter(schema);
            RowReader reader = new RowReader(schema);
            for (int rows = 0; rows < 50; rows++) {
                source.begin(KINDS[random.nextInt(KINDS.length)]);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    order.add(i);
                }
                if (random.nextInt(4) == 0) {
                    Collections.shuffle(order, random); // variable-length bytes out of column order
                }
                for (int i : order) {
                    int choice = random.nextInt(6);
                    if (choice == 0) {
                        continue; // never set: NULL
                    }
                    put(source, schema, i, random);
                    if (choice == 1) {
                        source.setNull(i); // NULL over a written slot
                    }
                }
                if (random.nextBoolean()) {
                    source.writer(1 + random.nextInt(100), random.nextLong());
                }
                RowWriter.stampKindAndTag(source.buffer(), 0, KINDS[random.nextInt(KINDS.length)], random.nextInt(3));
                // the row inside a larger buffer, at an offset
                int at = random.nextInt(9);
                byte[] framed = new byte[at + source.length() + random.nextInt(9)];
                source.buffer().getBytes(0, framed, at, source.length());
                reader.wrap(new UnsafeBuffer(framed), at, source.length());

                expected.begin(RowKind.INSERT);
                for (int i = 0; i < size; i++) {
                    expected.copy(reader, i, i);
                }
                byte[] want = new byte[expected.length()];
                expected.buffer().getBytes(0, want);
                form.write(reader);
                assertArrayEquals(want, Arrays.copyOf(form.bytes(), form.length()));
            }
        }
    }

    private static void put(RowWriter w, RowSchema schema, int i, Random random) {
        switch (schema.type(i).kind()) {
            case BOOLEAN -> w.putBoolean(i, random.nextBoolean());
            case INT -> w.putInt(i, random.nextInt());
            case BIGINT, TIMESTAMP -> w.putLong(i, random.nextLong());
            case DOUBLE -> w.putDouble(i, random.nextDouble());
            case DECIMAL -> w.putDecimal(i, BigDecimal.valueOf(random.nextInt(1_000_000) - 500_000, 2));
            case VARCHAR -> w.putString(i, random.nextInt(5) == 0 ? "" : "t\u00e9xt" + random.nextInt(100_000));
            default -> throw new IllegalStateException();
        }
    }
}
