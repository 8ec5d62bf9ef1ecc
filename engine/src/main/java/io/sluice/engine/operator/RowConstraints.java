package io.sluice.engine.operator;

import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraints a stream's declaration puts on every row written to it: NOT NULL columns hold a
 * value, and VARCHAR(n) columns hold at most n characters. Checked for each row as it is written,
 * so a stream never holds a row its own DESCRIBE says it cannot (and compiled code, which trusts a
 * NOT NULL type, never reads a NULL there).
 */
public final class RowConstraints {
    private final String stream;
    private final RowSchema schema;
    private final int[] notNull;
    private final int[] bounded;

    /** Checks nothing: for a pipeline's internal streams, whose rows its own operators made. */
    public static final RowConstraints NONE = new RowConstraints("internal", RowSchema.of());

    public RowConstraints(String stream, RowSchema schema) {
        this.stream = stream;
        this.schema = schema;
        List<Integer> nn = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            DataType t = schema.type(i);
            if (!t.nullable()) {
                nn.add(i);
            }
            if (t.kind() == TypeKind.VARCHAR && t.precision() != DataType.UNBOUNDED) {
                b.add(i);
            }
        }
        this.notNull = nn.stream().mapToInt(Integer::intValue).toArray();
        this.bounded = b.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @throws EvaluationException naming the stream, the column and the value when the row breaks one */
    public void check(RowReader row) {
        for (int i : notNull) {
            if (row.isNull(i)) {
                throw new EvaluationException("Column " + schema.column(i).name() + " of stream " + stream
                        + " is NOT NULL, but the row has NULL there");
            }
        }
        for (int i : bounded) {
            int max = schema.type(i).precision();
            // UTF-8 never has fewer bytes than characters: only a long byte run needs counting
            if (!row.isNull(i) && row.stringLength(i) > max) {
                String s = row.getString(i);
                if (s.codePointCount(0, s.length()) > max) {
                    throw new EvaluationException("Value '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s)
                            + "' is too long for column " + schema.column(i).name() + " " + schema.type(i).sql()
                            + " of stream " + stream);
                }
            }
        }
    }
}
