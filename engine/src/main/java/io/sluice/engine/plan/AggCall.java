package io.sluice.engine.plan;

import io.sluice.storage.row.DataType;

/**
 * One aggregate function of an {@link AggregateNode}.
 *
 * @param function  {@code COUNT}, {@code SUM}, {@code SUM0} (SUM that is 0, not NULL, over no rows),
 *                  {@code AVG}, {@code MIN} or {@code MAX}
 * @param args      input columns: none for COUNT(*), one otherwise
 * @param distinct  whether each distinct argument value counts once
 * @param filterArg input column of a BOOLEAN filter (SQL's {@code FILTER (WHERE ...)}): only rows where it
 *                  is TRUE are aggregated; -1 for none
 * @param type      the result type
 */
public record AggCall(String function, int[] args, boolean distinct, int filterArg, DataType type) {
    public static final String COUNT = "COUNT";
    public static final String SUM = "SUM";
    public static final String SUM0 = "SUM0";
    public static final String AVG = "AVG";
    public static final String MIN = "MIN";
    public static final String MAX = "MAX";

    public AggCall {
        args = args.clone();
    }

    /** The one argument column, or -1 for COUNT(*). */
    public int arg() {
        return args.length == 0 ? -1 : args[0];
    }

    @Override
    public String toString() {
        return function + "(" + (distinct ? "DISTINCT " : "") + (args.length == 0 ? "*" : "$" + args[0]) + ")"
                + (filterArg >= 0 ? " FILTER $" + filterArg : "");
    }
}
