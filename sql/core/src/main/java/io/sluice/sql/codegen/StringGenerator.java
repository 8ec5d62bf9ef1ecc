package io.sluice.sql.codegen;

import io.sluice.engine.operator.EvaluationException;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.Literal;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.sql.codegen.runtime.LikePatterns;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Code for the string operators: UPPER, LOWER, CHAR_LENGTH, SUBSTRING, TRIM, CONCAT, LIKE and
 * POSITION. The work itself is in {@link io.sluice.sql.codegen.runtime.StringOps}; this class
 * checks operand types, resolves constant TRIM flags and hoists constant LIKE patterns.
 */
final class StringGenerator {
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

    private final ExprGenerator exprs;
    private final SourceBuilder src;

    StringGenerator(ExprGenerator exprs, SourceBuilder src) {
        this.exprs = exprs;
        this.src = src;
    }

    Value call(Call call) {
        List<Value> args = new ArrayList<>();
        for (Expr operand : call.operands()) {
            args.add(exprs.generate(operand));
        }
        int n = args.size();
        switch (call.op()) {
            case Ops.UPPER, Ops.LOWER, Ops.CHAR_LENGTH -> {
                check(call, n == 1);
                Value s = text(call, args.get(0));
                if (call.op().equals(Ops.CHAR_LENGTH)) {
                    return exprs.typed(call, TypeKind.INT, "StringOps.charLength(" + s.value() + ")", s);
                }
                String fn = call.op().equals(Ops.UPPER) ? "upper" : "lower";
                return exprs.typed(call, TypeKind.VARCHAR, "StringOps." + fn + "(" + s.value() + ")", s);
            }
            case Ops.SUBSTRING -> {
                check(call, n == 2 || n == 3);
                Value s = text(call, args.get(0));
                Value start = integral(call, args.get(1));
                if (n == 2) {
                    return exprs.typed(call, TypeKind.VARCHAR, "StringOps.substring(" + s.value() + ", " + start.value() + ")", s, start);
                }
                Value length = integral(call, args.get(2));
                return exprs.typed(call, TypeKind.VARCHAR, "StringOps.substring(" + s.value() + ", " + start.value() + ", "
                        + length.value() + ")", s, start, length);
            }
            case Ops.TRIM -> {
                check(call, n == 3);
                Value chars = text(call, args.get(1));
                Value s = text(call, args.get(2));
                String flag = ExprGenerator.constantText(call.operand(0));
                if (flag == null) {
                    Value flagValue = text(call, args.get(0));
                    return exprs.typed(call, TypeKind.VARCHAR, "StringOps.trim(" + flagValue.value() + ", " + chars.value() + ", "
                            + s.value() + ")", flagValue, chars, s);
                }
                boolean leading = flag.equals("BOTH") || flag.equals("LEADING");
                boolean trailing = flag.equals("BOTH") || flag.equals("TRAILING");
                if (!leading && !trailing) {
                    throw new IllegalArgumentException("TRIM needs BOTH, LEADING or TRAILING, not '" + flag + "'");
                }
                return exprs.typed(call, TypeKind.VARCHAR, "StringOps.trim(" + s.value() + ", " + chars.value() + ", " + leading
                        + ", " + trailing + ")", s, chars);
            }
            case Ops.CONCAT -> {
                check(call, n >= 2);
                StringBuilder expr = new StringBuilder("(");
                Value[] converted = new Value[n];
                for (int i = 0; i < n; i++) {
                    // Calcite only concatenates text, but a non-text operand is harmless: use its CAST text.
                    converted[i] = exprs.convert(args.get(i), DataType.of(TypeKind.VARCHAR));
                    expr.append(i == 0 ? "" : " + ").append(converted[i].value());
                }
                return exprs.typed(call, TypeKind.VARCHAR, expr.append(')').toString(), converted);
            }
            case Ops.LIKE -> {
                check(call, n == 2 || n == 3);
                return like(call, args);
            }
            case Ops.POSITION -> {
                check(call, n == 2 || n == 3);
                Value sub = text(call, args.get(0));
                Value s = text(call, args.get(1));
                if (n == 2) {
                    return exprs.typed(call, TypeKind.INT, "StringOps.position(" + sub.value() + ", " + s.value() + ")",
                            sub, s);
                }
                // POSITION(sub IN s FROM start), as Calcite also parses it.
                Value from = integral(call, args.get(2));
                return exprs.typed(call, TypeKind.INT, "StringOps.position(" + sub.value() + ", " + s.value() + ", "
                        + from.value() + ")", sub, s, from);
            }
            default -> throw new AssertionError(call.op());
        }
    }

    /**
     * A constant pattern (and escape) becomes a static Pattern and a per-instance Matcher that is
     * reset for each row; any other pattern goes through a per-instance {@link
     * io.sluice.sql.codegen.runtime.LikeCache}.
     */
    private Value like(Call call, List<Value> args) {
        Value s = text(call, args.get(0));
        Value pattern = text(call, args.get(1));
        Value escape = args.size() == 3 ? text(call, args.get(2)) : null;
        boolean constantPattern = call.operand(1) instanceof Literal;
        boolean constantEscape = escape == null || call.operand(2) instanceof Literal;
        if (constantPattern && constantEscape) {
            String p = (String) ((Literal) call.operand(1)).value();
            String e = escape == null ? null : (String) ((Literal) call.operand(2)).value();
            if (p == null || (escape != null && e == null)) {
                return exprs.nullOf(call.type());
            }
            String regex;
            try {
                regex = LikePatterns.toRegex(p, e);
            } catch (EvaluationException ex) {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
            String compiled = src.constant("Pattern", "Pattern.compile(" + SourceBuilder.quote(regex) + ", Pattern.DOTALL)");
            String matcher = src.instanceField("Matcher", compiled + ".matcher(\"\")");
            return exprs.typed(call, TypeKind.BOOLEAN, matcher + ".reset(" + s.value() + ").matches()", s);
        }
        String cache = src.instanceField("LikeCache", "new LikeCache()");
        String escapeText = escape == null ? "null" : escape.value();
        return escape == null
                ? exprs.typed(call, TypeKind.BOOLEAN, cache + ".matches(" + s.value() + ", " + pattern.value() + ", null)", s, pattern)
                : exprs.typed(call, TypeKind.BOOLEAN, cache + ".matches(" + s.value() + ", " + pattern.value() + ", " + escapeText + ")",
                        s, pattern, escape);
    }

    private static void check(Call call, boolean arityOk) {
        if (!arityOk) {
            throw new IllegalArgumentException(call.op() + " cannot take " + call.operands().size() + " operands: " + call);
        }
    }

    /** A VARCHAR operand (an untyped NULL passes: the result is NULL anyway). */
    private Value text(Call call, Value v) {
        TypeKind k = v.type().kind();
        if (k != TypeKind.VARCHAR && k != TypeKind.NULL) {
            throw ExprGenerator.unsupported(call);
        }
        return v;
    }

    /** A position or length operand as a long. */
    private Value integral(Call call, Value v) {
        TypeKind k = v.type().kind();
        if (k == TypeKind.NULL) {
            return v;
        }
        if (!JavaTypes.isIntegral(k)) {
            throw ExprGenerator.unsupported(call);
        }
        return exprs.convert(v, BIGINT);
    }
}
