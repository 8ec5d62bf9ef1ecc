package io.sluice.storage.row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a row and where each one lives in the binary record.
 *
 * <pre>
 * record layout (all integers little-endian, as Agrona buffers write them)
 *
 *  0        1        2                4                 8                 16
 *  +--------+--------+----------------+-----------------+-----------------+
 *  | format | kind   | tag    | res.(0)| writer id (i32) | writer seq (i64)|   header, HEADER_LENGTH bytes
 *  +--------+--------+----------------+-----------------+-----------------+
 *  | null bitmap: ceil(n / 8) bytes, bit i set = column i is NULL         |
 *  +----------------------------------------------------------------------+
 *  | fixed section: each column at fixedOffset(i), kind.fixedWidth() bytes |
 *  |   BOOLEAN 1 (0/1), INT 4, BIGINT 8, DOUBLE 8, TIMESTAMP 8 (epoch ms), |
 *  |   DECIMAL(p<=18) 8 (unscaled long),                                   |
 *  |   VARCHAR and DECIMAL(p>18): i32 offset from record start, i32 length |
 *  +----------------------------------------------------------------------+
 *  | variable section: UTF-8 text, big-endian two's complement unscaled   |
 *  | values of wide decimals, in the order the writer put them            |
 *  +----------------------------------------------------------------------+
 * </pre>
 *
 * The format byte is {@link #FORMAT_V1}; a reader refuses any other. The kind byte is the change
 * kind ({@link RowKind}). The tag says which input of a plan's exchange a row belongs to when
 * an internal stream carries the rows of several inputs (a join's two sides); 0 elsewhere. Writer id and sequence identify the pipeline task that produced the
 * record and its position in that task's output, which recovery uses to suppress re-emitted
 * records (writer id 0 means "not written by a pipeline").
 */
public final class RowSchema {
    public static final int HEADER_LENGTH = 16;
    public static final byte FORMAT_V1 = 1;
    static final int FORMAT_OFFSET = 0;
    static final int KIND_OFFSET = 1;
    static final int TAG_OFFSET = 2;
    static final int WRITER_ID_OFFSET = 4;
    static final int WRITER_SEQ_OFFSET = 8;

    private final List<Column> columns;
    private final int[] fixedOffsets;
    private final int fixedEnd;

    public RowSchema(List<Column> columns) {
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.fixedOffsets = new int[columns.size()];
        int bitmapBytes = (columns.size() + 7) / 8;
        int offset = HEADER_LENGTH + bitmapBytes;
        for (int i = 0; i < columns.size(); i++) {
            TypeKind kind = columns.get(i).type().kind();
            if (!kind.storable()) {
                throw new IllegalArgumentException("column " + columns.get(i).name() + " has type " + kind
                        + ", which cannot be stored in a row");
            }
            fixedOffsets[i] = offset;
            offset += kind.fixedWidth();
        }
        this.fixedEnd = offset;
    }

    public static RowSchema of(Column... columns) {
        return new RowSchema(List.of(columns));
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public Column column(int i) {
        return columns.get(i);
    }

    public DataType type(int i) {
        return columns.get(i).type();
    }

    /** Index of the column with this name, compared case-insensitively, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    int fixedOffset(int i) {
        return fixedOffsets[i];
    }

    /** Where the variable section starts: every record of this schema is at least this long. */
    public int fixedEnd() {
        return fixedEnd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowSchema other && other.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
