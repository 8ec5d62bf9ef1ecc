package io.sluice.sql.exec;

import io.sluice.ColumnInfo;
import io.sluice.Result;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.SluiceConfig;
import io.sluice.SluiceException;
import io.sluice.Subscription;
import io.sluice.engine.StreamEngine;
import io.sluice.engine.catalog.PipelineDef;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.runtime.PushQuery;
import io.sluice.sql.codegen.JaninoCalcCompiler;
import io.sluice.sql.parser.SluiceParser;
import io.sluice.sql.parser.ddl.ObjectKind;
import io.sluice.sql.parser.ddl.SqlCreatePipeline;
import io.sluice.sql.parser.ddl.SqlCreateRelation;
import io.sluice.sql.parser.ddl.SqlCreateStream;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlCreateMaterializedView;
import io.sluice.sql.parser.ddl.SqlEmitChanges;
import io.sluice.engine.catalog.RelationKind;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;
import io.sluice.sql.parser.ddl.SqlDescribeObject;
import io.sluice.sql.parser.ddl.SqlDropObject;
import io.sluice.sql.parser.ddl.SqlExplainStatement;
import io.sluice.sql.parser.ddl.SqlResetProperty;
import io.sluice.sql.parser.ddl.SqlSetProperty;
import io.sluice.sql.parser.ddl.SqlShowObjects;
import io.sluice.sql.planner.PlanOptions;
import io.sluice.sql.planner.PlannedStatement;
import io.sluice.sql.planner.SluicePlanner;
import io.sluice.sql.planner.rel.StreamRules;
import io.sluice.storage.LogStore;
import io.sluice.storage.LogStores;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageException;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.RowSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Executes SQL statements against one engine: parses with Sluice's parser, handles catalog
 * statements directly, plans queries and INSERTs with {@link SluicePlanner}, and starts pipelines
 * and push queries on the {@link StreamEngine}. Thread-safe; statements that change the catalog are
 * serialized.
 */
public final class SluiceEngine implements AutoCloseable {
    static {
        // Before any Chronicle or Calcite class loads: Chronicle must not phone home, and Calcite's
        // string literals must be UTF-8.
        System.setProperty("chronicle.analytics.disable", "true");
        if (System.getProperty("calcite.default.charset") == null) {
            System.setProperty("calcite.default.charset", "UTF-8");
        }
    }

    private final SluiceConfig config;
    private final StreamEngine engine;
    private final SluicePlanner planner;
    private final Object ddlLock = new Object();
    private volatile StartMode sessionStart = StartMode.EARLIEST;
    private volatile boolean closed;

    /** SQLSTATE for a data directory that cannot be opened (PostgreSQL's io_error). */
    private static final String IO_ERROR = "58030";

    private SluiceEngine(SluiceConfig config, StreamEngine engine) {
        this.config = config;
        this.engine = engine;
        this.planner = new SluicePlanner(engine.catalog());
    }

