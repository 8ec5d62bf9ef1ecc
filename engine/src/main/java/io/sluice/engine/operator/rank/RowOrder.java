package io.sluice.engine.operator.rank;

import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import org.agrona.DirectBuffer;

/**
 * Compares two rows of one schema by some of their columns, each ascending or descending, with NULLs
 * first or last. Reads fields in place; allocates only for DECIMALs wider than 18 digits. VARCHARs
 * compare by their UTF-8 bytes, unsigned, which is code-point order.
 */
public final class RowOrder {
    private final int[] columns;
    private final TypeKind[] kinds;
    private final boolean[] longDecimal;
    private final boolean[] descending;
    private final boolean[] nullsLast;

    public RowOrder(RowSchema schema, int[] columns, boolean[] descending, boolean[] nullsLast) {
        this.columns = columns.clone();
        this.descending = descending.clone();
        this.nullsLast = nullsLast.clone();
        this.kinds = new TypeKind[columns.length];
        this.longDecimal = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            DataType t = schema.type(columns[i]);
            kinds[i] = t.kind();
            longDecimal[i] = t.kind() == TypeKind.DECIMAL && t.isLongDecimal();
        }
    }

    /** Negative when {@code a} ranks before {@code b}, 0 when they tie, positive after. */
    public int compare(RowReader a, RowReader b) {
        for (int i = 0; i < columns.length; i++) {
            int col = columns[i];
            boolean na = a.isNull(col);
            boolean nb = b.isNull(col);
            int c;
            if (na || nb) {
                if (na && nb) {
                    continue;
                }
                // NULL placement is absolute: NULLS LAST holds whatever the direction
                c = na == nullsLast[i] ? 1 : -1;
                return c;
            }
            c = value(a, b, i, col);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }

    private int value(RowReader a, RowReader b, int i, int col) {
        return switch (kinds[i]) {
            case BOOLEAN -> Boolean.compare(a.getBoolean(col), b.getBoolean(col));
            case INT, INTERVAL_YEAR_MONTH -> Integer.compare(a.getInt(col), b.getInt(col));
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> Long.compare(a.getLong(col), b.getLong(col));
            case DOUBLE -> Double.compare(a.getDouble(col), b.getDouble(col));
            case DECIMAL -> longDecimal[i] ? Long.compare(a.getLong(col), b.getLong(col))
                    : a.getDecimal(col).compareTo(b.getDecimal(col));
            case VARCHAR -> utf8(a.buffer(), a.stringOffset(col), a.stringLength(col),
                    b.buffer(), b.stringOffset(col), b.stringLength(col));
            default -> throw new IllegalStateException("cannot order by values of type " + kinds[i]);
        };
    }

    private static int utf8(DirectBuffer a, int ao, int al, DirectBuffer b, int bo, int bl) {
        int n = Math.min(al, bl);
        for (int k = 0; k < n; k++) {
            int c = Integer.compare(a.getByte(ao + k) & 0xff, b.getByte(bo + k) & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(al, bl);
    }
}
