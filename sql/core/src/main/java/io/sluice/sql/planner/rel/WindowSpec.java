package io.sluice.sql.planner.rel;

import io.sluice.SluiceException;
import io.sluice.engine.plan.WindowNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * What a window table function call asks for, read from Calcite's call: {@code TUMBLE(DESCRIPTOR(t),
 * size [, offset])}, {@code HOP(DESCRIPTOR(t), slide, size [, offset])}, {@code CUMULATE(DESCRIPTOR(t),
 * step, size [, offset])}, {@code SESSION(DESCRIPTOR(t) [, DESCRIPTOR(key)], gap)} (size and step are the
 * gap). Sizes are day-time intervals, in milliseconds.
 */
public record WindowSpec(WindowNode.Kind kind, int timeIndex, long sizeMs, long stepMs, long offsetMs) {

    /** Whether a table function scan is one of the window functions. */
    public static boolean isWindow(TableFunctionScan scan) {
        return scan.getCall() instanceof RexCall call && call.getOperator() instanceof SqlWindowTableFunction;
    }

    /** @throws SluiceException naming what is wrong with the call */
    public static WindowSpec of(TableFunctionScan scan) {
        if (!(scan.getCall() instanceof RexCall call) || !(call.getOperator() instanceof SqlWindowTableFunction)) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    "table functions other than TUMBLE, HOP, CUMULATE and SESSION are not supported");
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> ops = call.getOperands();
        int time = timeColumn(ops.get(0), name);
        return switch (name) {
            case "TUMBLE" -> {
                long size = interval(ops.get(1), name, "size");
                yield new WindowSpec(WindowNode.Kind.TUMBLE, time, size, size, ops.size() > 2
                        ? interval(ops.get(2), name, "offset") : 0);
            }
            case "HOP" -> {
                long slide = interval(ops.get(1), name, "slide");
                long size = interval(ops.get(2), name, "size");
                yield new WindowSpec(WindowNode.Kind.HOP, time, size, slide, ops.size() > 3
                        ? interval(ops.get(3), name, "offset") : 0);
            }
            case "CUMULATE" -> {
                long step = interval(ops.get(1), name, "step");
                long size = interval(ops.get(2), name, "size");
                if (size % step != 0) {
                    throw new SluiceException(SluiceException.INVALID_PARAMETER, "CUMULATE: the maximum size ("
                            + size + " ms) must be a whole number of steps (" + step + " ms)");
                }
                yield new WindowSpec(WindowNode.Kind.CUMULATE, time, size, step, ops.size() > 3
                        ? interval(ops.get(3), name, "offset") : 0);
            }
            case "SESSION" -> {
                long gap = interval(ops.get(ops.size() - 1), name, "gap");
                sessionKeys(scan); // checks the key descriptor
                yield new WindowSpec(WindowNode.Kind.SESSION, time, gap, gap, 0);
            }
            default -> throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    "window function " + name + " is not supported");
        };
    }

    /**
     * The key columns of {@code SESSION(TABLE t, DESCRIPTOR(time), DESCRIPTOR(key, ...), gap)}: sessions
     * are per key; none when the call has no key descriptor.
     */
    public static int[] sessionKeys(TableFunctionScan scan) {
        List<RexNode> ops = ((RexCall) scan.getCall()).getOperands();
        if (ops.size() < 3) {
            return new int[0];
        }
        if (!(ops.get(1) instanceof RexCall d) || d.getOperands().isEmpty()) {
            throw new SluiceException(SluiceException.INVALID_PARAMETER,
                    "SESSION: the key must be DESCRIPTOR(column, ...) naming columns of the table");
        }
        int[] keys = new int[d.getOperands().size()];
        for (int i = 0; i < keys.length; i++) {
            if (!(d.getOperands().get(i) instanceof RexInputRef ref)) {
                throw new SluiceException(SluiceException.INVALID_PARAMETER,
                        "SESSION: the key must be DESCRIPTOR(column, ...) naming columns of the table");
            }
            keys[i] = ref.getIndex();
        }
        return keys;
    }

    private static int timeColumn(RexNode descriptor, String fn) {
        if (descriptor instanceof RexCall d && d.getOperands().size() == 1
                && d.getOperands().get(0) instanceof RexInputRef ref) {
            return ref.getIndex();
        }
        throw new SluiceException(SluiceException.INVALID_PARAMETER,
                fn + ": DESCRIPTOR must name exactly one TIMESTAMP column of the table");
    }

    private static long interval(RexNode node, String fn, String what) {
        if (!(node instanceof RexLiteral lit) || lit.getType().getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
            throw new SluiceException(SluiceException.INVALID_PARAMETER, fn + ": the " + what
                    + " must be a constant day-time interval such as INTERVAL '10' SECOND"
                    + (node instanceof RexLiteral ? " (months and years vary in length)" : ""));
        }
        long ms = lit.getValueAs(BigDecimal.class).longValue();
        if (ms <= 0 && !what.equals("offset")) {
            throw new SluiceException(SluiceException.INVALID_PARAMETER, fn + ": the " + what + " must be positive");
        }
        return ms;
    }
}