    /**
     * Opens the data directory (the store locks it: one Sluice at a time), loads the catalog and
     * resumes every pipeline.
     */
    public static SluiceEngine start(SluiceConfig config) {
        LogStore store;
        try {
            store = LogStores.open(new StorageConfig(config.dataDir(), config.durability(), config.pretouchAheadBytes()));
        } catch (StorageException e) {
            throw new SluiceException(IO_ERROR, "Cannot open data directory " + config.dataDir().toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
        try {
            // on failure StreamEngine.start closes the store (and with it the directory's lock)
            return new SluiceEngine(config, StreamEngine.start(store, new JaninoCalcCompiler(), config.workers(),
                    config.sourceThreads(), config.checkpointInterval()));
        } catch (RuntimeException e) {
            throw e instanceof SluiceException s ? s : new SluiceException(SluiceException.INTERNAL_ERROR,
                    "Cannot start Sluice on " + config.dataDir().toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public io.sluice.engine.EngineMetrics metrics() {
        return engine.metrics();
    }

    public SluiceConfig config() {
        return config;
    }

    public Result execute(String sql) {
        List<SqlNode> statements = parse(sql);
        if (statements.size() != 1) {
            throw new SluiceException(SluiceException.SYNTAX_ERROR, statements.isEmpty()
                    ? "No statement to execute" : "execute() takes one statement, got " + statements.size()
                    + "; use executeScript()");
        }
        return run(statements.get(0));
    }

    /**
     * The {@code ?} parameters of one statement, in order, typed by where they stand (named {@code ?1},
     * {@code ?2}, ...). Only queries and INSERT take parameters.
     *
     * @throws SluiceException for a statement that does not parse, or a parameter whose type cannot be
     *                         inferred or that stands where parameters are not allowed
     */
    public List<ColumnInfo> parameters(String sql) {
        List<SqlNode> statements = parse(sql);
        if (statements.size() != 1) {
            throw new SluiceException(SluiceException.SYNTAX_ERROR, "Expected one statement, got " + statements.size());
        }
        SqlNode node = statements.get(0);
        if (!(node instanceof SqlInsert) && !node.getKind().belongsTo(SqlKind.QUERY)) {
            return List.of();
        }
        try {
            List<ColumnInfo> out = new ArrayList<>();
            for (io.sluice.storage.row.DataType t : planner.parameterTypes(node)) {
                out.add(new ColumnInfo("?" + (out.size() + 1), t));
            }
            return List.copyOf(out);
        } catch (RuntimeException e) {
            throw Errors.from(e);
        }
    }

    public List<Result> executeScript(String sql) {
        List<Result> results = new ArrayList<>();
        for (SqlNode statement : parse(sql)) {
            results.add(run(statement));
        }
        return results;
    }

    private static List<SqlNode> parse(String sql) {
        try {
            return SluiceParser.parseScript(sql);
        } catch (SqlParseException e) {
            throw Errors.syntax(e);
        }
    }

    private Result run(SqlNode node) {
        if (closed) {
            throw new SluiceException("08003", "This Sluice is closed");
        }
        try {
            return dispatch(node);
        } catch (RuntimeException e) {
            throw Errors.from(e);
        }
    }

    private Result dispatch(SqlNode node) {
        if (node instanceof SqlCreateStream create) {
            return createStream(create);
        }
        if (node instanceof SqlCreateTable create) {
            return createTable(create);
        }
        if (node instanceof SqlCreateMaterializedView create) {
            return createMaterializedView(create);
        }
        if (node instanceof SqlEmitChanges emit) {
            return queryChanges(emit.getQuery());
        }
        if (node instanceof SqlCreateRelation other) {
            throw notYet(other, "CREATE " + other.getObjectKind().keyword() + " is not supported yet; use CREATE STREAM");
        }
        if (node instanceof SqlCreatePipeline create) {
            return createPipeline(create);
        }
        if (node instanceof SqlDropObject drop) {
            return drop(drop);
        }
        if (node instanceof SqlShowObjects show) {
            return switch (show.getObjectKind()) {
                case STREAM -> Result.rows(CatalogViews.showStreams(engine));
                case TABLE -> Result.rows(CatalogViews.showTables(engine, RelationKind.TABLE));
                case MATERIALIZED_VIEW -> Result.rows(CatalogViews.showTables(engine, RelationKind.MATERIALIZED_VIEW));
                case PIPELINE -> Result.rows(CatalogViews.showPipelines(engine));
                default -> throw notYet(show, "SHOW " + show.getObjectKind().pluralKeyword() + " is not supported yet");
            };
        }
        if (node instanceof SqlDescribeObject describe) {
            return describe(describe.getObjectKind(), describe.getName());
        }
        if (node instanceof SqlDescribeTable describe) {
            return describe(null, describe.getTable());
        }
        if (node instanceof SqlExplainStatement explain) {
            return explain(explain.getStatement());
        }
        if (node instanceof SqlExplain explain) {
            return explain(explain.getExplicandum());
        }
        if (node instanceof SqlSetProperty set) {
            return set(set);
        }
        if (node instanceof SqlResetProperty reset) {
            if (reset.getKey() == null || reset.getKey().equalsIgnoreCase(StreamRules.STARTUP_MODE)) {
                sessionStart = StartMode.EARLIEST;
                return Result.ok("Reset.");
            }
            throw Errors.at(reset.getParserPosition(), SluiceException.INVALID_PARAMETER, "Unknown setting '"
                    + reset.getKey() + "'; the settings are '" + StreamRules.STARTUP_MODE + "'");
        }
        if (node instanceof SqlInsert insert) {
            return insert(insert, SluiceParser.toSql(insert));
        }
        if (node.getKind().belongsTo(SqlKind.QUERY)) {
            return query(node);
        }
        throw notYet(node, node.getKind() + " statements are not supported");
    }

    // ---- catalog statements

    private Result createStream(SqlCreateStream create) {
        return createRelation(StreamDdl.toStreamDef(create), create.isIfNotExists(), create.getName());
    }

    private Result createTable(SqlCreateTable create) {
        return createRelation(StreamDdl.toTableDef(create), create.isIfNotExists(), create.getName());
    }

    private Result createRelation(StreamDef def, boolean ifNotExists, SqlIdentifier id) {
        String what = title(def.kind());
        synchronized (ddlLock) {
            var existing = engine.catalog().stream(def.name());
            if (existing.isPresent()) {
                String other = title(existing.get().kind());
                if (ifNotExists && existing.get().kind() == def.kind()) {
                    return Result.ok(what + " " + def.name() + " already exists.");
                }
                throw Errors.at(id.getParserPosition(), SluiceException.DUPLICATE_OBJECT,
                        other + " '" + def.name() + "' already exists");
            }
            engine.createStream(def);
        }
        return Result.ok(what + " " + def.name() + " created."
                + engine.catalog().deadLetterStream(def.name()).map(d -> " Bad records go to stream " + d + ".").orElse(""));
    }

    /** "Stream", "Table", "Materialized view": how messages name a relation of that kind. */
    static String title(RelationKind kind) {
        String s = kind.sql().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * CREATE MATERIALIZED VIEW v AS query: a table whose primary key is the query's unique key (its GROUP
     * BY keys), written by a pipeline named v that runs INSERT INTO v query. The table is created first;
     * if the pipeline cannot be created, the table is dropped again.
     */
    private Result createMaterializedView(SqlCreateMaterializedView create) {
        String name = StreamDdl.simpleName(create.getName(), "materialized view");
        SqlParserPos at = create.getName().getParserPosition();
        int partitions = -1;
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        for (var o : create.getOptions()) {
            if (!o.getKey().equalsIgnoreCase(StreamDdl.PARTITIONS)) {
                throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Unknown option '"
                        + o.getKey() + "' for CREATE MATERIALIZED VIEW; the option is 'partitions'");
            }
            partitions = StreamDdl.partitions(o);
            options.put(StreamDdl.PARTITIONS, o.getValue());
        }
        synchronized (ddlLock) {
            var existing = engine.catalog().stream(name);
            if (existing.isPresent() || engine.catalog().pipeline(name).isPresent()) {
                if (create.isIfNotExists() && existing.isPresent()
                        && existing.get().kind() == RelationKind.MATERIALIZED_VIEW) {
                    return Result.ok("Materialized view " + name + " already exists.");
                }
                throw Errors.at(at, SluiceException.DUPLICATE_OBJECT, (existing.isPresent()
                        ? title(existing.get().kind()) + " '" + existing.get().name() : "Pipeline '" + name)
                        + "' already exists");
            }
            PlannedStatement query = planner.planChanges(create.getQuery(), PlanOptions.of(sessionStart));
            if (!query.readsStreams()) {
                throw Errors.at(create.getQuery().getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                        "A materialized view reads a stream or a table; its query has no FROM");
            }
            if (query.limit() != Long.MAX_VALUE) {
                throw Errors.at(create.getQuery().getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                        "LIMIT is not supported in a materialized view");
            }
            PlanNode plan = query.plans().get(0);
            int[] key = uniqueKey(plan);
            if (key == null || key.length == 0) {
                throw Errors.at(create.getQuery().getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                        "A materialized view keeps one row per key: its query needs a GROUP BY (the group keys, "
                        + "selected as they are, become the view's primary key)");
            }
            List<String> pk = new ArrayList<>();
            for (int k : key) {
                pk.add(query.schema().column(k).name());
            }
            for (Column c : query.schema().columns()) {
                if (c.name().startsWith("EXPR$")) {
                    throw Errors.at(create.getQuery().getParserPosition(), SluiceException.INVALID_PARAMETER,
                            "Every column of a materialized view needs a name: give the expression of column "
                            + (query.schema().indexOf(c.name()) + 1) + " one with AS");
                }
            }
            if (partitions < 0) {
                partitions = 1;
                for (String source : query.sources()) {
                    partitions = Math.max(partitions, engine.catalog().stream(source).orElseThrow().partitions());
                }
            }
            StreamDef def = new StreamDef(name, query.schema(), partitions, pk.get(0), null, options,
                    RelationKind.MATERIALIZED_VIEW, pk);
            engine.catalog().createStream(def);
            try {
                SqlInsert insert = new SqlInsert(create.getParserPosition(), SqlNodeList.EMPTY,
                        new SqlIdentifier(name, at), create.getQuery(), null);
                PlannedStatement planned = planner.plan(insert, PlanOptions.of(sessionStart));
                engine.createPipeline(name, SluiceParser.toSql(create), planned.plans().get(0), planned.sources(),
                        name);
            } catch (RuntimeException e) {
                engine.dropStream(name);
                throw e;
            }
        }
        return Result.ok("Materialized view " + name + " created.");
    }

    /**
     * The columns whose values identify a row of the plan's result: an aggregate's group keys (or a
     * table's primary key) that Calcs above it pass through unchanged; null if there is none.
     */
    private int[] uniqueKey(PlanNode node) {
        if (node instanceof AggregateNode a) {
            int[] k = new int[a.groupKeys().length];
            for (int i = 0; i < k.length; i++) {
                k[i] = i;
            }
            return k;
        }
        if (node instanceof io.sluice.engine.plan.ExchangeNode x) {
            return uniqueKey(x.input());
        }
        if (node instanceof io.sluice.engine.plan.ScanNode scan) {
            var def = engine.catalog().stream(scan.stream());
            return def.isPresent() && def.get().kind().isTable() ? def.get().primaryKeyIndexes() : null;
        }
        if (node instanceof io.sluice.engine.plan.CalcNode c) {
            int[] in = uniqueKey(c.input());
            if (in == null) {
                return null;
            }
            int[] out = new int[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = -1;
                for (int j = 0; j < c.projects().size() && out[i] < 0; j++) {
                    if (c.projects().get(j) instanceof io.sluice.engine.plan.expr.InputRef r && r.index() == in[i]) {
                        out[i] = j;
                    }
                }
                if (out[i] < 0) {
                    return null;
                }
            }
            return out;
        }
        return null;
    }

    private Result drop(SqlDropObject drop) {
        String name = StreamDdl.simpleName(drop.getName(), drop.getObjectKind().keyword().toLowerCase(Locale.ROOT));
        synchronized (ddlLock) {
            switch (drop.getObjectKind()) {
                case TABLE, MATERIALIZED_VIEW -> {
                    return dropTable(drop, name);
                }
                case STREAM -> {
                    var s = engine.catalog().stream(name);
                    if (s.isPresent() && s.get().kind().isTable()) {
                        throw Errors.at(drop.getName().getParserPosition(), SluiceException.UNDEFINED_OBJECT,
                                "'" + s.get().name() + "' is a " + s.get().kind().sql().toLowerCase(Locale.ROOT)
                                + ", not a stream: use DROP " + s.get().kind().sql());
                    }
                    if (engine.catalog().stream(name).isEmpty()) {
                        if (drop.isIfExists()) {
                            return Result.ok("Stream " + name + " does not exist.");
                        }
                        throw Errors.at(drop.getName().getParserPosition(), SluiceException.UNDEFINED_OBJECT,
                                "Stream '" + name + "' not found");
                    }
                    try {
                        engine.dropStream(name);
                    } catch (io.sluice.engine.catalog.CatalogException e) {
                        throw Errors.at(drop.getName().getParserPosition(), SluiceException.OBJECT_IN_USE, e.getMessage());
                    }
                    return Result.ok("Stream " + name + " dropped.");
                }
                case PIPELINE -> {
                    var view = engine.catalog().stream(name);
                    if (engine.catalog().pipeline(name).isPresent() && view.isPresent()
                            && view.get().kind() == RelationKind.MATERIALIZED_VIEW) {
                        throw Errors.at(drop.getName().getParserPosition(), SluiceException.OBJECT_IN_USE,
                                "Pipeline " + name + " maintains materialized view " + view.get().name()
                                + ": use DROP MATERIALIZED VIEW " + view.get().name());
                    }
                    if (engine.catalog().pipeline(name).isEmpty()) {
                        if (drop.isIfExists()) {
                            return Result.ok("Pipeline " + name + " does not exist.");
                        }
                        throw Errors.at(drop.getName().getParserPosition(), SluiceException.UNDEFINED_OBJECT,
                                "Pipeline '" + name + "' not found");
                    }
                    engine.dropPipeline(name);
                    return Result.ok("Pipeline " + name + " dropped.");
                }
                default -> throw notYet(drop, "DROP " + drop.getObjectKind().keyword() + " is not supported yet");
            }
        }
    }

    /** DROP TABLE or DROP MATERIALIZED VIEW (the view's pipeline first, then its table and rows). */
    private Result dropTable(SqlDropObject drop, String name) {
        RelationKind want = drop.getObjectKind() == ObjectKind.TABLE ? RelationKind.TABLE
                : RelationKind.MATERIALIZED_VIEW;
        var s = engine.catalog().stream(name);
        if (s.isEmpty() || !s.get().kind().isTable()) {
            if (drop.isIfExists() && s.isEmpty()) {
                return Result.ok(title(want) + " " + name + " does not exist.");
            }
            throw Errors.at(drop.getName().getParserPosition(), SluiceException.UNDEFINED_OBJECT, s.isEmpty()
                    ? title(want) + " '" + name + "' not found"
                    : "'" + s.get().name() + "' is a stream, not a " + want.sql().toLowerCase(Locale.ROOT)
                    + ": use DROP STREAM");
        }
        StreamDef def = s.get();
        if (def.kind() != want) {
            throw Errors.at(drop.getName().getParserPosition(), SluiceException.UNDEFINED_OBJECT, "'" + def.name()
                    + "' is a " + def.kind().sql().toLowerCase(Locale.ROOT) + ": use DROP " + def.kind().sql());
        }
        if (want == RelationKind.MATERIALIZED_VIEW && engine.catalog().pipeline(def.name()).isPresent()) {
            engine.dropPipeline(def.name());
        }
        try {
            engine.dropStream(def.name());
        } catch (io.sluice.engine.catalog.CatalogException e) {
            throw Errors.at(drop.getName().getParserPosition(), SluiceException.OBJECT_IN_USE, e.getMessage()
                    .replace("Cannot drop stream", "Cannot drop " + want.sql().toLowerCase(Locale.ROOT)));
        }
        return Result.ok(title(want) + " " + def.name() + " dropped.");
    }

    private Result describe(ObjectKind kind, SqlIdentifier id) {
        String name = StreamDdl.simpleName(id, "stream or pipeline");
        if (kind == null || kind == ObjectKind.STREAM || kind == ObjectKind.TABLE
                || kind == ObjectKind.MATERIALIZED_VIEW) {
            var s = engine.catalog().stream(name);
            RelationKind want = kind == null ? null : kind == ObjectKind.STREAM ? RelationKind.STREAM
                    : kind == ObjectKind.TABLE ? RelationKind.TABLE : RelationKind.MATERIALIZED_VIEW;
            if (s.isPresent() && (want == null || s.get().kind() == want)) {
                return Result.rows(CatalogViews.describeStream(engine, s.get()));
            }
            if (want != null) {
                throw Errors.at(id.getParserPosition(), SluiceException.UNDEFINED_OBJECT, title(want) + " '" + name
                        + "' not found" + (s.isPresent() ? " ('" + s.get().name() + "' is a "
                        + s.get().kind().sql().toLowerCase(Locale.ROOT) + ")" : ""));
            }
        }
        if (kind == null || kind == ObjectKind.PIPELINE) {
            var p = engine.catalog().pipeline(name);
            if (p.isPresent()) {
                return Result.rows(CatalogViews.describePipeline(engine, p.get()));
            }
        }
        String what = kind == null ? "Stream or pipeline" : kind == ObjectKind.STREAM ? "Stream" : "Pipeline";
        throw Errors.at(id.getParserPosition(), SluiceException.UNDEFINED_OBJECT, what + " '" + name + "' not found");
    }

    private Result set(SqlSetProperty set) {
        if (!set.getKey().equalsIgnoreCase(StreamRules.STARTUP_MODE)) {
            throw Errors.at(set.getParserPosition(), SluiceException.INVALID_PARAMETER, "Unknown setting '"
                    + set.getKey() + "'; the settings are '" + StreamRules.STARTUP_MODE + "'");
        }
        StartMode mode = StartMode.fromOption(set.getValue());
        if (mode == null) {
            throw Errors.at(set.getParserPosition(), SluiceException.INVALID_PARAMETER, "Bad value '" + set.getValue()
                    + "' for '" + StreamRules.STARTUP_MODE + "': use 'earliest-offset' or 'latest-offset'");
        }
        sessionStart = mode;
        return Result.ok("Set " + StreamRules.STARTUP_MODE + " = " + mode.option() + ".");
    }

    // ---- queries and inserts

    private Result explain(SqlNode statement) {
        if (statement instanceof SqlCreateMaterializedView view) {
            // the view's query; its pipeline writes that changelog into the view's table
            PlannedStatement planned = planner.planChanges(view.getQuery(), PlanOptions.of(sessionStart));
            return Result.rows(CatalogViews.lines("plan", planned.explain() + "\n\nA pipeline writes this "
                    + "changelog into materialized view " + view.getName() + ", keyed by the GROUP BY columns"));
        }
        SqlNode target = statement instanceof SqlCreatePipeline p ? p.getInsert() : statement;
        if (!(target instanceof SqlInsert) && !target.getKind().belongsTo(SqlKind.QUERY)) {
            throw notYet(statement, "EXPLAIN takes a query, an INSERT or a CREATE PIPELINE");
        }
        PlannedStatement planned = planner.explain(target, sessionStart);
        StringBuilder text = new StringBuilder(planned.explain());
        if (planned.readsStreams()) {
            PlanNode plan = planned.plans().get(0);
            int exchanges = countExchanges(plan);
            boolean stateful = exchanges > 0 || hasAggregate(plan);
            if (planned.target() == null && stateful) {
                text.append("\n\n1 task: reads every partition of ").append(String.join(", ", planned.sources()))
                        .append(" and runs the whole query (exchanges pass rows straight through)");
            } else if (exchanges > 0) {
                // a subtree computed once for two exchanges runs in one stage that writes both
                int stages = plan instanceof io.sluice.engine.plan.StreamSinkNode sink
                        ? io.sluice.engine.runtime.TaskRuntime.stageCount(sink) : exchanges + 1;
                text.append("\n\n").append(stages).append(" stages: each exchange is an internal stream of ")
                        .append("the pipeline; the tasks below it (one per partition of what they read) append to it ")
                        .append("by the exchange's keys, the tasks above it read one partition of it each");
            } else {
                for (String source : planned.sources()) {
                    StreamDef s = engine.catalog().stream(source).orElseThrow();
                    text.append("\n\n").append(s.partitions()).append(s.partitions() == 1 ? " task" : " tasks")
                            .append(": one per partition of ").append(s.name())
                            .append(planned.target() != null ? ", each writing to every partition of "
                                    + planned.target() + " by its routing" : ", each feeding the query's consumer");
                }
            }
        }
        return Result.rows(CatalogViews.lines("plan", text.toString()));
    }

    private Result query(SqlNode query) {
        PlannedStatement planned = planner.plan(query, sessionStart);
        if (!planned.readsStreams()) {
            // SELECT 1 + 1, SELECT ... FROM (VALUES ...): constant rows, all there at once
            List<ColumnInfo> cols = columns(planned);
            List<Row> rows = new ArrayList<>();
            for (Object[] values : engine.evaluate(planned.plans())) {
                if (rows.size() < planned.limit()) {
                    rows.add(new ResultRow(cols, values, io.sluice.storage.row.RowKind.INSERT));
                }
            }
            return Result.rows(new ListRows(cols, rows));
        }
        if (readsOnlyTables(planned)) {
            return pull(planned);
        }
        PushQuery q = engine.query(planned.plans().get(0), planned.limit());
        return Result.rows(new QueryRows(q, columns(planned)));
    }

    /** Whether every relation the statement reads is a table or a materialized view. */
    private boolean readsOnlyTables(PlannedStatement planned) {
        if (!planned.readsStreams()) {
            return false;
        }
        for (String source : planned.sources()) {
            var s = engine.catalog().stream(source);
            if (s.isEmpty() || !s.get().kind().isTable()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A pull query: SELECT over a table or materialized view without EMIT CHANGES answers from the
     * current rows at once and ends (every row acknowledged before it is seen).
     */
    private Result pull(PlannedStatement planned) {
        PlanNode plan = planned.plans().get(0);
        boolean linear;
        try {
            io.sluice.engine.plan.LinearPlan.of(plan);
            linear = true;
        } catch (IllegalArgumentException e) {
            linear = false;
        }
        if (!linear) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "A pull query over "
                    + String.join(", ", planned.sources()) + " filters and projects its current rows; aggregates "
                    + "over a table are not supported in pull queries yet: add EMIT CHANGES to stream the "
                    + "aggregate's changelog, or CREATE MATERIALIZED VIEW");
        }
        List<ColumnInfo> cols = columns(planned);
        List<Row> rows = new ArrayList<>();
        for (Object[] values : engine.pull(plan, planned.limit())) {
            rows.add(new ResultRow(cols, values, io.sluice.storage.row.RowKind.INSERT));
        }
        return Result.rows(new ListRows(cols, rows));
    }

    /**
     * SELECT ... EMIT CHANGES: a push query that streams the changelog of its result, each row led by a
     * column {@code op} holding its kind ({@code +I}, {@code -U}, {@code +U}, {@code -D}), also given
     * by {@link Row#kind()}.
     */
    private Result queryChanges(SqlNode query) {
        PlannedStatement planned = planner.planChanges(query, PlanOptions.of(sessionStart));
        if (!planned.readsStreams()) {
            throw notYet(query, "EMIT CHANGES needs a query that reads a stream, a table or a view");
        }
        PushQuery q = engine.query(planned.plans().get(0), planned.limit(), true);
        return Result.rows(new QueryRows(q, changeColumns(planned), true));
    }

    /** The name of the column that leads every row of an EMIT CHANGES query with the row's kind. */
    public static final String OP_COLUMN = "op";

    private static List<ColumnInfo> changeColumns(PlannedStatement planned) {
        List<ColumnInfo> cols = new ArrayList<>();
        cols.add(new ColumnInfo(OP_COLUMN, io.sluice.storage.row.DataType.of(io.sluice.storage.row.TypeKind.VARCHAR)
                .withNullable(false)));
        cols.addAll(columns(planned));
        return List.copyOf(cols);
    }

    private static List<ColumnInfo> columns(PlannedStatement planned) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (Column c : planned.schema().columns()) {
            cols.add(new ColumnInfo(c.name(), c.type()));
        }
        return List.copyOf(cols);
    }

    private Result insert(SqlInsert insert, String sql) {
        checkWritable(insert);
        PlannedStatement planned = planner.plan(insert, sessionStart);
        refuseSourceTarget(planned.target(), insert);
        if (!planned.readsStreams()) {
            long n = engine.insert(planned.plans());
            return Result.update(n, n + (n == 1 ? " row" : " rows") + " inserted.");
        }
        synchronized (ddlLock) {
            String name = engine.catalog().uniquePipelineName("insert_" + planned.target().toLowerCase(Locale.ROOT));
            startPipeline(name, sql, planned, insert);
            return Result.ok("Pipeline " + name + " started: it writes into " + planned.target()
                    + " until dropped (DROP PIPELINE " + name + ").");
        }
    }

    private Result createPipeline(SqlCreatePipeline create) {
        String name = StreamDdl.simpleName(create.getName(), "pipeline");
        PlanOptions options = pipelineOptions(create);
        checkWritable(create.getInsert());
        PlannedStatement planned = planner.plan(create.getInsert(), options);
        checkLateStream(planned, options, create);
        if (!planned.readsStreams()) {
            throw Errors.at(create.getInsert().getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                    "A pipeline reads from a stream; to write constant rows use INSERT ... VALUES");
        }
        synchronized (ddlLock) {
            if (engine.catalog().pipeline(name).isPresent()) {
                if (create.isIfNotExists()) {
                    return Result.ok("Pipeline " + name + " already exists.");
                }
                throw Errors.at(create.getName().getParserPosition(), SluiceException.DUPLICATE_OBJECT,
                        "Pipeline '" + name + "' already exists");
            }
            startPipeline(name, SluiceParser.toSql(create), planned, create.getInsert());
        }
        return Result.ok("Pipeline " + name + " created.");
    }

    /** A materialized view is written only by its own pipeline. */
    private void checkWritable(SqlInsert insert) {
        if (!(insert.getTargetTable() instanceof SqlIdentifier id) || !id.isSimple()) {
            return; // the planner reports it
        }
        var target = engine.catalog().stream(id.getSimple());
        if (target.isPresent() && target.get().kind() == RelationKind.MATERIALIZED_VIEW) {
            throw Errors.at(insert.getTargetTable().getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                    "Materialized view " + target.get().name() + " is written only by its query; INSERT into a "
                    + "TABLE instead");
        }
    }

    /**
     * Pipeline options: {@code 'late.stream'} (where late rows go), {@code 'idle.timeout.ms'} and
     * {@code 'state.ttl.ms'} (event time a regular join keeps rows, a deduplication its keys).
     */
    private PlanOptions pipelineOptions(SqlCreatePipeline create) {
        String late = null;
        long idle = PlanOptions.DEFAULT_IDLE_TIMEOUT_MS;
        long ttl = 0;
        for (var o : create.getOptions()) {
            String k = o.getKey().toLowerCase(Locale.ROOT);
            switch (k) {
                case LATE_STREAM -> {
                    late = o.getValue();
                    if (engine.catalog().stream(late).isEmpty()) {
                        throw Errors.at(o.getParserPosition(), SluiceException.UNDEFINED_OBJECT, "Option '"
                                + LATE_STREAM + "' names stream '" + late + "', which does not exist");
                    }
                    late = engine.catalog().stream(late).get().name();
                }
                case IDLE_TIMEOUT -> {
                    try {
                        idle = Long.parseLong(o.getValue().trim());
                    } catch (NumberFormatException e) {
                        idle = -1;
                    }
                    if (idle < 0) {
                        throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Option '"
                                + IDLE_TIMEOUT + "' is a whole number of milliseconds (0: never idle), not '"
                                + o.getValue() + "'");
                    }
                }
                case STATE_TTL -> {
                    try {
                        ttl = Long.parseLong(o.getValue().trim());
                    } catch (NumberFormatException e) {
                        ttl = -1;
                    }
                    if (ttl < 0) {
                        throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Option '"
                                + STATE_TTL + "' is a whole number of milliseconds of event time (0: keep state "
                                + "forever), not '" + o.getValue() + "'");
                    }
                }
                default -> throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Unknown option '"
                        + o.getKey() + "' for CREATE PIPELINE; the options are '" + LATE_STREAM + "', '"
                        + IDLE_TIMEOUT + "' and '" + STATE_TTL + "' (a source's start is a table hint such as "
                        + "/*+ OPTIONS('scan.startup.mode'='latest-offset') */)");
            }
        }
        return new PlanOptions(sessionStart, late, idle, ttl);
    }

    static final String LATE_STREAM = "late.stream";
    static final String IDLE_TIMEOUT = "idle.timeout.ms";
    /** How long, in event time, a regular join keeps each row and a deduplication each key (see {@link PlanOptions#stateTtlMs()}). */
    static final String STATE_TTL = "state.ttl.ms";

    /** The late-row stream must take the rows of every windowed aggregate that sends it some. */
    private void checkLateStream(PlannedStatement planned, PlanOptions options, SqlCreatePipeline create) {
        if (options.lateStream() == null) {
            return;
        }
        StreamDef late = engine.catalog().stream(options.lateStream()).orElseThrow();
        List<io.sluice.engine.plan.WindowNode> windows = new ArrayList<>();
        collectLateAwareWindows(planned.plans().get(0), windows);
        if (windows.isEmpty() && hasSessionAggregate(planned.plans().get(0))) {
            throw Errors.at(create.getParserPosition(), SluiceException.INVALID_PARAMETER, "Option '" + LATE_STREAM
                    + "': late rows of SESSION windows are counted (late_rows) but cannot be sent to a stream yet");
        }
        if (windows.isEmpty()) {
            throw Errors.at(create.getParserPosition(), SluiceException.INVALID_PARAMETER, "Option '" + LATE_STREAM
                    + "': this pipeline has no windowed aggregate, so no row can be late");
        }
        for (io.sluice.engine.plan.WindowNode w : windows) {
            RowSchema in = w.input().schema();
            boolean fits = in.size() == late.schema().size();
            for (int i = 0; fits && i < in.size(); i++) {
                fits = in.type(i).kind() == late.schema().type(i).kind();
            }
            if (!fits) {
                StringBuilder cols = new StringBuilder();
                for (Column c : in.columns()) {
                    cols.append(cols.length() == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type().sql());
                }
                throw Errors.at(create.getParserPosition(), SluiceException.DATATYPE_MISMATCH, "Late rows of this "
                        + "pipeline have the columns (" + cols + "), which stream " + late.name() + " does not match "
                        + "(the rows of the windowed stream go there as they are)");
            }
        }
    }

    private static int countExchanges(PlanNode node) {
        int n = node instanceof io.sluice.engine.plan.ExchangeNode ? 1 : 0;
        for (PlanNode in : node.inputs()) {
            n += countExchanges(in);
        }
        return n;
    }

    private static boolean hasAggregate(PlanNode node) {
        return node instanceof AggregateNode || node instanceof io.sluice.engine.plan.RankNode
                || node instanceof io.sluice.engine.plan.OverNode
                || node instanceof io.sluice.engine.plan.SessionAggregateNode
                || node.inputs().stream().anyMatch(SluiceEngine::hasAggregate);
    }

    private static boolean hasSessionAggregate(PlanNode node) {
        return node instanceof io.sluice.engine.plan.SessionAggregateNode
                || node.inputs().stream().anyMatch(SluiceEngine::hasSessionAggregate);
    }

    private static void collectLateAwareWindows(PlanNode node, List<io.sluice.engine.plan.WindowNode> out) {
        if (node instanceof io.sluice.engine.plan.WindowNode w && w.dropLate()) {
            out.add(w);
        }
        node.inputs().forEach(i -> collectLateAwareWindows(i, out));
    }

    /** A stream filled by its source connector (or a dead-letter stream) takes no other writer. */
    private void refuseSourceTarget(String target, SqlInsert insert) {
        String owner = engine.catalog().dlqOwner(target);
        if (engine.catalog().sourceId(target) >= 0 || owner != null) {
            throw Errors.at(insert.getTargetTable().getParserPosition(), WRONG_OBJECT_TYPE, "Stream '" + target + "' is "
                    + (owner != null ? "the dead-letter stream of " + owner : "filled by its source connector")
                    + " and takes no other writes");
        }
    }

    /** SQLSTATE for a statement on an object of the wrong kind (PostgreSQL's wrong_object_type). */
    private static final String WRONG_OBJECT_TYPE = "42809";

    private void startPipeline(String name, String sql, PlannedStatement planned, SqlInsert insert) {
        refuseSourceTarget(planned.target(), insert);
        for (String source : planned.sources()) {
            if (source.equalsIgnoreCase(planned.target())) {
                throw Errors.at(insert.getTargetTable().getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                        "A pipeline cannot write into the stream it reads (" + source + "): it would read its own output forever");
            }
        }
        engine.createPipeline(name, sql, planned.plans().get(0), planned.sources(), planned.target());
    }

    private static SluiceException notYet(SqlNode node, String message) {
        return Errors.at(node.getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED, message);
    }

    // ---- subscriptions and connections

    public Subscription subscribe(String sql, Consumer<Row> onRow) {
        List<SqlNode> statements = parse(sql);
        boolean changes = statements.size() == 1 && statements.get(0) instanceof SqlEmitChanges;
        if (statements.size() != 1 || !changes && !statements.get(0).getKind().belongsTo(SqlKind.QUERY)) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "subscribe() takes one SELECT");
        }
        try {
            PlannedStatement planned = changes
                    ? planner.planChanges(((SqlEmitChanges) statements.get(0)).getQuery(), PlanOptions.of(sessionStart))
                    : planner.plan(statements.get(0), sessionStart);
            if (!changes && readsOnlyTables(planned)) {
                throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "subscribe() to a table or "
                        + "materialized view streams its changes: end the query with EMIT CHANGES");
            }
            List<ColumnInfo> cols = changes ? changeColumns(planned) : columns(planned);
            PushQuery q = engine.subscribe(planned.plans().get(0), planned.limit(), changes,
                    values -> onRow.accept(new ResultRow(cols, values, changes ? QueryRows.kindOf(values)
                            : io.sluice.storage.row.RowKind.INSERT)));
            return new CallbackSubscription(q);
        } catch (RuntimeException e) {
            throw Errors.from(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
    }
}
