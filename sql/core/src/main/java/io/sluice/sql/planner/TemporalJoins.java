package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.catalog.StreamDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Event-time temporal joins ({@code JOIN t FOR SYSTEM_TIME AS OF s.time AS r ON ...}). Calcite turns
 * one into a correlate whose right side is the ON condition (over the correlation variable) above a
 * snapshot of the table, with the period {@code $cor.time}. After the logical rewrites (which thus
 * never push a condition into the table's versions, where it would pick an older version instead of
 * rejecting the valid one), {@link #rewrite} makes it a plain join of the stream and the table scan,
 * whose condition is the ON condition plus one {@link #AS_OF} marker conjunct naming both time
 * columns; {@link JoinAnalysis} takes the marker out and plans a temporal join.
 */
final class TemporalJoins {
    /**
     * {@code FOR_SYSTEM_TIME_AS_OF(stream time, table version time)}: marks a join as temporal. It is
     * never evaluated: the join analysis removes it from the condition.
     */
    static final SqlFunction AS_OF = new SqlFunction("FOR_SYSTEM_TIME_AS_OF", SqlKind.OTHER_FUNCTION,
            ReturnTypes.BOOLEAN, null, OperandTypes.ANY_ANY, SqlFunctionCategory.SYSTEM);

    /** Why a snapshot that is not as of a stream's column is refused. */
    static final String EVENT_TIME_ONLY = "FOR SYSTEM_TIME AS OF must name the event-time column of the stream "
            + "the table is joined to (JOIN t FOR SYSTEM_TIME AS OF s.time AS r ON ...): processing-time temporal "
            + "joins (AS OF the current time) and fixed or computed times are not supported";

    private TemporalJoins() {
    }

    /**
     * Refuses RIGHT and FULL joins with a snapshot on the right (before Calcite's converter, which cannot
     * make a correlate of them).
     *
     * @throws SluiceException naming the join's position
     */
    static void checkJoinTypes(SqlNode validated) {
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlJoin j && (j.getJoinType() == JoinType.RIGHT || j.getJoinType() == JoinType.FULL)
                        && snapshot(j.getRight())) {
                    SqlParserPos pos = j.getParserPosition();
                    throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "A temporal join (FOR "
                            + "SYSTEM_TIME AS OF) is an INNER or LEFT join", pos.getLineNum(), pos.getColumnNum(), null);
                }
                return super.visit(call);
            }
        });
    }

    private static boolean snapshot(SqlNode node) {
        if (node instanceof SqlSnapshot) {
            return true;
        }
        return node instanceof SqlCall call && call.getKind() == SqlKind.AS && snapshot(call.operand(0));
    }

    /** What a temporal correlate holds. */
    private record Parts(LogicalTableScan table, StreamDef def, List<RexNode> conditions, int streamTime) {
    }

    /**
     * Whether {@code rel} is a correlate made by FOR SYSTEM_TIME AS OF (a temporal join before
     * {@link #rewrite}).
     *
     * @throws SluiceException when it is one that Sluice cannot run (see {@link #parts})
     */
    static boolean isTemporal(RelNode rel) {
        return rel instanceof LogicalCorrelate c && parts(c) != null;
    }

    /**
     * The parts of a correlate made by FOR SYSTEM_TIME AS OF, or null when it is another correlate.
     *
     * @throws SluiceException when it is a temporal join Sluice cannot run, saying why
     */
    private static Parts parts(LogicalCorrelate c) {
        List<RexNode> conditions = new ArrayList<>();
        RelNode r = c.getRight();
        while (true) {
            if (r instanceof LogicalFilter f) {
                conditions.add(f.getCondition());
            } else if (r instanceof LogicalCalc calc && calc.getProgram().projectsOnlyIdentity()) {
                RexProgram p = calc.getProgram();
                if (p.getCondition() != null) {
                    conditions.add(p.expandLocalRef(p.getCondition()));
                }
            } else {
                break;
            }
            r = r.getInput(0);
        }
        if (!(r instanceof LogicalSnapshot snapshot)) {
            return null;
        }
        if (!(snapshot.getInput() instanceof LogicalTableScan scan) || scan.getTable().unwrap(StreamTable.class) == null) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    "FOR SYSTEM_TIME AS OF is supported only on a table joined to a stream");
        }
        StreamDef def = scan.getTable().unwrap(StreamTable.class).stream();
        if (!def.kind().isTable()) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "FOR SYSTEM_TIME AS OF needs a table "
                    + "with a PRIMARY KEY, whose rows are versions of their key: '" + def.name() + "' is a stream");
        }
        if (def.watermark() == null) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "Table " + def.name() + " has no "
                    + "WATERMARK: an event-time temporal join (FOR SYSTEM_TIME AS OF) takes each version's time from "
                    + "the table's WATERMARK column; declare one, e.g. WATERMARK FOR <time column> AS <time column>");
        }
        if (c.getJoinType() != JoinRelType.INNER && c.getJoinType() != JoinRelType.LEFT) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    "A temporal join (FOR SYSTEM_TIME AS OF) is an INNER or LEFT join");
        }
        RexNode period = snapshot.getPeriod();
        if (!(period instanceof RexFieldAccess access && access.getReferenceExpr() instanceof RexCorrelVariable v
                && v.id.equals(c.getCorrelationId()))) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, EVENT_TIME_ONLY);
        }
        return new Parts(scan, def, conditions, access.getField().getIndex());
    }

    /** Replaces every temporal correlate in the tree by a join of the stream and the table (see above). */
    static RelNode rewrite(RelNode rel, RexBuilder rexBuilder) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode n = rewrite(input, rexBuilder);
            changed |= n != input;
            inputs.add(n);
        }
        if (changed) {
            rel = rel.copy(rel.getTraitSet(), inputs);
        }
        if (!(rel instanceof LogicalCorrelate c)) {
            return rel;
        }
        Parts p = parts(c);
        if (p == null) {
            return rel;
        }
        int nLeft = c.getLeft().getRowType().getFieldCount();
        RexShuttle decorrelate = new RexShuttle() {
            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable v && v.id.equals(c.getCorrelationId())) {
                    return new RexInputRef(access.getField().getIndex(), access.getType());
                }
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(ref.getIndex() + nLeft, ref.getType());
            }
        };
        List<RexNode> conjuncts = new ArrayList<>();
        for (RexNode condition : p.conditions()) {
            conjuncts.add(condition.accept(decorrelate));
        }
        int versionTime = p.def().schema().indexOf(p.def().watermark().column());
        RelNode left = c.getLeft();
        conjuncts.add(rexBuilder.makeCall(AS_OF,
                new RexInputRef(p.streamTime(), left.getRowType().getFieldList().get(p.streamTime()).getType()),
                new RexInputRef(nLeft + versionTime,
                        p.table().getRowType().getFieldList().get(versionTime).getType())));
        return LogicalJoin.create(left, p.table(), List.of(), RexUtil.composeConjunction(rexBuilder, conjuncts),
                Set.of(), c.getJoinType());
    }

    /** Whether {@code e} is the {@link #AS_OF} marker. */
    static boolean isMarker(RexNode e) {
        return e instanceof RexCall call && call.getOperator() == AS_OF;
    }
}
