package io.sluice.sql.planner;

import io.sluice.SluiceException;
import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.catalog.WatermarkSpec;
import io.sluice.engine.plan.CalcNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.sql.parser.SluiceParser;
import io.sluice.sql.planner.rel.WindowSpec;
import io.sluice.engine.plan.StartMode;
import io.sluice.sql.planner.rel.StreamRel;
import io.sluice.sql.planner.rel.StreamRules;
import io.sluice.sql.planner.rel.StreamSink;
import io.sluice.sql.planner.rel.StreamTableScan;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalIntersect;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalMinus;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Plans a query or INSERT: validate, convert to relational algebra, rewrite logically (Hep: filters
 * and projections fused into Calcs), convert to Sluice's STREAM convention (Volcano, converter rules
 * only), and build Sluice plans. One validator, cluster and planner per statement (they hold state
 * and are not thread-safe); instances of this class may be shared.
 *
 * <p>Shapes not supported yet (aggregates, joins, ORDER BY on a stream, ...) are refused before
 * Volcano with a message naming the construct, instead of Calcite's planner dump.
 */
public final class SluicePlanner {
    private static final Charset UTF8 = StandardCharsets.UTF_8;
    private static final HintStrategyTable HINTS = HintStrategyTable.builder()
            .hintStrategy("OPTIONS", HintPredicates.TABLE_SCAN).build();

