package io.sluice.engine.operator.agg;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate functions of one aggregate operator, laid out over a {@link Group}'s slots: slot
 * {@code longs[0]} counts the group's rows; each call then takes what it needs (a count, a sum and a
 * count, a value and a "has value" flag, ...). Numbers of the integer kinds, TIMESTAMPs and BOOLEANs
 * accumulate in longs, DOUBLEs as their bits in longs, DECIMALs and VARCHARs as objects.
 *
 * <p>Retraction (a -U or -D row of a changelog input) is supported by every function. COUNT, SUM and
 * AVG simply subtract. MIN and MAX over an append-only input keep only the extreme value; over a
 * changelog input ({@code retracting}) they keep every value of the group with its count in a sorted
 * map (a multiset), so that retracting the current extreme falls back to the next one. That map
 * lives in the call's object slot and is snapshotted like a DISTINCT call's seen values.
 */
final class Accumulators {
    private enum Fn { COUNT_STAR, COUNT, SUM, SUM0, AVG, MIN, MAX }

    private static final class Slot {
        Fn fn;
        int arg;
        TypeKind argKind;
        int filter;
        boolean distinct;
        boolean multiset; // MIN/MAX over a changelog: every value with its count, in a TreeMap
        DataType result;
        int l; // first long slot
        int o = -1; // object slot (decimal sum, string/decimal min/max)
        int seen = -1; // object slot of the DISTINCT values seen
    }

    private final Slot[] slots;
    private final int longs;
    private final int objects;

    Accumulators(List<AggCall> calls, RowSchema input) {
        this(calls, input, false);
    }

    /** @param retracting whether the input is a changelog whose -U/-D rows retract earlier rows */
    Accumulators(List<AggCall> calls, RowSchema input, boolean retracting) {
        slots = new Slot[calls.size()];
        int l = 1;
        int o = 0;
        for (int i = 0; i < slots.length; i++) {
            AggCall c = calls.get(i);
            Slot s = new Slot();
            s.arg = c.arg();
            s.filter = c.filterArg();
            s.distinct = c.distinct();
            s.result = c.type();
            s.argKind = s.arg >= 0 ? input.type(s.arg).kind() : null;
            s.fn = switch (c.function()) {
                case AggCall.COUNT -> s.arg < 0 ? Fn.COUNT_STAR : Fn.COUNT;
                case AggCall.SUM -> Fn.SUM;
                case AggCall.SUM0 -> Fn.SUM0;
                case AggCall.AVG -> Fn.AVG;
                case AggCall.MIN -> Fn.MIN;
                case AggCall.MAX -> Fn.MAX;
                default -> throw new IllegalArgumentException("aggregate function " + c.function() + " is not supported");
            };
            s.l = l;
            l += s.fn == Fn.COUNT_STAR || s.fn == Fn.COUNT ? 1 : 2;
            s.multiset = retracting && (s.fn == Fn.MIN || s.fn == Fn.MAX);
            if (s.argKind == TypeKind.DECIMAL || s.argKind == TypeKind.VARCHAR || s.multiset) {
                s.o = o++;
            }
            if (s.distinct) {
                s.seen = o++;
            }
            slots[i] = s;
        }
        this.longs = l;
        this.objects = o;
    }

    Group newGroup(GroupKey key) {
        return new Group(key, longs, objects);
    }

