package io.sluice.nexmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The Nexmark queries of the suite: each one's SQL file ({@code /nexmark/qN.sql}: the result
 * stream's DDL and a pipeline {@code nexmark_qN_pipeline} writing into {@code nexmark_qN}), its
 * oracle, and whether Sluice runs it today.
 */
public enum NexmarkQuery {
    Q0(true, NexmarkOracle::q0),
    Q1(true, NexmarkOracle::q1),
    Q2(true, NexmarkOracle::q2),
    /** Needs a regular (unwindowed) stream-stream join. */
    Q3(true, NexmarkOracle::q3),
    /** Needs a regular join, unwindowed aggregates and a table (changelog) as result; keyed by category. */
    Q4(true, NexmarkOracle::q4, 0),
    /** Needs HOP windows, windowed and unwindowed aggregates and a join on window bounds. */
    Q5(true, NexmarkOracle::q5),
    /** q5's per-window counts alone (HOP and a windowed COUNT): not a Nexmark query; checks windows and watermarks. */
    Q5_COUNTS(true, NexmarkOracle::q5Counts),
    /** Needs ROWS OVER over an updating input (a regular join and GROUP BY); a table keyed by (seller, auction, expires). */
    Q6(true, NexmarkOracle::q6, 0, 1, 2),
    /** Needs TUMBLE windows, MAX, and a regular join with a time-range condition. */
    Q7(true, NexmarkOracle::q7),
    /** q7's per-window maximum alone (TUMBLE and a global windowed MAX): not a Nexmark query. */
    Q7_MAX(true, NexmarkOracle::q7Max),
    /** Needs TUMBLE windows on two streams and a window join. */
    Q8(true, NexmarkOracle::q8),
    /** q8's auction side alone (TUMBLE, GROUP BY seller and window, no aggregate function): not a Nexmark query. */
    Q8_SELLERS(true, NexmarkOracle::q8Sellers);

    private final boolean runsToday;
    private final BiFunction<NexmarkData, FinalWatermarks, ResultBag> oracle;
    private final int[] resultKey;

    NexmarkQuery(boolean runsToday, BiFunction<NexmarkData, FinalWatermarks, ResultBag> oracle, int... resultKey) {
        this.runsToday = runsToday;
        this.oracle = oracle;
        this.resultKey = resultKey;
    }

    /** "q0" .. "q8", "q5_counts", "q7_max", "q8_sellers": also the SQL file's name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether Sluice on main runs this query today (the default parameter list of the test). */
    public boolean runsToday() {
        return runsToday;
    }

    public String resultStream() {
        return "nexmark_" + id();
    }

    public String pipeline() {
        return "nexmark_" + id() + "_pipeline";
    }

    /** The key columns of the result when it is a table (its changelog is materialized by key). */
    public int[] resultKey() {
        return resultKey.clone();
    }

    /** The query's script: the result stream's DDL, then the pipeline. */
    public String sql() {
        String path = "/nexmark/" + id() + ".sql";
        try (InputStream in = NexmarkQuery.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The oracle's expected result over the data, given where each stream's watermark stops. */
    public ResultBag expected(NexmarkData data, FinalWatermarks watermarks) {
        return oracle.apply(data, watermarks);
    }

    /**
     * The queries a {@code -Dnexmark.queries} value names: a comma-separated list such as
     * {@code q0,q5}, or {@code all}; blank or absent means the ones that run today.
     */
    public static List<NexmarkQuery> selected(String property) {
        if (property == null || property.isBlank()) {
            return Arrays.stream(values()).filter(NexmarkQuery::runsToday).toList();
        }
        if (property.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        return Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> valueOf(s.toUpperCase(Locale.ROOT))).toList();
    }
}
