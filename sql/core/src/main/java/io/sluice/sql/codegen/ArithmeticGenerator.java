package io.sluice.sql.codegen;

import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;

/**
 * Code for PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS and TIMESTAMP_DIFF. Numeric operands are
 * widened to the wider of their kinds and the call's kind (INT &lt; BIGINT &lt; DECIMAL &lt; DOUBLE),
 * computed there, and converted to the call's type with CAST's checks; DECIMAL results are rounded
 * half-up to the call's scale. TIMESTAMP and INTERVAL operands select calendar or millisecond
 * arithmetic by their kinds.
 */
final class ArithmeticGenerator {
    private final ExprGenerator exprs;

    ArithmeticGenerator(ExprGenerator exprs) {
        this.exprs = exprs;
    }

    Value binary(Call call) {
        Value a = exprs.generate(call.operand(0));
        Value b = exprs.generate(call.operand(1));
        TypeKind ka = a.type().kind();
        TypeKind kb = b.type().kind();
        TypeKind kr = call.type().kind();
        if (ka == TypeKind.NULL || kb == TypeKind.NULL) {
            return exprs.nullOf(call.type());
        }
        if (!JavaTypes.isNumeric(ka) || !JavaTypes.isNumeric(kb)) {
            return temporalArithmetic(call, a, b);
        }
        if (!JavaTypes.isNumeric(kr)) {
            throw ExprGenerator.unsupported(call);
        }
        // Widen to the wider operand, and to the call's kind too: when the planner says INT + INT is
        // a BIGINT, the sum is computed as a BIGINT rather than wrapped as an INT and then widened.
        TypeKind k = JavaTypes.wider(JavaTypes.wider(ka, kb), kr);
        String x = JavaTypes.widen(a.value(), ka, k);
        String y = JavaTypes.widen(b.value(), kb, k);
        boolean decimal = k == TypeKind.DECIMAL;
        String expr = switch (call.op()) {
            case Ops.PLUS -> decimal ? x + ".add(" + y + ")" : "(" + x + " + " + y + ")";
            case Ops.MINUS -> decimal ? x + ".subtract(" + y + ")" : "(" + x + " - " + y + ")";
            case Ops.TIMES -> decimal ? x + ".multiply(" + y + ")" : "(" + x + " * " + y + ")";
            case Ops.DIVIDE -> decimal && kr == TypeKind.DECIMAL
                    ? "NumberOps.divide(" + x + ", " + y + ", " + call.type().scale() + ")"
                    : "NumberOps.divide(" + x + ", " + y + ")";
            case Ops.MOD -> "NumberOps.mod(" + x + ", " + y + ")";
            default -> throw new AssertionError(call.op());
        };
        return toCallType(exprs.strict(JavaTypes.intermediate(k), expr, a, b), call.type());
    }

    /**
     * Converts an arithmetic result to its call's type. A DECIMAL result's scale depends on the
     * operands, not on the intermediate type, so it is always rescaled to the call's scale.
     */
    private Value toCallType(Value raw, DataType type) {
        if (raw.type().kind() == TypeKind.DECIMAL && type.kind() == TypeKind.DECIMAL) {
            return exprs.strict(type,
                    "NumberOps.toDecimal(" + raw.value() + ", " + type.precision() + ", " + type.scale() + ")", raw);
        }
        return exprs.convert(raw, type);
    }

