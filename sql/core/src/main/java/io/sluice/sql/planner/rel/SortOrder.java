package io.sluice.sql.planner.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;

/**
 * A window's ORDER BY (Top-N's and OVER's) as the plan nodes store it: column indexes with their
 * direction and null order, side by side. Also how EXPLAIN names a window's PARTITION BY and ORDER BY.
 */
public record SortOrder(int[] columns, boolean[] descending, boolean[] nullsLast) {

    public static SortOrder of(List<RelFieldCollation> order) {
        int[] cols = new int[order.size()];
        boolean[] desc = new boolean[cols.length];
        boolean[] nullsLast = new boolean[cols.length];
        for (int i = 0; i < cols.length; i++) {
            RelFieldCollation c = order.get(i);
            cols[i] = c.getFieldIndex();
            desc[i] = c.getDirection().isDescending();
            nullsLast[i] = c.nullDirection == RelFieldCollation.NullDirection.LAST;
        }
        return new SortOrder(cols, desc, nullsLast);
    }

    /** The names of {@code keys} among the input's field {@code names}. */
    static List<String> names(int[] keys, List<String> names) {
        List<String> out = new ArrayList<>();
        for (int k : keys) {
            out.add(names.get(k));
        }
        return out;
    }

    /** Each sort column by name, with " DESC" when descending. */
    static List<String> describe(List<RelFieldCollation> order, List<String> names) {
        List<String> out = new ArrayList<>();
        for (RelFieldCollation c : order) {
            out.add(names.get(c.getFieldIndex()) + (c.getDirection().isDescending() ? " DESC" : ""));
        }
        return out;
    }
}
