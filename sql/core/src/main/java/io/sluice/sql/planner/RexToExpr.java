package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.engine.plan.expr.Literal;
import io.sluice.engine.plan.expr.Ops;
import io.sluice.storage.row.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite row expressions into Sluice's expression IR ({@link Expr}, operators in
 * {@link Ops}). Anything outside the supported set is refused with a message that names the SQL
 * function, rather than being planned and failing at run time.
 */
public final class RexToExpr {
    private final RexBuilder rexBuilder;
    private final RexProgram program;

    /** @param program the Calc program whose local references are expanded, or null */
    public RexToExpr(RexBuilder rexBuilder, RexProgram program) {
        this.rexBuilder = rexBuilder;
        this.program = program;
    }

    public Expr convert(RexNode node) {
        if (node instanceof RexLocalRef ref) {
            return convert(program.expandLocalRef(ref));
        }
        if (node instanceof RexInputRef ref) {
            return new InputRef(ref.getIndex(), type(node));
        }
        if (node instanceof RexLiteral lit) {
            return literal(lit);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw unsupported("the expression " + node);
    }

    private Expr call(RexCall call) {
        if (call.getKind() == SqlKind.SEARCH) {
            // IN lists and ranges arrive as SEARCH(x, Sarg); expand them to comparisons.
            return convert(RexUtil.expandSearch(rexBuilder, program, call));
        }
        SqlOperator op = call.getOperator();
        DataType type = type(call);
        String name = switch (call.getKind()) {
            case PLUS -> Ops.PLUS;
            case MINUS -> op == SqlStdOperatorTable.MINUS_DATE ? Ops.TIMESTAMP_DIFF : Ops.MINUS;
            case TIMES -> Ops.TIMES;
            case DIVIDE -> Ops.DIVIDE;
            case MOD -> Ops.MOD;
            case MINUS_PREFIX -> Ops.NEGATE;
            case PLUS_PREFIX -> null;
            case EQUALS -> Ops.EQUALS;
            case NOT_EQUALS -> Ops.NOT_EQUALS;
            case LESS_THAN -> Ops.LESS_THAN;
            case LESS_THAN_OR_EQUAL -> Ops.LESS_THAN_OR_EQUAL;
            case GREATER_THAN -> Ops.GREATER_THAN;
            case GREATER_THAN_OR_EQUAL -> Ops.GREATER_THAN_OR_EQUAL;
            case IS_DISTINCT_FROM -> Ops.IS_DISTINCT_FROM;
            case IS_NOT_DISTINCT_FROM -> Ops.IS_NOT_DISTINCT_FROM;
            case AND -> Ops.AND;
            case OR -> Ops.OR;
            case NOT -> Ops.NOT;
            case IS_NULL -> Ops.IS_NULL;
            case IS_NOT_NULL -> Ops.IS_NOT_NULL;
            case IS_TRUE -> Ops.IS_TRUE;
            case IS_NOT_TRUE -> Ops.IS_NOT_TRUE;
            case IS_FALSE -> Ops.IS_FALSE;
            case IS_NOT_FALSE -> Ops.IS_NOT_FALSE;
            case CASE -> Ops.CASE;
            case CAST -> Ops.CAST;
            case REINTERPRET -> null;
            case TRIM -> Ops.TRIM;
            case LIKE -> Ops.LIKE;
            case POSITION -> Ops.POSITION;
            default -> byName(op);
        };
        List<Expr> args = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            args.add(convert(operand));
        }
        if (name == null) {
            // unary plus and REINTERPRET (an interval seen as a number of ms or months) change nothing
            Expr only = args.get(0);
            return only;
        }
        if (call.getKind() == SqlKind.LIKE && op instanceof SqlLikeOperator like && like.isNegated()) {
            return new Call(Ops.NOT, List.of(new Call(Ops.LIKE, args, type)), type);
        }
        if (call.getKind() == SqlKind.LIKE && op instanceof SqlLikeOperator like && like.getKind() != SqlKind.LIKE) {
            throw unsupported(op.getName());
        }
        return new Call(name, args, type);
    }

    private static String byName(SqlOperator op) {
        if (op == SqlStdOperatorTable.CONCAT) {
            return Ops.CONCAT;
        }
        return switch (op.getName().toUpperCase(java.util.Locale.ROOT)) {
            case "UPPER" -> Ops.UPPER;
            case "LOWER" -> Ops.LOWER;
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> Ops.CHAR_LENGTH;
            case "SUBSTRING" -> Ops.SUBSTRING;
            case "ABS" -> Ops.ABS;
            case "||" -> Ops.CONCAT;
            default -> throw unsupported("the function " + op.getName());
        };
    }

    private Expr literal(RexLiteral lit) {
        SqlTypeName tn = lit.getType().getSqlTypeName();
        if (tn == SqlTypeName.SYMBOL) {
            // TRIM's BOTH / LEADING / TRAILING flag
            Object flag = lit.getValue();
            String text = flag instanceof SqlTrimFunction.Flag f ? f.name()
                    : flag instanceof TimeUnitRange r ? r.name() : String.valueOf(flag);
            return new Literal(text, DataType.varchar(text.length()).withNullable(false));
        }
        DataType type = type(lit);
        if (lit.isNull()) {
            return new Literal(null, type);
        }
        Object value = switch (type.kind()) {
            case BOOLEAN -> lit.getValueAs(Boolean.class);
            case INT -> lit.getValueAs(BigDecimal.class).intValueExact();
            case BIGINT -> lit.getValueAs(BigDecimal.class).longValueExact();
            case DOUBLE -> lit.getValueAs(Double.class);
            case DECIMAL -> lit.getValueAs(BigDecimal.class).setScale(type.scale(), java.math.RoundingMode.HALF_UP);
            case VARCHAR -> lit.getValue() instanceof NlsString s ? s.getValue() : lit.getValueAs(String.class);
            case TIMESTAMP -> lit.getValueAs(TimestampString.class).getMillisSinceEpoch();
            case INTERVAL_DAY_TIME -> lit.getValueAs(BigDecimal.class).longValueExact();
            case INTERVAL_YEAR_MONTH -> lit.getValueAs(BigDecimal.class).intValueExact();
            case NULL -> null;
        };
        return new Literal(value, type);
    }

    private static DataType type(RexNode node) {
        return TypeMapping.toSluice(node.getType(), "the expression " + node);
    }

    private static SluiceException unsupported(String what) {
        return new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Sluice does not support " + what + " yet");
    }
}
