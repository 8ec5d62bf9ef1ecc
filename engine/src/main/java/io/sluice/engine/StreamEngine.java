package io.sluice.engine;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.PipelineDef;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.operator.CalcChain;
import io.sluice.engine.operator.RowConstraints;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.LinearPlan;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.StreamSinkNode;
import io.sluice.engine.plan.ValuesNode;
import io.sluice.engine.connector.ConnectorSpec;
import io.sluice.engine.connector.DeadLetters;
import io.sluice.engine.runtime.ConnectorRuntime;
import io.sluice.engine.runtime.ConnectorStatus;
import io.sluice.engine.runtime.PipelineStatus;
import io.sluice.engine.runtime.PushQuery;
import io.sluice.engine.runtime.TaskRuntime;
import io.sluice.engine.table.TableState;
import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine on one data directory: the catalog, the worker pool, and every running pipeline and
 * push query. The {@code sql} layer plans statements and calls this with Sluice plans.
 *
 * <p>Thread-safe. {@link #close()} stops every task (pipelines checkpoint as they stop) and closes the
 * store.
 */
public final class StreamEngine implements AutoCloseable {
    private final LogStore store;
    private final Catalog catalog;
    private final TaskRuntime runtime;
    private final ConnectorRuntime connectors;
    /** The materialized state of each table and view that was read or written since start, by lower-case name. */
    private final java.util.Map<String, TableState> tables = new java.util.concurrent.ConcurrentHashMap<>();

    private StreamEngine(LogStore store, Catalog catalog, TaskRuntime runtime, ConnectorRuntime connectors) {
        this.store = store;
        this.catalog = catalog;
        this.runtime = runtime;
        this.connectors = connectors;
    }

    /**
     * Loads the catalog from {@code store} and resumes every pipeline from its checkpoint.
     *
     * @param workers            worker threads
     * @param checkpointInterval milliseconds between a pipeline task's checkpoints
     */
    public static StreamEngine start(LogStore store, CalcCompiler compiler, int workers, long checkpointInterval) {
        return start(store, compiler, workers, 0, checkpointInterval);
    }

    /**
     * Like {@link #start(LogStore, CalcCompiler, int, long)}, with {@code sourceThreads} threads that run
     * only the connectors' source tasks (0: they run on the workers; see {@link TaskRuntime}).
     */
    public static StreamEngine start(LogStore store, CalcCompiler compiler, int workers, int sourceThreads,
                                     long checkpointInterval) {
        TaskRuntime runtime = null;
        try {
            Catalog catalog = Catalog.load(store);
            runtime = new TaskRuntime(catalog, compiler, workers, sourceThreads, checkpointInterval);
            for (PipelineDef p : catalog.pipelines()) {
                // One pipeline that cannot start (say, its plan needs something this build lacks) must
                // not keep the data directory from opening: it shows as FAILED with the reason.
                try {
                    runtime.startPipeline(p);
                } catch (RuntimeException e) {
                    runtime.failed(p, e);
                }
            }
            ConnectorRuntime connectors = new ConnectorRuntime(catalog, runtime, checkpointInterval);
            connectors.startAll();
            return new StreamEngine(store, catalog, runtime, connectors);
        } catch (RuntimeException e) {
            try {
                if (runtime != null) {
                    runtime.close();
                }
            } finally {
                store.close();
            }
            throw e;
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Records a new pipeline and starts it. Its code is compiled first, so a plan that cannot run is
     * refused before anything is recorded; where it starts reading (and the output's end, for
     * recovery) is part of its one catalog entry, so a crash at any moment leaves either no pipeline
     * or one that starts correctly.
     */
    public PipelineDef createPipeline(String name, String sql, PlanNode plan, List<String> sources, String target) {
        if (!(plan instanceof StreamSinkNode sink)) {
            throw new IllegalArgumentException("a pipeline reads a stream and writes a stream");
        }
        ScanNode scan = firstScan(plan);
        if (scan == null) {
            throw new IllegalArgumentException("a pipeline reads a stream and writes a stream");
        }
        PartitionedLog in = catalog.log(stream(scan.stream()));
        PartitionedLog out = catalog.log(stream(sink.stream()));
        runtime.check(plan); // compile now: throws if the plan cannot run
        long[] outEnds = new long[out.partitionCount()];
        for (int p = 0; p < outEnds.length; p++) {
            outEnds[p] = out.partition(p).endOffset();
        }
        long[] startAfter = startOffsets(scan, in);
        // every stream read gets its own start (a join reads two); a stream read twice starts once
        java.util.Map<String, long[]> sourceStarts = new java.util.LinkedHashMap<>();
        for (ScanNode s : scans(plan, new ArrayList<>())) {
            sourceStarts.computeIfAbsent(s.stream().toLowerCase(java.util.Locale.ROOT),
                    k -> startOffsets(s, catalog.log(stream(s.stream()))));
        }
        PipelineDef def = catalog.createPipeline(name, sql, plan, sources, target, startAfter, outEnds, sourceStarts);
        runtime.startPipeline(def);
        return def;
    }

    private static long[] startOffsets(ScanNode scan, PartitionedLog in) {
        long[] startAfter = new long[in.partitionCount()];
        for (int p = 0; p < startAfter.length; p++) {
            startAfter[p] = scan.startMode() == StartMode.LATEST ? in.partition(p).endOffset() : LogReader.NO_OFFSET;
        }
        return startAfter;
    }

    private static List<ScanNode> scans(PlanNode node, List<ScanNode> out) {
        if (node instanceof ScanNode s) {
            out.add(s);
        }
        node.inputs().forEach(i -> scans(i, out));
        return out;
    }

    private static ScanNode firstScan(PlanNode node) {
        if (node instanceof ScanNode s) {
            return s;
        }
        for (PlanNode in : node.inputs()) {
            ScanNode s = firstScan(in);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * Drops a stream and its rows; push queries reading it end with an error saying so.
     *
     * @throws io.sluice.engine.catalog.CatalogException if absent, or if a pipeline uses it
     */
    public void dropStream(String name) {
        StreamDef def = stream(name);
        connectors.stop(def.name()); // its tasks checkpoint and let go of the logs before they are deleted
        try {
            catalog.dropStream(name);
            tables.remove(name.toLowerCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            if (def.options().containsKey(ConnectorSpec.CONNECTOR)) {
                connectors.start(def); // refused (a pipeline uses it): the connector carries on
            }
            throw e;
        }
        runtime.streamDropped(name);
        catalog.deadLetterStream(def.name()).ifPresent(runtime::streamDropped);
    }

    /**
     * Creates a stream. With a {@code 'connector'} option the declaration is resolved and every option
     * checked first (a {@link io.sluice.engine.connector.ConnectorException} naming the option at
     * fault creates nothing); a stream filled by a source is created with its dead-letter stream, and
     * the connector's tasks start.
     *
     * @throws io.sluice.engine.catalog.CatalogException EXISTS if the name (or the dead-letter stream's) is taken
     */
    public StreamDef createStream(StreamDef def) {
        java.util.Optional<ConnectorSpec> spec = ConnectorSpec.resolve(def.name(), def.schema(), def.partitions(),
                def.options());
        if (spec.isEmpty()) {
            return catalog.createStream(def);
        }
        if (spec.get().isSink()) {
            catalog.createStream(def);
        } else {
            catalog.createSourceStream(def, new StreamDef(DeadLetters.streamName(def.name()), DeadLetters.SCHEMA, 1,
                    null, null, java.util.Map.of()));
        }
        connectors.start(def);
        return def;
    }

    /** The status of a stream's connector; empty for a stream without one. */
    public java.util.Optional<ConnectorStatus> connectorStatus(String stream) {
        return connectors.status(stream);
    }

    /**
     * The current rows of a table or materialized view (built from its log on first use, kept in
     * memory after that).
     *
     * @throws IllegalArgumentException if {@code name} is a stream
     */
    public TableState tableState(String name) {
        StreamDef def = stream(name);
        if (!def.kind().isTable()) {
            throw new IllegalArgumentException(def.name() + " is a stream, not a table");
        }
        return tables.compute(name.toLowerCase(java.util.Locale.ROOT), (k, existing) ->
                existing != null && existing.table().equals(def) ? existing : new TableState(def, catalog.log(def)));
    }

    /**
     * Runs a pull query on the calling thread: the plan's Calcs (filter, projection) over the current
     * rows of the one table or view it scans, as of now: every row acknowledged before the call is
     * seen. Bounded: returns once every current row was considered.
     *
     * @return the result rows, values in internal representation, with each row's kind (+I for a key
     *         never updated, +U for one updated since it was first written)
     * @throws IllegalArgumentException if the plan is not a chain of Calcs over a scan of a table
     */
    public List<Object[]> pull(PlanNode plan, long limit) {
        LinearPlan lp = LinearPlan.of(plan);
        if (!(lp.source() instanceof ScanNode scan) || lp.sink() != null) {
            throw new IllegalArgumentException("a pull query filters and projects the rows of one table");
        }
        CalcChain chain = new CalcChain(lp.calcs(), runtime.compiler());
        List<Object[]> out = new java.util.ArrayList<>();
        tableState(scan.stream()).scan(row -> {
            if (out.size() < limit) {
                RowReader r = chain.apply(row);
                if (r != null) {
                    out.add(r.toArray());
                }
            }
        });
        return out;
    }

    /** Stops a pipeline's tasks and removes it from the catalog; rows it wrote stay. */
    public void dropPipeline(String name) {
        PipelineDef def = catalog.pipeline(name).orElseThrow(() -> new io.sluice.engine.catalog.CatalogException(
                io.sluice.engine.catalog.CatalogException.Reason.NOT_FOUND, "Pipeline '" + name + "' not found"));
        runtime.stopPipeline(def.name());
        catalog.dropPipeline(def.name());
    }

    /** A snapshot of the engine's counters. */
    public EngineMetrics metrics() {
        return new EngineMetrics(runtime.runningTasks(), store.openReaders(), runtime.workerErrors());
    }

    public PipelineStatus status(String pipeline) {
        return runtime.status(pipeline);
    }

    /** Starts a push query over a plan with no sink; at most {@code limit} rows (Long.MAX_VALUE: none). */
    public PushQuery query(PlanNode plan, long limit) {
        return runtime.query(plan, limit);
    }

    /**
     * Starts a push query; with {@code withKinds} (EMIT CHANGES) each row's values start with its
     * kind's short name: {@code +I}, {@code -U}, {@code +U} or {@code -D}.
     */
    public PushQuery query(PlanNode plan, long limit, boolean withKinds) {
        return runtime.query(plan, limit, withKinds);
    }

    /** Like {@link #subscribe(PlanNode, long, Consumer)}, rows with their kinds first when {@code withKinds}. */
    public PushQuery subscribe(PlanNode plan, long limit, boolean withKinds, Consumer<Object[]> consumer) {
        return runtime.subscribe(plan, limit, withKinds, consumer);
    }

    /** Starts a push query whose rows go to {@code consumer} on a worker thread, one at a time. */
    public PushQuery subscribe(PlanNode plan, long limit, Consumer<Object[]> consumer) {
        return runtime.subscribe(plan, limit, consumer);
    }

    /**
     * Runs an INSERT of constant rows on the calling thread: evaluates every plan (VALUES, Calcs, a
     * stream sink; all into the same stream) and appends the rows. All rows are evaluated before any
     * is written, so a row that fails (a bad CAST) leaves the stream unchanged.
     *
     * @return the number of rows written
     */
    public long insert(List<PlanNode> plans) {
        StreamSinkNode first = LinearPlan.of(plans.get(0)).sink();
        if (first != null && stream(first.stream()).kind().isTable()) {
            return upsert(plans, tableState(first.stream()));
        }
        StreamAppender appender = null;
        for (PlanNode plan : plans) {
            LinearPlan lp = LinearPlan.of(plan);
            if (!(lp.source() instanceof ValuesNode values) || lp.sink() == null) {
                throw new IllegalArgumentException("insert() runs VALUES into a stream");
            }
            StreamSinkNode sink = lp.sink();
            if (appender == null) {
                StreamDef target = stream(sink.stream());
                appender = new StreamAppender(catalog.log(target), new RowConstraints(target.name(), target.schema()),
                        sink.keyIndex(), 0,
                        (int) Math.floorMod(System.nanoTime(), (long) sink.partitions()));
            }
            runValues(values, lp, appender::write);
        }
        if (appender == null) {
            return 0;
        }
        appender.flush();
        return appender.rowsWritten();
    }

    /**
     * INSERT of constant rows into a table: each row is an upsert of its primary key. A key with a
     * current row (or written earlier in this statement) gets -U with the old row then +U with the
     * new one; a new key gets +I. Holds the table state's lock from reading the old rows to the
     * append, so that concurrent INSERTs into one table see each other's rows.
     */
    private long upsert(List<PlanNode> plans, TableState state) {
        synchronized (state) {
            state.catchUp();
            StreamDef target = state.table();
            StreamAppender appender = new StreamAppender(catalog.log(target), new RowConstraints(target.name(),
                    target.schema()), target.keyIndex(), 0, 0);
            java.util.Map<java.nio.ByteBuffer, byte[]> written = new java.util.HashMap<>();
            RowReader before = new RowReader(target.schema());
            RowReader after = new RowReader(target.schema());
            long[] rows = {0};
            for (PlanNode plan : plans) {
                LinearPlan lp = LinearPlan.of(plan);
                if (!(lp.source() instanceof ValuesNode values) || lp.sink() == null) {
                    throw new IllegalArgumentException("insert() runs VALUES into a stream");
                }
                runValues(values, lp, row -> {
                    byte[] now = new byte[row.length()];
                    row.buffer().getBytes(row.offset(), now);
                    java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(state.keyBytes(row));
                    byte[] old = written.containsKey(key) ? written.get(key) : state.current(row);
                    if (old != null) {
                        org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(old.clone());
                        RowWriter.stampKindAndTag(b, 0, RowKind.UPDATE_BEFORE, 0);
                        appender.write(before.wrap(b, 0, old.length));
                    }
                    org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(now);
                    RowWriter.stampKindAndTag(b, 0, old != null ? RowKind.UPDATE_AFTER : RowKind.INSERT, 0);
                    appender.write(after.wrap(b, 0, now.length));
                    written.put(key, now);
                    rows[0]++;
                });
            }
            appender.flush();
            return rows[0];
        }
    }

    /**
     * Evaluates plans of constant rows (VALUES and Calcs, no sink) on the calling thread: the rows of
     * a SELECT that reads no stream.
     *
     * @return the rows, values in internal representation
     */
    public List<Object[]> evaluate(List<PlanNode> plans) {
        List<Object[]> out = new java.util.ArrayList<>();
        for (PlanNode plan : plans) {
            LinearPlan lp = LinearPlan.of(plan);
            if (!(lp.source() instanceof ValuesNode values) || lp.sink() != null) {
                throw new IllegalArgumentException("evaluate() runs VALUES with no sink");
            }
            runValues(values, lp, row -> out.add(row.toArray()));
        }
        return out;
    }

    /** Encodes each constant row, runs it through the plan's Calcs, and hands on the rows that pass. */
    private void runValues(ValuesNode values, LinearPlan lp, Consumer<RowReader> sink) {
        CalcChain chain = new CalcChain(lp.calcs(), runtime.compiler());
        RowWriter writer = new RowWriter(values.schema());
        RowReader reader = new RowReader(values.schema());
        for (List<Object> row : values.rows()) {
            writer.begin(RowKind.INSERT);
            for (int i = 0; i < row.size(); i++) {
                writer.putObject(i, row.get(i));
            }
            RowReader result = chain.apply(reader.wrap(writer.buffer(), 0, writer.length()));
            if (result != null) {
                sink.accept(result);
            }
        }
    }

    private StreamDef stream(String name) {
        return catalog.stream(name).orElseThrow(() -> new io.sluice.engine.catalog.CatalogException(
                io.sluice.engine.catalog.CatalogException.Reason.NOT_FOUND, "Stream '" + name + "' not found"));
    }

    /** Stops every task (pipelines checkpoint), then closes the store. Idempotent. */
    @Override
    public void close() {
        try {
            try {
                connectors.close();
            } finally {
                runtime.close();
            }
        } finally {
            store.close();
        }
    }
}
