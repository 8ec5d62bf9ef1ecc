package io.sluice.sql.codegen;

import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.engine.plan.expr.Literal;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Emits the statements that evaluate one expression tree into a {@link SourceBuilder}, returning
 * the locals that hold its null flag and value. Each sub-expression gets its own pair
 * ({@code boolean n7; long v7;}); an operator that is NULL on a NULL operand computes its value
 * only under {@code !n}, so a helper never sees a missing value. AND, OR and CASE emit nested
 * blocks so that operands they skip are never evaluated.
 *
 * <p>String functions and LIKE live in {@link StringGenerator}, CAST text in {@link CastGenerator}.
 */
final class ExprGenerator {
    private final SourceBuilder src;
    private final RowSchema input;
    private final StringGenerator strings;

    ExprGenerator(SourceBuilder src, RowSchema input) {
        this.src = src;
        this.input = input;
        this.strings = new StringGenerator(this, src);
    }

    Value generate(Expr expr) {
        if (expr instanceof InputRef ref) {
            return inputRef(ref);
        }
        if (expr instanceof Literal literal) {
            return literal(literal);
        }
        return call((Call) expr);
    }

    // ---- leaves ----

    private Value inputRef(InputRef ref) {
        if (ref.index() < 0 || ref.index() >= input.size()) {
            throw new IllegalArgumentException("input column $" + ref.index() + " does not exist; the input has "
                    + input.size() + " columns");
        }
        DataType type = input.type(ref.index());
        int i = ref.index();
        String getter = switch (type.kind()) {
            case BOOLEAN -> "in.getBoolean(" + i + ")";
            case INT -> "in.getInt(" + i + ")";
            case BIGINT, TIMESTAMP -> "in.getLong(" + i + ")";
            case DOUBLE -> "in.getDouble(" + i + ")";
            case DECIMAL -> "in.getDecimal(" + i + ")";
            case VARCHAR -> "in.getString(" + i + ")";
            default -> throw new IllegalArgumentException("input column $" + i + " has type " + type.sql()
                    + ", which a row cannot hold");
        };
        int id = src.freshId();
        src.line("boolean n" + id + " = in.isNull(" + i + ");");
        src.line(JavaTypes.javaType(type.kind()) + " v" + id + " = n" + id + " ? "
                + JavaTypes.defaultValue(type.kind()) + " : " + getter + ";");
        // The column's own type (it knows a DECIMAL's scale) rather than the reference's copy of it.
        return new Value("n" + id, "v" + id, type);
    }

    private Value literal(Literal literal) {
        DataType type = literal.type();
        Object v = literal.value();
        if (v == null || type.kind() == TypeKind.NULL) {
            return nullOf(type);
        }
        String text = switch (type.kind()) {
            case BOOLEAN -> String.valueOf((Boolean) v);
            case INT, INTERVAL_YEAR_MONTH -> parens(Integer.toString(((Number) v).intValue()));
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> parens(((Number) v).longValue() + "L");
            case DOUBLE -> doubleLiteral(((Number) v).doubleValue());
            case DECIMAL -> src.constant("BigDecimal", "new BigDecimal(" + SourceBuilder.quote(
                    (v instanceof BigDecimal d ? d : new BigDecimal(v.toString())).toString()) + ")");
            case VARCHAR -> SourceBuilder.quote((String) v);
            case NULL -> throw new AssertionError();
        };
        return new Value("false", text, type);
    }

    private static String parens(String number) {
        return number.startsWith("-") ? "(" + number + ")" : number;
    }