    /** TIMESTAMP and INTERVAL arithmetic: the operand kinds pick the operation. */
    private Value temporalArithmetic(Call call, Value a, Value b) {
        TypeKind ka = a.type().kind();
        TypeKind kb = b.type().kind();
        TypeKind kr = call.type().kind();
        String x = a.value();
        String y = b.value();
        String op = call.op();
        String expr = null;
        TypeKind resultKind = null;
        boolean plus = op.equals(Ops.PLUS);
        boolean minus = op.equals(Ops.MINUS);
        if ((plus || minus) && ka == TypeKind.TIMESTAMP && JavaTypes.isInterval(kb)) {
            resultKind = TypeKind.TIMESTAMP;
            expr = timestampPlus(x, y, kb, minus);
        } else if (plus && JavaTypes.isInterval(ka) && kb == TypeKind.TIMESTAMP) {
            resultKind = TypeKind.TIMESTAMP;
            expr = timestampPlus(y, x, ka, false);
        } else if ((plus || minus) && JavaTypes.isInterval(ka) && ka == kb) {
            resultKind = ka;
            expr = "(" + x + (plus ? " + " : " - ") + y + ")";
        } else if (minus && ka == TypeKind.TIMESTAMP && kb == TypeKind.TIMESTAMP && JavaTypes.isInterval(kr)) {
            resultKind = kr;
            expr = kr == TypeKind.INTERVAL_DAY_TIME ? "(" + x + " - " + y + ")" : "TimeOps.monthsBetween(" + x + ", " + y + ")";
        } else if (op.equals(Ops.TIMES) && JavaTypes.isInterval(ka) && JavaTypes.isNumeric(kb)) {
            resultKind = ka;
            expr = scaleInterval(x, ka, y, kb);
        } else if (op.equals(Ops.TIMES) && JavaTypes.isNumeric(ka) && JavaTypes.isInterval(kb)) {
            resultKind = kb;
            expr = scaleInterval(y, kb, x, ka);
        } else if (op.equals(Ops.DIVIDE) && JavaTypes.isInterval(ka) && JavaTypes.isIntegral(kb)) {
            resultKind = ka;
            expr = ka == TypeKind.INTERVAL_DAY_TIME
                    ? "NumberOps.divide(" + x + ", (long) " + y + ")"
                    : "NumberOps.toInt(NumberOps.divide((long) " + x + ", (long) " + y + "))";
        }
        if (expr == null || resultKind != kr) {
            throw ExprGenerator.unsupported(call);
        }
        return exprs.strict(call.type(), expr, a, b);
    }

    private static String timestampPlus(String ts, String interval, TypeKind intervalKind, boolean minus) {
        if (intervalKind == TypeKind.INTERVAL_DAY_TIME) {
            return "(" + ts + (minus ? " - " : " + ") + interval + ")";
        }
        return "TimeOps.addMonths(" + ts + ", " + (minus ? "-((long) " + interval + ")" : "(long) " + interval) + ")";
    }

    /** An interval times a number; a fractional factor rounds to the nearest millisecond or month. */
    private static String scaleInterval(String interval, TypeKind intervalKind, String factor, TypeKind factorKind) {
        String product = JavaTypes.isIntegral(factorKind)
                ? "(" + interval + " * (long) " + factor + ")"
                : "Math.round(" + interval + " * " + JavaTypes.widen(factor, factorKind, TypeKind.DOUBLE) + ")";
        return intervalKind == TypeKind.INTERVAL_DAY_TIME ? product : "NumberOps.toInt(" + product + ")";
    }

    Value unary(Call call) {
        Value a = exprs.generate(call.operand(0));
        TypeKind ka = a.type().kind();
        TypeKind kr = call.type().kind();
        if (ka == TypeKind.NULL) {
            return exprs.nullOf(call.type());
        }
        boolean negate = call.op().equals(Ops.NEGATE);
        if (JavaTypes.isInterval(ka) && ka == kr) {
            return exprs.strict(call.type(), negate ? "(-" + a.value() + ")" : "Math.abs(" + a.value() + ")", a);
        }
        if (!JavaTypes.isNumeric(ka) || !JavaTypes.isNumeric(kr)) {
            throw ExprGenerator.unsupported(call);
        }
        TypeKind k = JavaTypes.wider(ka, kr);
        String x = JavaTypes.widen(a.value(), ka, k);
        String expr;
        if (k == TypeKind.DECIMAL) {
            expr = x + (negate ? ".negate()" : ".abs()");
        } else {
            expr = negate ? "(-" + x + ")" : "Math.abs(" + x + ")";
        }
        return toCallType(exprs.strict(JavaTypes.intermediate(k), expr, a), call.type());
    }

    Value timestampDiff(Call call) {
        Value a = exprs.generate(call.operand(0));
        Value b = exprs.generate(call.operand(1));
        if (a.type().kind() == TypeKind.NULL || b.type().kind() == TypeKind.NULL) {
            return exprs.nullOf(call.type());
        }
        if (a.type().kind() != TypeKind.TIMESTAMP || b.type().kind() != TypeKind.TIMESTAMP) {
            throw ExprGenerator.unsupported(call);
        }
        return switch (call.type().kind()) {
            case INTERVAL_DAY_TIME -> exprs.strict(call.type(), "(" + a.value() + " - " + b.value() + ")", a, b);
            case INTERVAL_YEAR_MONTH -> exprs.strict(call.type(), "TimeOps.monthsBetween(" + a.value() + ", " + b.value() + ")", a, b);
            default -> throw ExprGenerator.unsupported(call);
        };
    }
}
