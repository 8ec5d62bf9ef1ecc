package io.sluice.sql.planner.rel;

import io.sluice.SluiceException;
import io.sluice.engine.plan.StartMode;
import io.sluice.sql.planner.StreamTable;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;

/**
 * Converter rules from Calcite's logical nodes (convention NONE) to Sluice's STREAM convention. The
 * Volcano planner runs only these; logical rewrites happen before, in a Hep program.
 */
public final class StreamRules {
    /** The table-hint option that picks where a scan starts, as in Flink. */
    public static final String STARTUP_MODE = "scan.startup.mode";

    private StreamRules() {
    }

    /** The rules, given the default start mode of the statement's session. */
    public static List<RelOptRule> rules(StartMode defaultStart) {
        return List.of(
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalTableScan.class, Convention.NONE, StreamRel.CONVENTION, "StreamTableScanRule")
                        .withRuleFactory(c -> new ScanRule(c, defaultStart)).toRule(ScanRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalCalc.class, Convention.NONE, StreamRel.CONVENTION, "StreamCalcRule")
                        .withRuleFactory(CalcRule::new).toRule(CalcRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalValues.class, Convention.NONE, StreamRel.CONVENTION, "StreamValuesRule")
                        .withRuleFactory(ValuesRule::new).toRule(ValuesRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalUnion.class, Convention.NONE, StreamRel.CONVENTION, "StreamUnionRule")
                        .withRuleFactory(UnionRule::new).toRule(UnionRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalTableModify.class, Convention.NONE, StreamRel.CONVENTION, "StreamSinkRule")
                        .withRuleFactory(SinkRule::new).toRule(SinkRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalTableFunctionScan.class, Convention.NONE, StreamRel.CONVENTION,
                                "StreamWindowRule")
                        .withRuleFactory(WindowRule::new).toRule(WindowRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalAggregate.class, Convention.NONE, StreamRel.CONVENTION, "StreamAggregateRule")
                        .withRuleFactory(AggregateRule::new).toRule(AggregateRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(LogicalJoin.class, Convention.NONE, StreamRel.CONVENTION, "StreamJoinRule")
                        .withRuleFactory(JoinRule::new).toRule(JoinRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(StreamRank.class, Convention.NONE, StreamRel.CONVENTION, "StreamRankRule")
                        .withRuleFactory(PrebuiltRule::new).toRule(PrebuiltRule.class),
                ConverterRule.Config.INSTANCE
                        .withConversion(StreamOver.class, Convention.NONE, StreamRel.CONVENTION, "StreamOverRule")
                        .withRuleFactory(PrebuiltRule::new).toRule(PrebuiltRule.class));
    }

    static final class ScanRule extends ConverterRule {
        private final StartMode defaultStart;

        ScanRule(Config config, StartMode defaultStart) {
            super(config);
            this.defaultStart = defaultStart;
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalTableScan scan = (LogicalTableScan) rel;
            StreamTable table = scan.getTable().unwrap(StreamTable.class);
            StartMode mode = defaultStart;
            for (RelHint hint : scan.getHints()) {
                if (hint.hintName.equalsIgnoreCase("OPTIONS")) {
                    for (Map.Entry<String, String> e : hint.kvOptions.entrySet()) {
                        if (!e.getKey().equalsIgnoreCase(STARTUP_MODE)) {
                            throw new SluiceException(SluiceException.INVALID_PARAMETER, "Unknown table option '"
                                    + e.getKey() + "' in OPTIONS hint; the supported option is '" + STARTUP_MODE + "'");
                        }
                        mode = StartMode.fromOption(e.getValue());
                        if (mode == null) {
                            throw new SluiceException(SluiceException.INVALID_PARAMETER, "Bad value '" + e.getValue()
                                    + "' for '" + STARTUP_MODE + "': use 'earliest-offset' or 'latest-offset'");
                        }
                    }
                }
            }
            RelTraitSet traits = scan.getTraitSet().replace(StreamRel.CONVENTION);
            return new StreamTableScan(scan.getCluster(), traits, scan.getTable(), table.stream(), mode);
        }
    }

    static final class CalcRule extends ConverterRule {
        CalcRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalCalc calc = (LogicalCalc) rel;
            RelNode input = convert(calc.getInput(), calc.getInput().getTraitSet().replace(StreamRel.CONVENTION));
            return new StreamCalc(calc.getCluster(), calc.getTraitSet().replace(StreamRel.CONVENTION), input,
                    calc.getProgram());
        }
    }