    /**
     * Adds ({@code sign} 1) or retracts ({@code sign} -1) one input row.
     *
     * @throws EvaluationException for a retraction that MIN or MAX over an append-only input cannot do
     *                             (the planner marks aggregates over changelogs retracting, so this
     *                             means a plan that lies about its input)
     */
    @SuppressWarnings("unchecked")
    void accumulate(Group g, RowReader row, int sign) {
        g.longs[0] += sign;
        for (Slot s : slots) {
            if (s.filter >= 0 && (row.isNull(s.filter) || !row.getBoolean(s.filter))) {
                continue;
            }
            if (s.fn == Fn.COUNT_STAR) {
                g.longs[s.l] += sign;
                continue;
            }
            if (row.isNull(s.arg)) {
                continue;
            }
            if (s.distinct) {
                Map<Object, long[]> seen = (Map<Object, long[]>) g.objects[s.seen];
                if (seen == null) {
                    seen = new LinkedHashMap<>();
                    g.objects[s.seen] = seen;
                }
                Object v = value(row, s.arg, s.argKind);
                long[] n = seen.computeIfAbsent(v, k -> new long[1]);
                n[0] += sign;
                if (sign > 0 && n[0] > 1) {
                    continue; // already counted
                }
                if (sign < 0) {
                    if (n[0] > 0) {
                        continue; // other rows still hold this value
                    }
                    seen.remove(v);
                }
            }
            switch (s.fn) {
                case COUNT -> g.longs[s.l] += sign;
                case SUM, SUM0, AVG -> add(g, s, row, sign);
                case MIN, MAX -> {
                    if (s.multiset) {
                        multiset(g, s, row, sign);
                        continue;
                    }
                    if (sign < 0) {
                        throw new EvaluationException(s.fn + " over an input that retracts rows (a changelog) is not "
                                + "supported yet");
                    }
                    minMax(g, s, row);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static void add(Group g, Slot s, RowReader row, int sign) {
        g.longs[s.l + 1] += sign;
        switch (s.argKind) {
            case INT -> g.longs[s.l] += sign * (long) row.getInt(s.arg);
            case BIGINT -> g.longs[s.l] += sign * row.getLong(s.arg);
            case DOUBLE -> g.longs[s.l] = Double.doubleToRawLongBits(
                    Double.longBitsToDouble(g.longs[s.l]) + sign * row.getDouble(s.arg));
            case DECIMAL -> {
                BigDecimal v = row.getDecimal(s.arg);
                BigDecimal sum = (BigDecimal) g.objects[s.o];
                g.objects[s.o] = sum == null ? (sign > 0 ? v : v.negate()) : sign > 0 ? sum.add(v) : sum.subtract(v);
            }
            default -> throw new EvaluationException("cannot sum values of type " + s.argKind);
        }
    }

    /** Counts a value in (sign 1) or out (sign -1) of a retracting MIN/MAX's sorted multiset. */
    @SuppressWarnings("unchecked")
    private static void multiset(Group g, Slot s, RowReader row, int sign) {
        TreeMap<Object, long[]> values = (TreeMap<Object, long[]>) g.objects[s.o];
        if (values == null) {
            values = new TreeMap<>();
            g.objects[s.o] = values;
        }
        Object v = value(row, s.arg, s.argKind);
        long[] n = values.get(v);
        if (n == null) {
            if (sign < 0) {
                return; // retracting a value never counted: nothing to undo
            }
            values.put(v, new long[] {1});
        } else if ((n[0] += sign) <= 0) {
            values.remove(v);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void minMax(Group g, Slot s, RowReader row) {
        boolean has = g.longs[s.l + 1] != 0;
        boolean max = s.fn == Fn.MAX;
        switch (s.argKind) {
            case INT, BIGINT, TIMESTAMP, BOOLEAN -> {
                long v = s.argKind == TypeKind.INT ? row.getInt(s.arg)
                        : s.argKind == TypeKind.BOOLEAN ? (row.getBoolean(s.arg) ? 1 : 0) : row.getLong(s.arg);
                if (!has || (max ? v > g.longs[s.l] : v < g.longs[s.l])) {
                    g.longs[s.l] = v;
                }
            }
            case DOUBLE -> {
                double v = row.getDouble(s.arg);
                double cur = Double.longBitsToDouble(g.longs[s.l]);
                if (!has || (max ? Double.compare(v, cur) > 0 : Double.compare(v, cur) < 0)) {
                    g.longs[s.l] = Double.doubleToRawLongBits(v);
                }
            }
            case DECIMAL, VARCHAR -> {
                Comparable v = (Comparable) value(row, s.arg, s.argKind);
                Comparable cur = (Comparable) g.objects[s.o];
                if (!has || (max ? v.compareTo(cur) > 0 : v.compareTo(cur) < 0)) {
                    g.objects[s.o] = v;
                }
            }
            default -> throw new EvaluationException("cannot take " + s.fn + " of values of type " + s.argKind);
        }
        g.longs[s.l + 1] = 1;
    }

    /**
     * Whether {@link #merge} gives the same result as accumulating both groups' rows into one, in any
     * order: not for DISTINCT (the values seen would have to merge too), nor retracting MIN/MAX, nor
     * DOUBLE arguments (a floating-point sum depends on the order of its terms; MIN/MAX are left out
     * with them so that no bit of a result can depend on slicing).
     */
    boolean mergeable() {
        for (Slot s : slots) {
            if (s.distinct || s.multiset || s.argKind == TypeKind.DOUBLE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a group's results are a function of its long slots after the row count alone: no call
     * keeps an object (a DECIMAL or VARCHAR value, DISTINCT values, a retracting MIN/MAX's multiset).
     * Then a group whose {@code longs[1..]} did not change has the same results, which an unwindowed
     * aggregate uses to skip writing and comparing its rows when a MAX did not move.
     */
    boolean plainLongs() {
        return objects == 0;
    }

    /** Makes {@code into} hold what {@code from} holds (key aside), as a merge into an empty group would. */
    void copy(Group into, Group from) {
        System.arraycopy(from.longs, 0, into.longs, 0, longs);
        System.arraycopy(from.objects, 0, into.objects, 0, objects);
    }

    /**
     * Adds {@code from}'s rows to {@code into}, as if they had been accumulated there; only when
     * {@link #mergeable}. {@code from} is left as it was.
     */
    void merge(Group into, Group from) {
        into.longs[0] += from.longs[0];
        for (Slot s : slots) {
            switch (s.fn) {
                case COUNT_STAR, COUNT -> into.longs[s.l] += from.longs[s.l];
                case SUM, SUM0, AVG -> {
                    into.longs[s.l + 1] += from.longs[s.l + 1];
                    if (s.argKind == TypeKind.DECIMAL) {
                        BigDecimal a = (BigDecimal) into.objects[s.o];
                        BigDecimal b = (BigDecimal) from.objects[s.o];
                        into.objects[s.o] = a == null ? b : b == null ? a : a.add(b);
                    } else {
                        into.longs[s.l] += from.longs[s.l];
                    }
                }
                case MIN, MAX -> {
                    if (from.longs[s.l + 1] == 0) {
                        continue;
                    }
                    boolean has = into.longs[s.l + 1] != 0;
                    boolean max = s.fn == Fn.MAX;
                    if (s.o >= 0) {
                        @SuppressWarnings({"unchecked", "rawtypes"})
                        Comparable v = (Comparable) from.objects[s.o];
                        @SuppressWarnings("unchecked")
                        boolean better = !has || (max ? v.compareTo(into.objects[s.o]) > 0
                                : v.compareTo(into.objects[s.o]) < 0);
                        if (better) {
                            into.objects[s.o] = v;
                        }
                    } else {
                        long v = from.longs[s.l];
                        if (!has || (max ? v > into.longs[s.l] : v < into.longs[s.l])) {
                            into.longs[s.l] = v;
                        }
                    }
                    into.longs[s.l + 1] = 1;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** Writes every call's result into {@code out}, from column {@code first} on. */
    void write(Group g, RowWriter out, int first) {
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            int col = first + i;
            switch (s.fn) {
                case COUNT_STAR, COUNT -> putNumber(out, col, s.result, g.longs[s.l]);
                case SUM, SUM0, AVG -> {
                    long n = g.longs[s.l + 1];
                    if (n == 0) {
                        if (s.fn == Fn.SUM0) {
                            putNumber(out, col, s.result, 0L);
                        } else {
                            out.setNull(col);
                        }
                        continue;
                    }
                    Object sum = switch (s.argKind) {
                        case DOUBLE -> Double.longBitsToDouble(g.longs[s.l]);
                        case DECIMAL -> g.objects[s.o];
                        default -> g.longs[s.l];
                    };
                    putNumber(out, col, s.result, s.fn == Fn.AVG ? average(sum, n, s.result) : sum);
                }
                case MIN, MAX -> {
                    if (s.multiset) {
                        TreeMap<?, ?> values = (TreeMap<?, ?>) g.objects[s.o];
                        if (values == null || values.isEmpty()) {
                            out.setNull(col);
                        } else {
                            putValue(out, col, s, s.fn == Fn.MAX ? values.lastKey() : values.firstKey());
                        }
                        continue;
                    }
                    if (g.longs[s.l + 1] == 0) {
                        out.setNull(col);
                        continue;
                    }
                    switch (s.argKind) {
                        case BOOLEAN -> out.putBoolean(col, g.longs[s.l] != 0);
                        case INT, BIGINT, TIMESTAMP -> putNumber(out, col, s.result, g.longs[s.l]);
                        case DOUBLE -> putNumber(out, col, s.result, Double.longBitsToDouble(g.longs[s.l]));
                        case DECIMAL -> putNumber(out, col, s.result, g.objects[s.o]);
                        default -> out.putString(col, (String) g.objects[s.o]);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** Writes a MIN/MAX result held as a boxed value (see {@link #value}). */
    private static void putValue(RowWriter out, int col, Slot s, Object v) {
        switch (s.argKind) {
            case BOOLEAN -> out.putBoolean(col, (Boolean) v);
            case VARCHAR -> out.putString(col, (String) v);
            default -> putNumber(out, col, s.result, v);
        }
    }

    /** AVG as SQL types it: the average in the result's type (integer results truncate, as Calcite does). */
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

    private static Object value(RowReader row, int i, TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> row.getBoolean(i);
            case INT -> row.getInt(i);
            case BIGINT, TIMESTAMP -> row.getLong(i);
            case DOUBLE -> row.getDouble(i);
            case DECIMAL -> row.getDecimal(i).stripTrailingZeros();
            case VARCHAR -> row.getString(i);
            default -> throw new EvaluationException("cannot aggregate values of type " + kind);
        };
    }

    @SuppressWarnings("unchecked")
    void snapshot(Group g, StateWriter w) {
        w.putBytes(g.key.bytes());
        w.putLongs(g.longs);
        for (int i = 0; i < objects; i++) {
            Object o = g.objects[i];
            if (o instanceof Map<?, ?> m) {
                w.putBoolean(true);
                w.putCounts((Map<Object, long[]>) m);
            } else {
                w.putBoolean(false);
                w.putValue(o);
            }
        }
    }

    @SuppressWarnings("unchecked")
    Group restore(StateReader r) {
        Group g = new Group(new GroupKey(r.getBytes()), longs, objects);
        long[] ls = r.getLongs();
        System.arraycopy(ls, 0, g.longs, 0, ls.length);
        for (int i = 0; i < objects; i++) {
            g.objects[i] = r.getBoolean() ? r.getCounts() : r.getValue();
        }
        for (Slot s : slots) {
            if (s.multiset && g.objects[s.o] != null) {
                g.objects[s.o] = new TreeMap<>((Map<Object, long[]>) g.objects[s.o]);
            }
        }
        return g;
    }

    /** A rough size of one group's state, for SHOW PIPELINES. */
    long bytes(Group g) {
        long b = 48L + g.key.bytes().length + 8L * longs + 16L * objects;
        for (Object o : g.objects) {
            if (o instanceof Map<?, ?> m) {
                b += 64L * m.size();
            } else if (o != null) {
                b += 32;
            }
        }
        return b;
    }
}