    private static String doubleLiteral(double d) {
        if (Double.isNaN(d)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return parens(Double.toString(d) + "D");
    }

    /** A NULL of {@code type}: no code, just constants. */
    Value nullOf(DataType type) {
        return new Value("true", JavaTypes.defaultValue(type.kind()), type);
    }

    // ---- helpers the operator methods share ----

    /**
     * Declares the result of an operator that is NULL when any operand is: the value expression is
     * evaluated only when every operand is present.
     */
    Value strict(DataType type, String valueExpr, Value... operands) {
        List<String> flags = new ArrayList<>();
        for (Value operand : operands) {
            if (operand.isNull().equals("true")) {
                return nullOf(type);
            }
            if (!operand.isNull().equals("false")) {
                flags.add(operand.isNull());
            }
        }
        int id = src.freshId();
        String kind = JavaTypes.javaType(type.kind());
        if (flags.isEmpty()) {
            src.line("boolean n" + id + " = false;");
            src.line(kind + " v" + id + " = " + valueExpr + ";");
        } else {
            src.line("boolean n" + id + " = " + String.join(" || ", flags) + ";");
            src.line(kind + " v" + id + " = n" + id + " ? " + JavaTypes.defaultValue(type.kind()) + " : "
                    + valueExpr + ";");
        }
        return new Value("n" + id, "v" + id, type);
    }

    /** A BOOLEAN result that is never NULL. */
    private Value notNull(String valueExpr) {
        int id = src.freshId();
        src.line("boolean n" + id + " = false;");
        src.line("boolean v" + id + " = " + valueExpr + ";");
        return new Value("n" + id, "v" + id, DataType.of(TypeKind.BOOLEAN).withNullable(false));
    }

    /** {@code value} converted to {@code to} with CAST's rules; no code when nothing changes. */
    Value convert(Value value, DataType to) {
        if (value.type().kind() == TypeKind.NULL || value.isNull().equals("true")) {
            return nullOf(to);
        }
        if (CastGenerator.isIdentity(value.type(), to)) {
            return value;
        }
        return strict(to, CastGenerator.castExpr(value.value(), value.type(), to), value);
    }

    static IllegalArgumentException unsupported(Call call) {
        String types = call.operands().stream().map(o -> o.type().sql()).collect(Collectors.joining(", "));
        return new IllegalArgumentException("unsupported operator " + call.op() + " for operand types (" + types
                + ") and result type " + call.type().sql());
    }

    private static void arity(Call call, int min, int max) {
        int n = call.operands().size();
        if (n < min || n > max) {
            throw new IllegalArgumentException(call.op() + " takes " + (min == max ? "" + min : min + " to " + max)
                    + " operands, not " + n + ": " + call);
        }
    }

    private List<Value> operands(Call call) {
        List<Value> values = new ArrayList<>(call.operands().size());
        for (Expr operand : call.operands()) {
            values.add(generate(operand));
        }
        return values;
    }

    // ---- operators ----

    private Value call(Call call) {
        switch (call.op()) {
            case Ops.PLUS, Ops.MINUS, Ops.TIMES, Ops.DIVIDE, Ops.MOD -> {
                arity(call, 2, 2);
                return arithmetic(call);
            }
            case Ops.NEGATE, Ops.ABS -> {
                arity(call, 1, 1);
                return unaryArithmetic(call);
            }
            case Ops.TIMESTAMP_DIFF -> {
                arity(call, 2, 2);
                return timestampDiff(call);
            }
            case Ops.EQUALS, Ops.NOT_EQUALS, Ops.LESS_THAN, Ops.LESS_THAN_OR_EQUAL, Ops.GREATER_THAN,
                    Ops.GREATER_THAN_OR_EQUAL -> {
                arity(call, 2, 2);
                return comparison(call);
            }
            case Ops.IS_DISTINCT_FROM, Ops.IS_NOT_DISTINCT_FROM -> {
                arity(call, 2, 2);
                return distinct(call);
            }
            case Ops.AND, Ops.OR -> {
                arity(call, 1, Integer.MAX_VALUE);
                return andOr(call);
            }
            case Ops.NOT -> {
                arity(call, 1, 1);
                Value a = booleanOperand(call, 0);
                return typed(call, TypeKind.BOOLEAN, "!" + a.value(), a);
            }
            case Ops.IS_NULL, Ops.IS_NOT_NULL, Ops.IS_TRUE, Ops.IS_NOT_TRUE, Ops.IS_FALSE, Ops.IS_NOT_FALSE -> {
                arity(call, 1, 1);
                return isPredicate(call);
            }
            case Ops.CASE -> {
                arity(call, 1, Integer.MAX_VALUE);
                return caseWhen(call);
            }
            case Ops.CAST -> {
                arity(call, 1, 1);
                return convert(generate(call.operand(0)), call.type());
            }
            case Ops.UPPER, Ops.LOWER, Ops.CHAR_LENGTH, Ops.SUBSTRING, Ops.TRIM, Ops.CONCAT, Ops.LIKE,
                    Ops.POSITION -> {
                return strings.call(call);
            }
            default -> throw new IllegalArgumentException("unknown operator " + call.op() + " with operand types ("
                    + call.operands().stream().map(o -> o.type().sql()).collect(Collectors.joining(", ")) + ")");
        }
    }

    private Value arithmetic(Call call) {
        Value a = generate(call.operand(0));
        Value b = generate(call.operand(1));
        TypeKind ka = a.type().kind();
        TypeKind kb = b.type().kind();
        TypeKind kr = call.type().kind();
        if (ka == TypeKind.NULL || kb == TypeKind.NULL) {
            return nullOf(call.type());
        }
        if (!JavaTypes.isNumeric(ka) || !JavaTypes.isNumeric(kb)) {
            return temporalArithmetic(call, a, b);
        }
        if (!JavaTypes.isNumeric(kr)) {
            throw unsupported(call);
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
        return toCallType(strict(JavaTypes.intermediate(k), expr, a, b), call.type());
    }

    /**
     * Converts an arithmetic result to its call's type. A DECIMAL result's scale depends on the
     * operands, not on the intermediate type, so it is always rescaled to the call's scale.
     */
    private Value toCallType(Value raw, DataType type) {
        if (raw.type().kind() == TypeKind.DECIMAL && type.kind() == TypeKind.DECIMAL) {
            return strict(type, "NumberOps.toDecimal(" + raw.value() + ", " + type.precision() + ", " + type.scale() + ")",
                    raw);
        }
        return convert(raw, type);
    }

    /**
     * Declares a result computed in its natural kind ({@code kind}), converted to the call's type
     * when the planner typed the call differently (e.g. CHAR_LENGTH as BIGINT).
     */
    Value typed(Call call, TypeKind kind, String valueExpr, Value... operands) {
        if (call.type().kind() == kind) {
            return strict(call.type(), valueExpr, operands);
        }
        DataType natural = DataType.of(kind);
        try {
            return convert(strict(natural, valueExpr, operands), call.type());
        } catch (IllegalArgumentException e) {
            throw unsupported(call);
        }
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
            throw unsupported(call);
        }
        return strict(call.type(), expr, a, b);
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

    private Value unaryArithmetic(Call call) {
        Value a = generate(call.operand(0));
        TypeKind ka = a.type().kind();
        TypeKind kr = call.type().kind();
        if (ka == TypeKind.NULL) {
            return nullOf(call.type());
        }
        boolean negate = call.op().equals(Ops.NEGATE);
        if (JavaTypes.isInterval(ka) && ka == kr) {
            return strict(call.type(), negate ? "(-" + a.value() + ")" : "Math.abs(" + a.value() + ")", a);
        }
        if (!JavaTypes.isNumeric(ka) || !JavaTypes.isNumeric(kr)) {
            throw unsupported(call);
        }
        TypeKind k = JavaTypes.wider(ka, kr);
        String x = JavaTypes.widen(a.value(), ka, k);
        String expr;
        if (k == TypeKind.DECIMAL) {
            expr = x + (negate ? ".negate()" : ".abs()");
        } else {
            expr = negate ? "(-" + x + ")" : "Math.abs(" + x + ")";
        }
        return toCallType(strict(JavaTypes.intermediate(k), expr, a), call.type());
    }

    private Value timestampDiff(Call call) {
        Value a = generate(call.operand(0));
        Value b = generate(call.operand(1));
        if (a.type().kind() == TypeKind.NULL || b.type().kind() == TypeKind.NULL) {
            return nullOf(call.type());
        }
        if (a.type().kind() != TypeKind.TIMESTAMP || b.type().kind() != TypeKind.TIMESTAMP) {
            throw unsupported(call);
        }
        return switch (call.type().kind()) {
            case INTERVAL_DAY_TIME -> strict(call.type(), "(" + a.value() + " - " + b.value() + ")", a, b);
            case INTERVAL_YEAR_MONTH -> strict(call.type(), "TimeOps.monthsBetween(" + a.value() + ", " + b.value() + ")", a, b);
            default -> throw unsupported(call);
        };
    }

    // ---- comparison ----

    private Value comparison(Call call) {
        Value a = generate(call.operand(0));
        Value b = generate(call.operand(1));
        if (a.type().kind() == TypeKind.NULL || b.type().kind() == TypeKind.NULL) {
            return nullOf(call.type());
        }
        return typed(call, TypeKind.BOOLEAN, compareExpr(call, call.op(), a, b), a, b);
    }

    /** The Java boolean expression comparing two present values with {@code op}. */
    private static String compareExpr(Call call, String op, Value a, Value b) {
        TypeKind ka = a.type().kind();
        TypeKind kb = b.type().kind();
        String javaOp = switch (op) {
            case Ops.EQUALS -> "==";
            case Ops.NOT_EQUALS -> "!=";
            case Ops.LESS_THAN -> "<";
            case Ops.LESS_THAN_OR_EQUAL -> "<=";
            case Ops.GREATER_THAN -> ">";
            case Ops.GREATER_THAN_OR_EQUAL -> ">=";
            default -> throw new AssertionError(op);
        };
        boolean equality = op.equals(Ops.EQUALS) || op.equals(Ops.NOT_EQUALS);
        String x = a.value();
        String y = b.value();
        TypeKind k;
        if (JavaTypes.isNumeric(ka) && JavaTypes.isNumeric(kb)) {
            k = JavaTypes.wider(ka, kb);
            x = JavaTypes.widen(x, ka, k);
            y = JavaTypes.widen(y, kb, k);
        } else if (ka == kb) {
            k = ka;
        } else {
            throw unsupported(call);
        }
        return switch (k) {
            case INT, BIGINT, DOUBLE, TIMESTAMP, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> "(" + x + " " + javaOp + " " + y + ")";
            case DECIMAL -> "(" + x + ".compareTo(" + y + ") " + javaOp + " 0)";
            case VARCHAR -> equality
                    ? (op.equals(Ops.EQUALS) ? "" : "!") + x + ".equals(" + y + ")"
                    : "(StringOps.compare(" + x + ", " + y + ") " + javaOp + " 0)";
            case BOOLEAN -> equality
                    ? "(" + x + " " + javaOp + " " + y + ")"
                    : "((" + x + " ? 1 : 0) " + javaOp + " (" + y + " ? 1 : 0))";
            case NULL -> throw unsupported(call);
        };
    }

    private Value distinct(Call call) {
        Value a = generate(call.operand(0));
        Value b = generate(call.operand(1));
        boolean isDistinct = call.op().equals(Ops.IS_DISTINCT_FROM);
        if (a.type().kind() == TypeKind.NULL || b.type().kind() == TypeKind.NULL) {
            return notNull("(" + a.isNull() + (isDistinct ? " != " : " == ") + b.isNull() + ")");
        }
        String equal = compareExpr(call, Ops.EQUALS, a, b);
        String nullCase = "(" + a.isNull() + (isDistinct ? " != " : " == ") + b.isNull() + ")";
        return notNull("(" + a.isNull() + " || " + b.isNull() + ") ? " + nullCase + " : "
                + (isDistinct ? "!" : "") + "(" + equal + ")");
    }

    // ---- logic ----

    private Value booleanOperand(Call call, int i) {
        Value v = generate(call.operand(i));
        TypeKind k = v.type().kind();
        if (k != TypeKind.BOOLEAN && k != TypeKind.NULL) {
            throw unsupported(call);
        }
        return v;
    }

    /**
     * AND: starts TRUE, becomes FALSE at the first FALSE operand (and stops), remembers a NULL. OR
     * is the mirror image. Each later operand is evaluated only while the result is undecided.
     */
    private Value andOr(Call call) {
        boolean and = call.op().equals(Ops.AND);
        int id = src.freshId();
        String n = "n" + id;
        String v = "v" + id;
        src.line("boolean " + n + " = false;");
        src.line("boolean " + v + " = " + and + ";");
        for (int i = 0; i < call.operands().size(); i++) {
            src.open(i == 0 ? "" : "if (" + (and ? v : "!" + v) + ")");
            Value operand = booleanOperand(call, i);
            src.open("if (" + operand.isNull() + ")");
            src.line(n + " = true;");
            src.orElse();
            src.line("if (" + (and ? "!" : "") + operand.value() + ") " + v + " = " + !and + ";");
            src.close();
            src.close();
        }
        // A decided result (FALSE for AND, TRUE for OR) wins over a NULL seen on the way.
        src.line("if (" + (and ? "!" : "") + v + ") " + n + " = false;");
        return new Value(n, v, call.type());
    }

    private Value isPredicate(Call call) {
        Value a = generate(call.operand(0));
        String n = a.isNull();
        String v = a.value();
        String expr = switch (call.op()) {
            case Ops.IS_NULL -> n;
            case Ops.IS_NOT_NULL -> "!" + n;
            case Ops.IS_TRUE -> "(!" + n + " && " + v + ")";
            case Ops.IS_NOT_TRUE -> "(" + n + " || !" + v + ")";
            case Ops.IS_FALSE -> "(!" + n + " && !" + v + ")";
            case Ops.IS_NOT_FALSE -> "(" + n + " || " + v + ")";
            default -> throw new AssertionError(call.op());
        };
        TypeKind k = a.type().kind();
        if (!call.op().endsWith("NULL") && k != TypeKind.BOOLEAN && k != TypeKind.NULL) {
            throw unsupported(call);
        }
        return notNull(expr);
    }

    /**
     * CASE as nested if/else: each WHEN is evaluated only when every earlier one was not TRUE, and
     * only the chosen THEN (or the ELSE) is evaluated, converted to the call's type.
     */
    private Value caseWhen(Call call) {
        DataType type = call.type();
        int id = src.freshId();
        String n = "n" + id;
        String v = "v" + id;
        src.line("boolean " + n + " = true;");
        src.line(JavaTypes.javaType(type.kind()) + " " + v + " = " + JavaTypes.defaultValue(type.kind()) + ";");
        src.open("");
        caseBranch(call, 0, n, v);
        src.close();
        return new Value(n, v, type);
    }

    private void caseBranch(Call call, int i, String n, String v) {
        List<Expr> ops = call.operands();
        if (i >= ops.size() - 1) {
            // The ELSE (absent when the operand count is even: then NULL, as SQL's default).
            if (i == ops.size() - 1) {
                assignBranch(generate(ops.get(i)), call.type(), n, v);
            }
            return;
        }
        Value when = booleanOperand(call, i);
        src.open("if (!" + when.isNull() + " && " + when.value() + ")");
        assignBranch(generate(ops.get(i + 1)), call.type(), n, v);
        src.orElse();
        caseBranch(call, i + 2, n, v);
        src.close();
    }

    private void assignBranch(Value branch, DataType type, String n, String v) {
        Value converted = convert(branch, type);
        src.line(n + " = " + converted.isNull() + ";");
        src.line(v + " = " + converted.value() + ";");
    }

    /** The SQL keyword in a TRIM flag literal, upper case, or null when it is not a constant. */
    static String constantText(Expr e) {
        return e instanceof Literal l && l.value() instanceof String s ? s.trim().toUpperCase(Locale.ROOT) : null;
    }
}