    static final class ValuesRule extends ConverterRule {
        ValuesRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalValues v = (LogicalValues) rel;
            return new StreamValues(v.getCluster(), v.getRowType(), v.getTuples(),
                    v.getTraitSet().replace(StreamRel.CONVENTION));
        }
    }

    static final class UnionRule extends ConverterRule {
        UnionRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalUnion u = (LogicalUnion) rel;
            if (!u.all) {
                return null;
            }
            List<RelNode> inputs = u.getInputs().stream()
                    .map(i -> convert(i, i.getTraitSet().replace(StreamRel.CONVENTION))).toList();
            return new StreamUnion(u.getCluster(), u.getTraitSet().replace(StreamRel.CONVENTION), inputs);
        }
    }

    /** TUMBLE, HOP and CUMULATE (validated by {@code WindowFunctions.check} before planning). */
    static final class WindowRule extends ConverterRule {
        WindowRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
            WindowSpec w = WindowSpec.of(scan);
            RelNode input = convert(scan.getInputs().get(0),
                    scan.getInputs().get(0).getTraitSet().replace(StreamRel.CONVENTION));
            return new StreamWindowTableFunction(scan.getCluster(), scan.getTraitSet().replace(StreamRel.CONVENTION),
                    input, scan.getRowType(), w.kind(), w.timeIndex(), w.sizeMs(), w.stepMs(), w.offsetMs());
        }
    }

    static final class AggregateRule extends ConverterRule {
        AggregateRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalAggregate agg = (LogicalAggregate) rel;
            if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
                return null;
            }
            RelNode input = convert(agg.getInput(), agg.getInput().getTraitSet().replace(StreamRel.CONVENTION));
            return new StreamAggregate(agg.getCluster(), agg.getTraitSet().replace(StreamRel.CONVENTION), input,
                    agg.getGroupSet(), agg.getAggCallList(), -1);
        }
    }

    /** Joins; the partitioning pass decides their kind and keys. */
    static final class JoinRule extends ConverterRule {
        JoinRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalJoin join = (LogicalJoin) rel;
            RelNode left = convert(join.getLeft(), join.getLeft().getTraitSet().replace(StreamRel.CONVENTION));
            RelNode right = convert(join.getRight(), join.getRight().getTraitSet().replace(StreamRel.CONVENTION));
            return new StreamJoin(join.getCluster(), join.getTraitSet().replace(StreamRel.CONVENTION), left, right,
                    join.getCondition(), join.getJoinType(), null);
        }
    }

    /**
     * A single-input Sluice node built before Volcano in convention NONE ({@link StreamRank},
     * {@link StreamOver}) into STREAM: only its convention and its input's change.
     */
    static final class PrebuiltRule extends ConverterRule {
        PrebuiltRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            SingleRel r = (SingleRel) rel;
            RelNode input = convert(r.getInput(), r.getInput().getTraitSet().replace(StreamRel.CONVENTION));
            return r.copy(r.getTraitSet().replace(StreamRel.CONVENTION), List.of(input));
        }
    }

    static final class SinkRule extends ConverterRule {
        SinkRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalTableModify m = (LogicalTableModify) rel;
            if (!m.isInsert()) {
                return null;
            }
            StreamTable table = m.getTable().unwrap(StreamTable.class);
            RelNode input = convert(m.getInput(), m.getInput().getTraitSet().replace(StreamRel.CONVENTION));
            return new StreamSink(m.getCluster(), m.getTraitSet().replace(StreamRel.CONVENTION), m.getTable(),
                    (Prepare.CatalogReader) m.getCatalogReader(), input, table.stream());
        }
    }
}
