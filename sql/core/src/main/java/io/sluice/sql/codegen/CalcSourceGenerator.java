package io.sluice.sql.codegen;

import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.List;

/**
 * Writes the Java source of one {@link io.sluice.engine.operator.CompiledCalc}: a method for the
 * condition, one per projected column (small methods keep each under the JIT's inlining and
 * the JVM's 64 KiB limits, and make the source easy to read), and an {@code apply} that calls them.
 *
 * <pre>
 * public final class GeneratedCalc implements CompiledCalc {
 *     private static final BigDecimal C0 = ...;          // hoisted constants
 *     private final Matcher f3 = C1.matcher("");         // per-instance helpers
 *     public boolean apply(RowReader in, RowWriter out) {
 *         if (!condition(in)) return false;
 *         project0(in, out); ...
 *         return true;
 *     }
 * }
 * </pre>
 */
final class CalcSourceGenerator {
    static final String CLASS_NAME = "GeneratedCalc";

    private CalcSourceGenerator() {
    }

    static String generate(RowSchema input, Expr condition, List<Expr> projects, RowSchema output) {
        if (projects.size() != output.size()) {
            throw new IllegalArgumentException(projects.size() + " projections for an output of " + output.size()
                    + " columns " + output);
        }
        SourceBuilder src = new SourceBuilder();
        ExprGenerator exprs = new ExprGenerator(src, input);

        if (condition != null) {
            TypeKind k = condition.type().kind();
            if (k != TypeKind.BOOLEAN && k != TypeKind.NULL) {
                throw new IllegalArgumentException("a filter condition must be BOOLEAN, not " + condition.type().sql()
                        + ": " + condition);
            }
            src.line("// WHERE " + comment(condition));
            src.open("private boolean condition(RowReader in)");
            Value c = exprs.generate(condition);
            // FALSE and NULL both drop the row.
            src.line("return !" + c.isNull() + " && " + c.value() + ";");
            src.close();
            src.blank();
        }
        for (int i = 0; i < projects.size(); i++) {
            src.line("// " + output.column(i).name() + " " + output.type(i).sql() + " = " + comment(projects.get(i)));
            src.open("private void project" + i + "(RowReader in, RowWriter out)");
            project(src, exprs, input, projects.get(i), output, i);
            src.close();
            src.blank();
        }

        StringBuilder sb = new StringBuilder();
        sb.append("import java.math.BigDecimal;\n");
        sb.append("import java.util.regex.Matcher;\n");
        sb.append("import java.util.regex.Pattern;\n");
        sb.append("import io.sluice.engine.operator.CompiledCalc;\n");
        sb.append("import io.sluice.storage.row.RowReader;\n");
        sb.append("import io.sluice.storage.row.RowWriter;\n");
        sb.append("import io.sluice.sql.codegen.runtime.CastOps;\n");
        sb.append("import io.sluice.sql.codegen.runtime.LikeCache;\n");
        sb.append("import io.sluice.sql.codegen.runtime.NumberOps;\n");
        sb.append("import io.sluice.sql.codegen.runtime.StringOps;\n");
        sb.append("import io.sluice.sql.codegen.runtime.TimeOps;\n\n");
        sb.append("// input:  ").append(comment(input)).append('\n');
        sb.append("// output: ").append(comment(output)).append('\n');
        sb.append("public final class ").append(CLASS_NAME).append(" implements CompiledCalc {\n");
        for (String field : src.fieldDeclarations()) {
            sb.append("    ").append(field).append('\n');
        }
        if (!src.fieldDeclarations().isEmpty()) {
            sb.append('\n');
        }
        sb.append("    public boolean apply(RowReader in, RowWriter out) {\n");
        if (condition != null) {
            sb.append("        if (!condition(in)) {\n            return false;\n        }\n");
        }
        for (int i = 0; i < projects.size(); i++) {
            sb.append("        project").append(i).append("(in, out);\n");
        }
        sb.append("        return true;\n    }\n\n");
        sb.append(src.methods());
        sb.append("}\n");
        return sb.toString();
    }

    private static void project(SourceBuilder src, ExprGenerator exprs, RowSchema input, Expr expr, RowSchema output,
            int i) {
        DataType target = output.type(i);
        if (!target.kind().storable()) {
            throw new IllegalArgumentException("output column " + output.column(i).name() + " has type " + target.sql()
                    + ", which a row cannot hold");
        }
        if (expr instanceof InputRef ref && ref.index() >= 0 && ref.index() < input.size()
                && CastGenerator.isIdentity(input.type(ref.index()), target)) {
            // Same representation: copy the stored bytes (a VARCHAR is not decoded and re-encoded),
            // with the column's kind decided here rather than looked up per row.
            int k = ref.index();
            String put = switch (target.kind()) {
                case BOOLEAN -> "out.putBoolean(" + i + ", in.getBoolean(" + k + "));";
                case INT -> "out.putInt(" + i + ", in.getInt(" + k + "));";
                case BIGINT, TIMESTAMP -> "out.putLong(" + i + ", in.getLong(" + k + "));";
                case DOUBLE -> "out.putDouble(" + i + ", in.getDouble(" + k + "));";
                case VARCHAR -> "out.putStringBytes(" + i + ", in.buffer(), in.stringOffset(" + k + "), in.stringLength("
                        + k + "));";
                default -> null;
            };
            if (put == null) {
                src.line("out.copy(in, " + k + ", " + i + ");");
            } else {
                src.open("if (in.isNull(" + k + "))");
                src.line("out.setNull(" + i + ");");
                src.orElse();
                src.line(put);
                src.close();
            }
            return;
        }
        LongDecimalProduct fast = LongDecimalProduct.match(expr, input, target);
        if (fast != null) {
            fast.emit(src, i);
        }
        Value v = exprs.convert(exprs.generate(expr), target);
        String put = switch (target.kind()) {
            case BOOLEAN -> "putBoolean";
            case INT -> "putInt";
            case BIGINT, TIMESTAMP -> "putLong";
            case DOUBLE -> "putDouble";
            case DECIMAL -> "putDecimal";
            case VARCHAR -> "putString";
            default -> throw new AssertionError(target);
        };
        if (v.isNull().equals("true")) {
            src.line("out.setNull(" + i + ");");
        } else if (v.isNull().equals("false")) {
            src.line("out." + put + "(" + i + ", " + v.value() + ");");
        } else {
            src.open("if (" + v.isNull() + ")");
            src.line("out.setNull(" + i + ");");
            src.orElse();
            src.line("out." + put + "(" + i + ", " + v.value() + ");");
            src.close();
        }
    }

    /** Text safe inside a line comment. */
    private static String comment(Object o) {
        return String.valueOf(o).replace('\n', ' ').replace('\r', ' ');
    }
}
