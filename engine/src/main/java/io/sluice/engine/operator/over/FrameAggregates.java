package io.sluice.engine.operator.over;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.operator.state.StateReader;
import io.sluice.engine.operator.state.StateWriter;
import io.sluice.engine.plan.AggCall;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The aggregate functions of one OVER node, computed over the rows of a frame into an {@link Acc}.
 * Frames only grow here (rows are added, never retracted): a sliding frame is recomputed from its
 * rows, an unbounded one keeps its {@link Acc} and adds each new row. Integer kinds, TIMESTAMPs and
 * BOOLEANs accumulate in longs, DOUBLEs as their bits in longs, DECIMALs and VARCHARs as objects.
 * Results follow SQL and {@code Accumulators}: SUM and AVG over no non-NULL value are NULL (SUM0: 0),
 * an integer AVG truncates. Called on the task's thread only.
 */
final class FrameAggregates {
    private enum Fn { COUNT_STAR, COUNT, SUM, SUM0, AVG, MIN, MAX }

    /**
     * The running state of every call. Per call: {@code longs[l]} a count, or a sum / an extreme value,
     * with {@code longs[l + 1]} the count of values seen; {@code objects[o]} a DECIMAL sum or a
     * DECIMAL/VARCHAR extreme.
     */
    static final class Acc {
        final long[] longs;
        final Object[] objects;

        Acc(int longs, int objects) {
            this.longs = new long[longs];
            this.objects = new Object[objects];
        }
    }

    private final Fn[] fns;
    private final int[] args;
    private final TypeKind[] argKinds;
    private final DataType[] results;
    private final int[] l;
    private final int[] o;
    private final int longs;
    private final int objects;

    FrameAggregates(List<AggCall> calls, RowSchema input) {
        int n = calls.size();
        fns = new Fn[n];
        args = new int[n];
        argKinds = new TypeKind[n];
        results = new DataType[n];
        l = new int[n];
        o = new int[n];
        int nl = 0;
        int no = 0;
        for (int i = 0; i < n; i++) {
            AggCall c = calls.get(i);
            args[i] = c.arg();
            argKinds[i] = args[i] >= 0 ? input.type(args[i]).kind() : null;
            results[i] = c.type();
            fns[i] = switch (c.function()) {
                case AggCall.COUNT -> args[i] < 0 ? Fn.COUNT_STAR : Fn.COUNT;
                case AggCall.SUM -> Fn.SUM;
                case AggCall.SUM0 -> Fn.SUM0;
                case AggCall.AVG -> Fn.AVG;
                case AggCall.MIN -> Fn.MIN;
                case AggCall.MAX -> Fn.MAX;
                default -> throw new IllegalArgumentException("aggregate function " + c.function()
                        + " is not supported OVER a window");
            };
            l[i] = nl;
            nl += fns[i] == Fn.COUNT_STAR || fns[i] == Fn.COUNT ? 1 : 2;
            o[i] = -1;
            if (argKinds[i] == TypeKind.DECIMAL || argKinds[i] == TypeKind.VARCHAR) {
                o[i] = no++;
            }
        }
        longs = nl;
        objects = no;
    }

    Acc newAcc() {
        return new Acc(longs, objects);
    }

    void reset(Acc a) {
        java.util.Arrays.fill(a.longs, 0);
        java.util.Arrays.fill(a.objects, null);
    }

    /** Adds one row of the frame. */
    void add(Acc a, RowReader row) {
        for (int i = 0; i < fns.length; i++) {
            Fn fn = fns[i];
            if (fn == Fn.COUNT_STAR) {
                a.longs[l[i]]++;
                continue;
            }
            int arg = args[i];
            if (row.isNull(arg)) {
                continue;
            }
            switch (fn) {
                case COUNT -> a.longs[l[i]]++;
                case SUM, SUM0, AVG -> sum(a, i, row);
                case MIN, MAX -> extreme(a, i, row);
                default -> throw new IllegalStateException();
            }
        }
    }

