package io.sluice.sql.planner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.externalize.RelWriterImpl;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.util.Pair;

/**
 * EXPLAIN text of a plan that computes some subtrees once for several parents: such a subtree is
 * printed in full where it first appears, marked {@code shared=[#n, computed once]}, and as one line
 * {@code Type(shared=[#n, see above])} everywhere else. Otherwise the text is Calcite's usual one.
 */
final class SharedPlanWriter extends RelWriterImpl {
    private final Set<RelNode> shared;
    private final Map<RelNode, Integer> numbers = new IdentityHashMap<>();

    private SharedPlanWriter(PrintWriter pw, Set<RelNode> shared) {
        super(pw, SqlExplainLevel.EXPPLAN_ATTRIBUTES, false);
        this.shared = shared;
    }

    /** The plan as text; {@code shared} are the nodes the built plan computes once. */
    static String dump(RelNode root, Set<RelNode> shared) {
        StringWriter text = new StringWriter();
        PrintWriter pw = new PrintWriter(text);
        root.explain(new SharedPlanWriter(pw, shared));
        pw.flush();
        return text.toString();
    }

    @Override
    protected void explain_(RelNode rel, List<Pair<String, Object>> values) {
        if (!shared.contains(rel)) {
            super.explain_(rel, values);
            return;
        }
        Integer n = numbers.get(rel);
        if (n != null) {
            StringBuilder line = new StringBuilder();
            spacer.spaces(line);
            line.append(rel.getRelTypeName()).append("(shared=[#").append(n).append(", see above])");
            pw.println(line);
            return;
        }
        n = numbers.size() + 1;
        numbers.put(rel, n);
        List<Pair<String, Object>> marked = new ArrayList<>(values);
        marked.add(Pair.of("shared", "#" + n + ", computed once"));
        super.explain_(rel, marked);
    }
}
