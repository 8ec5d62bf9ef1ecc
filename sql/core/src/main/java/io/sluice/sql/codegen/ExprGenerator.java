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
 * <p>Arithmetic lives in {@link ArithmeticGenerator}, string functions and LIKE in
 * {@link StringGenerator}, CAST text in {@link CastGenerator}.
 */
final class ExprGenerator {
    private final SourceBuilder src;
    private final RowSchema input;
    private final StringGenerator strings;
    private final ArithmeticGenerator arithmetic;

    ExprGenerator(SourceBuilder src, RowSchema input) {
        this.src = src;
        this.input = input;
        this.strings = new StringGenerator(this, src);
        this.arithmetic = new ArithmeticGenerator(this);
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
        Value known = src.columnInScope(ref.index());
        if (known != null) {
            return known;
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
        Value read = new Value("n" + id, "v" + id, type);
        src.columnRead(i, read);
        return read;
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
        if (value.type().kind() == TypeKind.NULL) {
            return nullOf(to);
        }
        if (value.isNull().equals("true")) {
            // A typed NULL literal: still refuse a CAST that SQL does not define.
            CastGenerator.castExpr(value.value(), value.type(), to);
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

    // ---- operators ----

    private Value call(Call call) {
        switch (call.op()) {
            case Ops.PLUS, Ops.MINUS, Ops.TIMES, Ops.DIVIDE, Ops.MOD -> {
                arity(call, 2, 2);
                return arithmetic.binary(call);
            }
            case Ops.NEGATE, Ops.ABS -> {
                arity(call, 1, 1);
                return arithmetic.unary(call);
            }
            case Ops.TIMESTAMP_DIFF -> {
                arity(call, 2, 2);
                return arithmetic.timestampDiff(call);
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