    private void sum(Acc a, int i, RowReader row) {
        int s = l[i];
        a.longs[s + 1]++;
        switch (argKinds[i]) {
            case INT -> a.longs[s] += row.getInt(args[i]);
            case BIGINT -> a.longs[s] += row.getLong(args[i]);
            case DOUBLE -> a.longs[s] = Double.doubleToRawLongBits(Double.longBitsToDouble(a.longs[s])
                    + row.getDouble(args[i]));
            case DECIMAL -> {
                BigDecimal v = row.getDecimal(args[i]);
                BigDecimal sum = (BigDecimal) a.objects[o[i]];
                a.objects[o[i]] = sum == null ? v : sum.add(v);
            }
            default -> throw new EvaluationException("cannot sum values of type " + argKinds[i]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void extreme(Acc a, int i, RowReader row) {
        int s = l[i];
        int arg = args[i];
        boolean has = a.longs[s + 1] != 0;
        boolean max = fns[i] == Fn.MAX;
        switch (argKinds[i]) {
            case INT, BIGINT, TIMESTAMP, BOOLEAN -> {
                long v = switch (argKinds[i]) {
                    case INT -> row.getInt(arg);
                    case BOOLEAN -> row.getBoolean(arg) ? 1 : 0;
                    default -> row.getLong(arg);
                };
                if (!has || (max ? v > a.longs[s] : v < a.longs[s])) {
                    a.longs[s] = v;
                }
            }
            case DOUBLE -> {
                double v = row.getDouble(arg);
                double cur = Double.longBitsToDouble(a.longs[s]);
                if (!has || (max ? Double.compare(v, cur) > 0 : Double.compare(v, cur) < 0)) {
                    a.longs[s] = Double.doubleToRawLongBits(v);
                }
            }
            case DECIMAL, VARCHAR -> {
                Comparable cur = (Comparable) a.objects[o[i]];
                // a string is materialized only when it may become the extreme
                Comparable v = argKinds[i] == TypeKind.DECIMAL ? row.getDecimal(arg) : row.getString(arg);
                if (!has || (max ? v.compareTo(cur) > 0 : v.compareTo(cur) < 0)) {
                    a.objects[o[i]] = v;
                }
            }
            default -> throw new EvaluationException("cannot take " + fns[i] + " of values of type " + argKinds[i]);
        }
        a.longs[s + 1] = 1;
    }

    /** Writes every call's result into {@code out}, from column {@code first} on. */
    void write(Acc a, RowWriter out, int first) {
        for (int i = 0; i < fns.length; i++) {
            int col = first + i;
            int s = l[i];
            switch (fns[i]) {
                case COUNT_STAR, COUNT -> putNumber(out, col, results[i], a.longs[s]);
                case SUM, SUM0, AVG -> {
                    long n = a.longs[s + 1];
                    if (n == 0) {
                        if (fns[i] == Fn.SUM0) {
                            putNumber(out, col, results[i], 0L);
                        } else {
                            out.setNull(col);
                        }
                        continue;
                    }
                    Object sum = switch (argKinds[i]) {
                        case DOUBLE -> Double.longBitsToDouble(a.longs[s]);
                        case DECIMAL -> a.objects[o[i]];
                        default -> a.longs[s];
                    };
                    putNumber(out, col, results[i], fns[i] == Fn.AVG ? average(sum, n, results[i]) : sum);
                }
                case MIN, MAX -> {
                    if (a.longs[s + 1] == 0) {
                        out.setNull(col);
                        continue;
                    }
                    switch (argKinds[i]) {
                        case BOOLEAN -> out.putBoolean(col, a.longs[s] != 0);
                        case INT, BIGINT, TIMESTAMP -> putNumber(out, col, results[i], a.longs[s]);
                        case DOUBLE -> putNumber(out, col, results[i], Double.longBitsToDouble(a.longs[s]));
                        case DECIMAL -> putNumber(out, col, results[i], a.objects[o[i]]);
                        default -> out.putString(col, (String) a.objects[o[i]]);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** AVG as SQL types it: integer results truncate (as Calcite does), DECIMALs round half up at their scale. */
    private static Object average(Object sum, long n, DataType result) {
        return switch (result.kind()) {
            case DOUBLE -> ((Number) sum).doubleValue() / n;
            case DECIMAL -> (sum instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) sum).longValue()))
                    .divide(BigDecimal.valueOf(n), result.scale(), RoundingMode.HALF_UP);
            default -> sum instanceof BigDecimal d ? d.divide(BigDecimal.valueOf(n), 0, RoundingMode.DOWN).longValue()
                    : sum instanceof Double d ? (long) (d / n) : ((Long) sum) / n;
        };
    }

    private static void putNumber(RowWriter out, int col, DataType type, Object v) {
        switch (type.kind()) {
            case INT -> out.putInt(col, ((Number) v).intValue());
            case BIGINT, TIMESTAMP -> out.putLong(col, ((Number) v).longValue());
            case DOUBLE -> out.putDouble(col, ((Number) v).doubleValue());
            case DECIMAL -> out.putDecimal(col, v instanceof BigDecimal d ? d : v instanceof Double d
                    ? BigDecimal.valueOf(d) : BigDecimal.valueOf(((Number) v).longValue()));
            default -> throw new EvaluationException("an aggregate cannot produce a value of type " + type.sql());
        }
    }

    void snapshot(Acc a, StateWriter w) {
        w.putLongs(a.longs);
        for (Object v : a.objects) {
            w.putValue(v);
        }
    }

    Acc restore(StateReader r) {
        Acc a = newAcc();
        long[] ls = r.getLongs();
        System.arraycopy(ls, 0, a.longs, 0, ls.length);
        for (int i = 0; i < objects; i++) {
            a.objects[i] = r.getValue();
        }
        return a;
    }

    /** A rough size of one running state, for SHOW PIPELINES. */
    long bytes() {
        return 32 + 8L * longs + 48L * objects;
    }
}
