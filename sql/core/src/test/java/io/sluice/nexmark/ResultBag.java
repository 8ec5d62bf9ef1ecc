package io.sluice.nexmark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multiset of result rows, and the materialized state of a changelog. Values are normalized so
 * that equal SQL values compare equal: an Integer becomes a Long, a BigDecimal loses trailing zeros
 * ({@code 908.000} equals {@code 908}); strings, timestamps and null stay as they are.
 *
 * <p>Rows are added and removed as a changelog applies them: {@link #insert} for +I and +U,
 * {@link #retract} for -U and -D. With key columns, the bag is the state of a table keyed by them:
 * an insert replaces the row of its key (an upsert changelog that sends no -U), and a retraction
 * removes the row of its key. Not thread-safe.
 */
public final class ResultBag {
    private final int[] keyColumns;
    private final Map<List<Object>, Integer> counts = new HashMap<>();
    private final Map<List<Object>, List<Object>> byKey = new HashMap<>();
    private long size;
    private final List<String> anomalies = new ArrayList<>();

    /** A multiset (no key). */
    public ResultBag() {
        this(new int[0]);
    }

    /** The state of a table keyed by these column indexes; empty means a plain multiset. */
    public ResultBag(int... keyColumns) {
        this.keyColumns = keyColumns.clone();
    }

    public static ResultBag of(List<List<Object>> rows) {
        ResultBag bag = new ResultBag();
        rows.forEach(bag::insert);
        return bag;
    }

    /** Adds a row (+I, +U); with a key, replaces the key's row. */
    public void insert(List<Object> values) {
        List<Object> row = normalize(values);
        if (keyColumns.length > 0) {
            List<Object> old = byKey.put(key(row), row);
            if (old != null) {
                remove(old);
            }
        }
        counts.merge(row, 1, Integer::sum);
        size++;
    }

    /**
     * Removes a row (-U, -D); with a key, the key's row. A retraction of a row that is not there is
     * recorded as an anomaly (a changelog that retracts what it never inserted is wrong).
     */
    public void retract(List<Object> values) {
        List<Object> row = normalize(values);
        if (keyColumns.length > 0) {
            List<Object> old = byKey.remove(key(row));
            if (old == null) {
                anomalies.add("retraction of a key that has no row: " + row);
            } else {
                remove(old);
            }
            return;
        }
        if (!remove(row)) {
            anomalies.add("retraction of a row that is not there: " + row);
        }
    }

    private boolean remove(List<Object> row) {
        Integer n = counts.get(row);
        if (n == null) {
            return false;
        }
        if (n == 1) {
            counts.remove(row);
        } else {
            counts.put(row, n - 1);
        }
        size--;
        return true;
    }

    private List<Object> key(List<Object> row) {
        Object[] k = new Object[keyColumns.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = row.get(keyColumns[i]);
        }
        return Arrays.asList(k);
    }

    public long size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Changelog entries that made no sense (see {@link #retract}); empty when all was well. */
    public List<String> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    /** How many times the row is in the bag. */
    public int count(List<Object> values) {
        return counts.getOrDefault(normalize(values), 0);
    }

    /** The rows and their counts, sorted by their text, for reading. */
    public Map<String, Integer> sorted() {
        Map<String, Integer> m = new TreeMap<>();
        counts.forEach((r, n) -> m.merge(r.toString(), n, Integer::sum));
        return m;
    }

    /**
     * What differs from {@code expected}, for a person: rows missing (expected more often than here)
     * and rows unexpected (here more often than expected), each with the count difference, at most
     * {@code limit} of each; empty when the bags are equal.
     */
    public String diff(ResultBag expected, int limit) {
        Map<String, Integer> missing = new TreeMap<>();
        Map<String, Integer> extra = new TreeMap<>();
        expected.counts.forEach((r, n) -> {
            int here = counts.getOrDefault(r, 0);
            if (here < n) {
                missing.put(r.toString(), n - here);
            }
        });
        counts.forEach((r, n) -> {
            int there = expected.counts.getOrDefault(r, 0);
            if (n > there) {
                extra.put(r.toString(), n - there);
            }
        });
        if (missing.isEmpty() && extra.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("expected ").append(expected.size).append(" rows, got ").append(size).append('\n');
        section(sb, "missing", missing, limit);
        section(sb, "unexpected", extra, limit);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Map<String, Integer> rows, int limit) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append(title).append(" (").append(rows.values().stream().mapToInt(Integer::intValue).sum()).append(" rows):\n");
        int shown = 0;
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            if (shown++ == limit) {
                sb.append("  ... and ").append(rows.size() - limit).append(" more distinct rows\n");
                break;
            }
            sb.append("  ").append(e.getValue() > 1 ? e.getValue() + " x " : "").append(e.getKey()).append('\n');
        }
    }

    static List<Object> normalize(List<Object> values) {
        Object[] out = new Object[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = normalize(values.get(i));
        }
        return Arrays.asList(out);
    }

    static Object normalize(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultBag b && counts.equals(b.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return sorted().toString();
    }
}
