package io.sluice.sql.planner.rel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.util.NlsString;

/** Filter and projection fused into one program, compiled to code per task. Stateless, no exchange. */
public final class StreamCalc extends Calc implements StreamRel {
    public StreamCalc(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexProgram program) {
        super(cluster, traits, java.util.List.of(), input, program);
    }

    @Override
    public Calc copy(RelTraitSet traitSet, RelNode child, RexProgram program) {
        return new StreamCalc(getCluster(), traitSet, child, program);
    }

    /** {@code select=[a, UPPER(b) AS B2], where=[>(a, 3)]}, with column names, as EXPLAIN shows it. */
    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RexProgram program = getProgram();
        List<String> inputNames = getInput().getRowType().getFieldNames();
        List<String> outputNames = getRowType().getFieldNames();
        List<String> select = new ArrayList<>();
        List<RexLocalRef> projects = program.getProjectList();
        for (int i = 0; i < projects.size(); i++) {
            String expr = render(program.expandLocalRef(projects.get(i)), inputNames);
            select.add(expr.equals(outputNames.get(i)) ? expr : expr + " AS " + outputNames.get(i));
        }
        pw.input("input", getInput()).item("select", String.join(", ", select));
        if (program.getCondition() != null) {
            pw.item("where", render(program.expandLocalRef(program.getCondition()), inputNames));
        }
        return pw;
    }

    private static String render(RexNode node, List<String> names) {
        if (node instanceof RexInputRef ref) {
            return names.get(ref.getIndex());
        }
        if (node instanceof RexLiteral lit) {
            if (lit.getValue() instanceof NlsString text) {
                return "'" + text.getValue().replace("'", "''") + "'";
            }
            return lit.toString().replaceFirst(":[A-Z][A-Z_ ]*(\\(.*\\))?( NOT NULL)?$", "");
        }
        if (node instanceof RexCall call) {
            return call.getOperator().getName() + "(" + call.getOperands().stream().map(o -> render(o, names))
                    .collect(Collectors.joining(", ")) + ")";
        }
        return node.toString();
    }
}
