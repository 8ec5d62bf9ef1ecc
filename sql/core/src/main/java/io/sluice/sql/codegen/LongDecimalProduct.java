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

/**
 * A fast path, in front of the general code, for a projected column that is a DECIMAL product of two
 * operands held as longs (INT or BIGINT columns and literals, narrow DECIMAL columns, DECIMAL literals
 * whose unscaled value fits a long), typed with the exact scale {@code sa + sb} and stored into a
 * column of the same DECIMAL type: Nexmark q1's {@code 0.908 * price}.
 *
 * <p>Why: the general code multiplies BigDecimals, rescales and checks the result, and the row
 * writer turns it into a BigInteger and a byte array, several objects and a digit count per row.
 * The product of the unscaled values is the unscaled value of the exact product, at the call's
 * scale; when {@link Math#multiplyHigh} shows it fits a long and it has no more digits than the
 * precision, {@code RowWriter.putUnscaledDecimal} writes the very bytes the general code writes.
 * Otherwise (a NULL operand, a long overflow, too many digits) the general code that follows runs
 * exactly as without the fast path: the same result, the same NULL, the same error.
 */
final class LongDecimalProduct {
    private final String[] nullChecks;
    private final String[] unscaled;
    private final int precision;

    private LongDecimalProduct(String[] nullChecks, String[] unscaled, int precision) {
        this.nullChecks = nullChecks;
        this.unscaled = unscaled;
        this.precision = precision;
    }

    /** The fast path for column {@code target} = {@code expr}, or null when {@code expr} is not such a product. */
    static LongDecimalProduct match(Expr expr, RowSchema input, DataType target) {
        if (!(expr instanceof Call call) || !call.op().equals(Ops.TIMES) || call.operands().size() != 2) {
            return null;
        }
        DataType type = call.type();
        if (type.kind() != TypeKind.DECIMAL || target.kind() != TypeKind.DECIMAL
                || type.precision() != target.precision() || type.scale() != target.scale()) {
            return null;
        }
        String[] nulls = new String[2];
        String[] values = new String[2];
        int scale = 0;
        for (int k = 0; k < 2; k++) {
            Expr operand = call.operand(k);
            if (operand instanceof InputRef ref && ref.index() >= 0 && ref.index() < input.size()) {
                DataType t = input.type(ref.index());
                int i = ref.index();
                switch (t.kind()) {
                    case INT -> values[k] = "(long) in.getInt(" + i + ")";
                    case BIGINT -> values[k] = "in.getLong(" + i + ")";
                    case DECIMAL -> {
                        if (!t.isLongDecimal()) {
                            return null;
                        }
                        values[k] = "in.getLong(" + i + ")"; // a narrow DECIMAL is stored as its unscaled long
                        scale += t.scale();
                    }
                    default -> {
                        return null;
                    }
                }
                nulls[k] = "in.isNull(" + i + ")";
            } else if (operand instanceof Literal lit && lit.value() != null) {
                Object v = lit.value();
                switch (lit.type().kind()) {
                    // as ExprGenerator writes these literals before widening them to BigDecimal
                    case INT -> values[k] = ((Number) v).intValue() + "L";
                    case BIGINT -> values[k] = ((Number) v).longValue() + "L";
                    case DECIMAL -> {
                        // as ExprGenerator's constant: the literal's own scale, not its type's
                        BigDecimal d = new BigDecimal((v instanceof BigDecimal b ? b : new BigDecimal(v.toString())).toString());
                        if (d.unscaledValue().bitLength() > 63) {
                            return null;
                        }
                        values[k] = d.unscaledValue().longValue() + "L";
                        scale += d.scale();
                    }
                    default -> {
                        return null;
                    }
                }
                values[k] = "(" + values[k] + ")";
            } else {
                return null;
            }
        }
        if (scale != type.scale()) {
            return null; // the product would need rounding or rescaling: left to the general code
        }
        return new LongDecimalProduct(nulls, values, type.precision());
    }

    /**
     * Emits the fast path for output column {@code column}: it writes the column and returns from the
     * projection method, or falls through to the general code the caller emits next.
     */
    void emit(SourceBuilder src, int column) {
        StringBuilder present = new StringBuilder();
        for (String n : nullChecks) {
            if (n != null) {
                present.append(present.length() == 0 ? "" : " && ").append('!').append(n);
            }
        }
        src.line("// fast path: the exact product of the unscaled longs, when it fits (LongDecimalProduct)");
        src.open(present.length() == 0 ? "" : "if (" + present + ")");
        src.line("long fa = " + unscaled[0] + ";");
        src.line("long fb = " + unscaled[1] + ";");
        src.line("long fp = fa * fb;");
        String fits = "Math.multiplyHigh(fa, fb) == (fp >> 63)";
        if (precision < 19) {
            fits += " && NumberOps.fitsDigits(fp, " + precision + ")";
        }
        src.open("if (" + fits + ")");
        src.line("out.putUnscaledDecimal(" + column + ", fp);");
        src.line("return;");
        src.close();
        src.close();
    }
}