    /**
     * LENIENT (so {@code !=} and GROUP BY aliases work) but an INSERT must give every column, as the
     * SQL standard says: a VALUES row that is one value short is a mistake, not a row with a NULL.
     */
    private static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.LENIENT) {
        @Override
        public boolean isInsertSubsetColumnsAllowed() {
            return false;
        }
    };

    private final Catalog catalog;

    public SluicePlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A type factory whose strings are UTF-8 (Calcite defaults to ISO-8859-1 literals). */
    static JavaTypeFactoryImpl typeFactory() {
        return new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE) {
            @Override
            public Charset getDefaultCharset() {
                return UTF8;
            }
        };
    }

    /**
     * Plans a SELECT (a push query, no sink) or an INSERT (a sink).
     *
     * @param defaultStart where scans start unless a table hint says otherwise
     * @throws SluiceException for statements Sluice cannot run; Calcite's validation errors propagate
     *                         as they are (the caller maps them to positions)
     */
    public PlannedStatement plan(SqlNode statement, StartMode defaultStart) {
        return plan(statement, PlanOptions.of(defaultStart));
    }

    /** Plans a SELECT or an INSERT with the given options (a pipeline's late-row stream, idle timeout). */
    public PlannedStatement plan(SqlNode statement, PlanOptions options) {
        return plan(statement, options, true, false);
    }

    /**
     * Plans a query whose result may be a changelog: {@code SELECT ... EMIT CHANGES}, streamed with
     * each row's kind.
     */
    public PlannedStatement planChanges(SqlNode query, PlanOptions options) {
        return plan(query, options, true, true);
    }

    /**
     * Plans a statement only to show it (EXPLAIN): a query whose result is a changelog is shown as
     * planned instead of refused.
     */
    public PlannedStatement explain(SqlNode statement, StartMode defaultStart) {
        return plan(statement, PlanOptions.of(defaultStart), true, true);
    }

    /**
     * The types of the {@code ?} parameters of a query or INSERT, in order, as the validator infers them
     * from where they stand (the target column of an INSERT, the other operand of a comparison, ...).
     *
     * @throws SluiceException or Calcite's validation error (e.g. a parameter whose type nothing decides)
     */
    public List<io.sluice.storage.row.DataType> parameterTypes(SqlNode statement) {
        Validation v = validation();
        SqlNode validated = v.validator().validate(statement);
        List<io.sluice.storage.row.DataType> types = new ArrayList<>();
        var fields = v.validator().getParameterRowType(validated).getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            types.add(TypeMapping.toSluice(fields.get(i).getType(), "parameter " + (i + 1)));
        }
        return types;
    }

    /** One statement's validator over the catalog as it is now (validators hold state: never shared). */
    private record Validation(JavaTypeFactoryImpl typeFactory, CalciteCatalogReader reader, SqlValidator validator) {
    }

    private Validation validation() {
        JavaTypeFactoryImpl typeFactory = typeFactory();
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        for (StreamDef s : catalog.streams()) {
            root.add(s.name(), new StreamTable(s));
        }
        Properties props = new Properties();
        props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        CalciteConnectionConfig config = new CalciteConnectionConfigImpl(props);
        CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), typeFactory, config);
        SqlValidator validator = SqlValidatorUtil.newValidator(OPERATORS, reader, typeFactory,
                SqlValidator.Config.DEFAULT.withConformance(CONFORMANCE).withIdentifierExpansion(true)
                        // A string where a number belongs is a mistake to report with its position, not a CAST
                        // that fails row by row at run time.
                        .withTypeCoercionEnabled(false));
        return new Validation(typeFactory, reader, validator);
    }

    private PlannedStatement plan(SqlNode statement, PlanOptions options, boolean withWatermarks) {
        return plan(statement, options, withWatermarks, false);
    }

    /**
     * @param changes whether a query's result may be a changelog (EMIT CHANGES); a query that reads only
     *                tables (a pull query) may always have one
     */
    private PlannedStatement plan(SqlNode statement, PlanOptions options, boolean withWatermarks, boolean changes) {
        StartMode defaultStart = options.defaultStart();
        Validation v = validation();
        JavaTypeFactoryImpl typeFactory = v.typeFactory();
        CalciteCatalogReader reader = v.reader();
        SqlValidator validator = v.validator();
        SqlNode validated = validator.validate(statement);
        TemporalJoins.checkJoinTypes(validated);

        VolcanoPlanner volcano = new VolcanoPlanner();
        volcano.addRelTraitDef(ConventionTraitDef.INSTANCE);
        RexBuilder rexBuilder = new SluiceRexBuilder(typeFactory);
        RelOptCluster cluster = RelOptCluster.create(volcano, rexBuilder);
        // Reflective metadata handlers: halves the first query's latency (no Janino-generated handlers).
        cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(
                new ProxyingMetadataHandlerProvider(DefaultRelMetadataProvider.INSTANCE)));
        SqlToRelConverter converter = new SqlToRelConverter((rowType, query, schemaPath, viewPath) -> null,
                validator, reader, cluster, StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false).withHintStrategyTable(HINTS));
        RelRoot relRoot = converter.convertQuery(validated, false, true);
        RelNode rel = relRoot.project();

        long limit = Long.MAX_VALUE;
        if (rel instanceof Sort sort) {
            limit = limitOf(sort);
            rel = sort.getInput();
        }
        checkSupported(rel);

        HepProgramBuilder hep = new HepProgramBuilder()
                // first, or PROJECT_TO_CALC would hide ROW_NUMBER() OVER inside a Calc
                .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
                // a WHERE over a join: its conditions between both sides become the join's (equi-keys, time
                // bounds), those on one side go below it
                .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
                .addRuleInstance(CoreRules.JOIN_CONDITION_PUSH)
                .addRuleInstance(CoreRules.FILTER_TO_CALC)
                .addRuleInstance(CoreRules.PROJECT_TO_CALC)
                .addRuleInstance(CoreRules.CALC_MERGE)
                .addRuleInstance(CoreRules.CALC_REMOVE);
        HepPlanner hepPlanner = new HepPlanner(hep.build());
        hepPlanner.setRoot(rel);
        RelNode logical = TemporalJoins.rewrite(TopNRewrite.apply(hepPlanner.findBestExp(), rexBuilder), rexBuilder);

        for (RelOptRule r : StreamRules.rules(defaultStart)) {
            volcano.addRule(r);
        }
        volcano.setRoot(volcano.changeTraits(logical, logical.getTraitSet().replace(StreamRel.CONVENTION)));
        RelNode best = volcano.findBestExp();
        RelNode physical = Partitioning.apply(best, changes || readsOnlyTables(best));

        PlanBuilder builder = new PlanBuilder(rexBuilder, options, s -> withWatermarks ? watermark(s) : null);
        List<PlanNode> plans = builder.build(physical);
        Set<String> sources = new LinkedHashSet<>();
        String[] target = {null};
        collectStreams(physical, sources, target);
        String explain = builder.sharedNodes().isEmpty()
                ? RelOptUtil.dumpPlan("", physical, SqlExplainFormat.TEXT, SqlExplainLevel.EXPPLAN_ATTRIBUTES)
                : SharedPlanWriter.dump(physical, builder.sharedNodes());
        if (limit != Long.MAX_VALUE) {
            explain = "Limit(fetch=[" + limit + "])\n" + explain.replaceAll("(?m)^", "  ");
        }
        return new PlannedStatement(plans, plans.get(0).schema(), limit, new ArrayList<>(sources), target[0],
                explain.stripTrailing());
    }

    /** The standard operators plus CUMULATE, which Calcite lacks. */
    private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            SqlOperatorTables.of(SqlCumulateTableFunction.INSTANCE));

    private final Map<String, Optional<Expr>> watermarks = new ConcurrentHashMap<>();

    /**
     * A stream's watermark expression as Sluice IR over its row, planned from the SQL kept in the
     * catalog (as {@code SELECT expr FROM stream}); cached per stream, expression and columns.
     */
    private Expr watermark(StreamDef s) {
        WatermarkSpec w = s.watermark();
        if (w == null) {
            return null;
        }
        String key = s.name() + "\n" + w.expression() + "\n" + s.schema();
        return watermarks.computeIfAbsent(key, k -> {
            String sql = "SELECT " + w.expression() + " FROM `" + s.name().replace("`", "``") + "`";
            try {
                PlanNode plan = plan(SluiceParser.parseStatement(sql), PlanOptions.of(StartMode.EARLIEST), false, false)
                        .plans().get(0);
                if (plan instanceof CalcNode c && c.condition() == null && c.projects().size() == 1) {
                    return Optional.of(c.projects().get(0));
                }
                int col = s.schema().indexOf(w.column());
                return Optional.of(new InputRef(col, s.schema().type(col)));
            } catch (SqlParseException e) {
                throw new SluiceException(SluiceException.INTERNAL_ERROR, "the watermark of stream " + s.name()
                        + " cannot be read back: " + e.getMessage());
            }
        }).orElse(null);
    }

    private static long limitOf(Sort sort) {
        if (!sort.getCollation().getFieldCollations().isEmpty()) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED,
                    "ORDER BY is not supported on a stream: its rows keep arriving, so there is no last row to sort");
        }
        if (sort.offset != null) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "OFFSET is not supported on a stream");
        }
        RexNode fetch = sort.fetch;
        if (!(fetch instanceof RexLiteral lit)) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "LIMIT must be a number");
        }
        return ((Number) lit.getValueAs(Long.class)).longValue();
    }

    /** A query (no sink) whose every scan reads a table or a materialized view: a pull query. */
    private static boolean readsOnlyTables(RelNode rel) {
        if (rel instanceof StreamSink) {
            return false;
        }
        if (rel instanceof StreamTableScan scan) {
            return scan.stream().kind().isTable();
        }
        if (rel.getInputs().isEmpty()) {
            return false;
        }
        for (RelNode input : rel.getInputs()) {
            if (!readsOnlyTables(input)) {
                return false;
            }
        }
        return true;
    }

    private static void collectStreams(RelNode rel, Set<String> sources, String[] target) {
        if (rel instanceof StreamTableScan scan) {
            sources.add(scan.stream().name());
        } else if (rel instanceof StreamSink sink) {
            target[0] = sink.stream().name();
        }
        for (RelNode input : rel.getInputs()) {
            collectStreams(input, sources, target);
        }
    }

    /** Refuses, with a readable message, every relational construct the runtime cannot run yet. */
    private static void checkSupported(RelNode rel) {
        String problem = null;
        if (rel instanceof LogicalAggregate agg && agg.getGroupType() != Aggregate.Group.SIMPLE) {
            problem = "GROUPING SETS, ROLLUP and CUBE are not supported yet";
        } else if (rel instanceof LogicalJoin join && join.getJoinType() != JoinRelType.INNER
                && join.getJoinType() != JoinRelType.LEFT && join.getJoinType() != JoinRelType.RIGHT
                && join.getJoinType() != JoinRelType.FULL) {
            problem = join.getJoinType() + " joins (from IN or EXISTS sub-queries) are not supported yet";
        } else if (rel instanceof LogicalCorrelate c && TemporalJoins.isTemporal(c)) {
            checkSupported(c.getLeft()); // the right side is the table's snapshot, checked by isTemporal
            return;
        } else if (rel instanceof LogicalCorrelate) {
            problem = "correlated sub-queries are not supported yet";
        } else if (rel instanceof LogicalSnapshot) {
            problem = TemporalJoins.EVENT_TIME_ONLY;
        } else if (rel instanceof LogicalAggregate agg) {
            TopNRewrite.checkSessionKeys(agg);
        } else if (rel instanceof LogicalSort) {
            problem = "ORDER BY, LIMIT and OFFSET are supported only at the outermost level of a push query";
        } else if (rel instanceof LogicalWindow) {
            problem = "OVER windows are not supported yet; " + TopNRewrite.SUPPORTED;
        } else if (rel instanceof LogicalProject p && RexOver.containsOver(p.getProjects(), null)) {
            TopNRewrite.checkOver(p); // throws for anything but ROW_NUMBER
        } else if (rel instanceof LogicalTableFunctionScan scan) {
            WindowSpec.of(scan); // throws, naming the problem, for anything but a supported window
        } else if (rel instanceof LogicalIntersect || rel instanceof LogicalMinus) {
            problem = "INTERSECT and EXCEPT are not supported";
        } else if (rel instanceof LogicalUnion u && (!u.all || !onlyConstants(u))) {
            problem = "UNION of streams is not supported yet";
        } else if (!(rel instanceof LogicalTableScan || rel instanceof LogicalProject
                || rel instanceof LogicalFilter || rel instanceof LogicalCalc
                || rel instanceof LogicalValues || rel instanceof LogicalUnion
                || rel instanceof LogicalTableModify || rel instanceof LogicalAggregate
                || rel instanceof LogicalTableFunctionScan || rel instanceof LogicalJoin)) {
            problem = rel.getRelTypeName() + " is not supported yet";
        }
        if (problem != null) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, problem);
        }
        for (RelNode input : rel.getInputs()) {
            checkSupported(input);
        }
    }

    private static boolean onlyConstants(RelNode rel) {
        if (rel instanceof LogicalTableScan) {
            return false;
        }
        for (RelNode input : rel.getInputs()) {
            if (!onlyConstants(input)) {
                return false;
            }
        }
        return true;
    }
}
