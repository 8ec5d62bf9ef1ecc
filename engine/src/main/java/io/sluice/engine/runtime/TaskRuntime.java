package io.sluice.engine.runtime;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.PipelineDef;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.catalog.TaskCheckpoint;
import io.sluice.engine.operator.RowSink;
import io.sluice.engine.operator.RowConstraints;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.engine.plan.CalcCompiler;
import io.sluice.engine.plan.AggregateNode;
import io.sluice.engine.plan.RankNode;
import io.sluice.engine.plan.SessionAggregateNode;
import io.sluice.engine.plan.ExchangeNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.engine.plan.ScanNode;
import io.sluice.engine.plan.StartMode;
import io.sluice.engine.plan.StreamSinkNode;
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * Turns plans into tasks on the worker pool, and keeps track of the running pipelines. Errors that
 * escape a worker's agent loop go to the log and a counter, never silently away.
 *
 * <p><b>Source threads.</b> With {@code sourceThreads > 0} a second, separate pool of threads named
 * {@code sluice-source-N} runs the connectors' source tasks ({@link #submitSource}), so that reading and
 * parsing input (a JSON file, say: most of a simple query's CPU) runs in parallel with the operators on
 * the workers, the shape of Flink's split-fetcher thread beside its task thread. Pipelines, push
 * queries, deliveries and sink tasks always run on the workers. With 0 (the default) source tasks run on
 * the workers like every other task.
 *
 * <p>Why a source task may run on another thread than the tasks that read its stream: that already
 * happens with two or more workers, and nothing a source task touches is shared unsafely. Its reader,
 * row writers and {@link StreamAppender}s belong to that one task (a task stays on one thread for
 * life). Appends to a partition log take the partition's append lock (several writers: the source, a
 * late-row or END append from another task), and readers only see records up to the partition's
 * acknowledged position, a volatile written after the append's bytes (see {@code ChroniclePartitionLog}),
 * so a reader on a worker sees whole records the source thread appended. Checkpoints go through the
 * {@link Catalog}, whose methods are synchronized. Task state and {@link Task#done()} are published
 * for the thread that stops a connector whatever thread ran the task.
 */
public final class TaskRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskRuntime.class.getName());
    /**
     * Rows a push query task may hold for its consumer: large enough that the worker and the consumer,
     * each backing off for up to a millisecond when it waits for the other, do not take turns every
     * thousand rows.
     */
    private static final int PUSH_QUEUE_CAPACITY = 8192;

    private final Catalog catalog;
    private final CalcCompiler compiler;
    private final long checkpointInterval;
    private final WorkerPool pool;
    /** The source threads, or {@code null}: sources run on {@link #pool}. */
    private final WorkerPool sourcePool;
    private final Map<String, PipelineRunner> pipelines = new ConcurrentHashMap<>();
    private final java.util.Set<PushQuery> queries = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong workerErrors = new java.util.concurrent.atomic.AtomicLong();

    /** A runtime whose source tasks run on the workers. */
    public TaskRuntime(Catalog catalog, CalcCompiler compiler, int workers, long checkpointInterval) {
        this(catalog, compiler, workers, 0, checkpointInterval);
    }

    /**
     * @param workers       engine worker threads (at least one)
     * @param sourceThreads threads for connector source tasks only; 0: source tasks run on the workers
     */
    public TaskRuntime(Catalog catalog, CalcCompiler compiler, int workers, int sourceThreads, long checkpointInterval) {
        if (sourceThreads < 0) {
            throw new IllegalArgumentException("sourceThreads must not be negative, was " + sourceThreads);
        }
        this.catalog = catalog;
        this.compiler = compiler;
        this.checkpointInterval = checkpointInterval;
        this.pool = new WorkerPool("sluice-worker-", workers, t -> {
            workerErrors.incrementAndGet();
            LOG.log(Level.SEVERE, "error in a Sluice worker", t);
        });
        WorkerPool sources = null;
        if (sourceThreads > 0) {
            try {
                sources = new WorkerPool("sluice-source-", sourceThreads, t -> {
                    workerErrors.incrementAndGet();
                    LOG.log(Level.SEVERE, "error in a Sluice source thread", t);
                });
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        this.sourcePool = sources;
    }

    public CalcCompiler compiler() {
        return compiler;
    }

    /** Tasks scheduled and not yet ended, on the workers and the source threads. */
    public int runningTasks() {
        return pool.runningTasks() + (sourcePool == null ? 0 : sourcePool.runningTasks());
    }

    public long workerErrors() {
        return workerErrors.get();
    }

    /** Schedules a task on the worker pool (the connectors' sink tasks, see ConnectorRuntime). */
    public void submit(Task task) {
        pool.submit(task);
    }

    /**
     * Schedules a connector's source task: on the source threads when there are any, else on the
     * workers (see the class javadoc for why either is safe).
     */
    public void submitSource(Task task) {
        (sourcePool != null ? sourcePool : pool).submit(task);
    }

    /**
     * Builds and schedules the pipeline's tasks: for each stage (see {@link StagePlan}), one task per
     * partition of what the stage reads, creating the pipeline's internal streams when they are missing.
     */
    public void startPipeline(PipelineDef def) {
        if (!(def.plan() instanceof StreamSinkNode sink)) {
            throw new IllegalArgumentException("a pipeline's plan ends in a stream sink");
        }
        StagePlan plan = new StagePlan(sink);
        List<StagePlan.Stage> stages = plan.stages();
        int[] taskCounts = new int[stages.size()];
        int total = 0;
        for (StagePlan.Stage st : stages) {
            ScanNode scan = StagePlan.scanOf(st);
            boolean fed = !plan.producers(st.index()).isEmpty();
            if (scan != null && fed) {
                throw new IllegalArgumentException("stage " + st.index() + " reads a stream and an exchange");
            }
            taskCounts[st.index()] = scan != null ? catalog.log(stream(scan.stream())).partitionCount()
                    : plan.exchangePartitions(st.index());
            total += taskCounts[st.index()];
        }
        PartitionedLog stateLog = catalog.log(catalog.internalStream(def.stateStream(), RowSchema.of(), total,
                def.name()));
        PartitionedLog[] exchangeLogs = new PartitionedLog[stages.size()];
        for (StagePlan.Stage st : stages) {
            List<StagePlan.Stage> producers = plan.producers(st.index());
            if (!producers.isEmpty()) {
                exchangeLogs[st.index()] = catalog.log(catalog.internalStream(def.exchangeStream(st.index()),
                        producers.get(0).tops().get(0).schema(), taskCounts[st.index()], def.name()));
            }
        }
        StreamDef target = stream(sink.stream());
        PartitionedLog out = catalog.log(target);
        List<StageTask> tasks = new ArrayList<>();
        int taskIndex = 0;
        for (StagePlan.Stage st : stages) {
            ScanNode scan = StagePlan.scanOf(st);
            List<StagePlan.Stage> producers = plan.producers(st.index());
            for (int p = 0; p < taskCounts[st.index()]; p++) {
                StreamAppender appender;
                int outputPartitions;
                List<RowSink> topSinks = new ArrayList<>();
                if (st.index() == 0) {
                    appender = new StreamAppender(out, new RowConstraints(target.name(), target.schema()),
                            sink.keyIndex(), (def.id() << 12) | p, p);
                    outputPartitions = out.partitionCount();
                    topSinks.add(appender::write);
                } else {
                    PartitionedLog x = exchangeLogs[st.consumer()];
                    appender = new StreamAppender(x, RowConstraints.NONE, st.outputs().get(0).keys(), st.tags()[0],
                            StagePlan.exchangeWriterId(st.index(), p), p);
                    outputPartitions = x.partitionCount();
                    if (st.outputs().size() == 1) {
                        topSinks.add(appender::write);
                    } else {
                        // one appender for every output: one writer id and sequence, so recovery stays exact
                        for (int i = 0; i < st.outputs().size(); i++) {
                            topSinks.add(appender.routed(st.outputs().get(i).keys(), st.tags()[i]));
                        }
                    }
                }
                Map<String, StreamAppender> late = new LinkedHashMap<>();
                int lateWriter = (st.index() << 27) | (def.id() << 12) | p;
                int rr = p;
                OperatorTree tree = new OperatorTree(st.tops(), topSinks, compiler, true,
                        name -> late.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> {
                            StreamDef ls = stream(name);
                            return new StreamAppender(catalog.log(ls), new RowConstraints(ls.name(), ls.schema()),
                                    -1, lateWriter, rr);
                        })::write);
                InputPartition input;
                if (scan != null) {
                    input = scanInput(scan, tree.leaves().indexOf(scan), p, tree);
                } else {
                    input = exchangeInput(exchangeLogs[st.index()].partition(p), producers, taskCounts, tree);
                }
                TaskCheckpoint initial = def.initialCheckpoint(st.index(), p, scan != null ? scan.stream() : null,
                        outputPartitions);
                tasks.add(new StageTask(def.name(), st.index(), p, initial, input, tree, scan != null, appender,
                        st.index() != 0, late, catalog, stateLog.partition(taskIndex++), checkpointInterval));
            }
        }
        PipelineRunner runner = new PipelineRunner(def, tasks);
        pipelines.put(key(def.name()), runner);
        runner.start(pool);
    }

    /** The input of a task that reads partition {@code p} of a stream. */
    private InputPartition scanInput(ScanNode scan, int tag, int p, OperatorTree tree) {
        StreamDef def = stream(scan.stream());
        ScanWatermark wm = scan.watermark() == null ? null : new ScanWatermark(scan.watermark(), scan.schema(), compiler);
        return new InputPartition(catalog.log(def).partition(p), new RowReader[] {new RowReader(scan.schema())},
                new RowSink[] {tree.entry(tag)}, wm, null, boundedWriters(def), scan.idleTimeoutMs());
    }

    /** The input of a task that reads partition {@code p} of its stage's internal stream. */
    private InputPartition exchangeInput(PartitionLog log, List<StagePlan.Stage> producers, int[] taskCounts,
                                         OperatorTree tree) {
        int tags = tree.leaves().size();
        RowReader[] rows = new RowReader[tags];
        RowSink[] entries = new RowSink[tags];
        List<Integer> writers = new ArrayList<>();
        for (StagePlan.Stage producer : producers) {
            for (int i = 0; i < producer.tops().size(); i++) {
                int tag = producer.tags()[i];
                rows[tag] = new RowReader(producer.tops().get(i).schema());
                entries[tag] = tree.entry(tag);
            }
            for (int q = 0; q < taskCounts[producer.index()]; q++) {
                writers.add(StagePlan.exchangeWriterId(producer.index(), q));
            }
        }
        WriterWatermarks wm = new WriterWatermarks(writers.stream().mapToInt(Integer::intValue).toArray());
        return new InputPartition(log, rows, entries, null, wm, 0, 0);
    }

    /**
     * How many END records end a partition of this stream: a stream filled by a source connector has
     * as many source writers as partitions (see the connector SPI); a native or sink stream never ends.
     */
    private int boundedWriters(StreamDef def) {
        return catalog.sourceId(def.name()) >= 0 ? def.partitions() : 0;
    }

    /** Ends, with an error their consumers see, the push queries that read a stream being dropped. */
    public void streamDropped(String stream) {
        for (PushQuery q : queries) {
            if (q.stream().equalsIgnoreCase(stream)) {
                q.abort(new IllegalStateException("Stream '" + q.stream() + "' was dropped while this query read it"));
            }
        }
    }

    /** Records that a pipeline could not be started, so that its status says why. */
    public void failed(PipelineDef def, Throwable cause) {
        LOG.log(Level.SEVERE, "pipeline " + def.name() + " could not start", cause);
        pipelines.put(key(def.name()), new PipelineRunner(def, List.of(), cause));
    }

    public void stopPipeline(String name) {
        PipelineRunner r = pipelines.remove(key(name));
        if (r != null) {
            r.stop();
        }
    }

    public PipelineStatus status(String name) {
        PipelineRunner r = pipelines.get(key(name));
        return r == null ? new PipelineStatus("STOPPED", 0, 0, null) : r.status();
    }

    /**
     * The nodes of a plan (by instance) that it shares in a way the runtime cannot run: the planner
     * builds those apart. Empty when every shared node can be computed once (see StagePlan).
     */
    public static java.util.Set<PlanNode> unsupportedSharing(PlanNode plan) {
        return StagePlan.unsupportedSharing(plan);
    }

    /** How many stages a pipeline with this plan runs (for EXPLAIN). */
    public static int stageCount(StreamSinkNode plan) {
        return new StagePlan(plan).stages().size();
    }

    /** Compiles a plan's code and wires its operators, without running anything: throws if it cannot run. */
    public void check(PlanNode plan) {
        new OperatorTree(plan instanceof StreamSinkNode sink ? sink.input() : plan, row -> { }, compiler, false,
                stream -> row -> { });
    }

    /**
     * Starts a push query over a plan with no sink. A stateless query over one stream runs a task per
     * partition; any other runs whole in one task that reads every partition of every stream.
     */
    public PushQuery query(PlanNode plan, long limit) {
        return query(plan, limit, false);
    }

    /**
     * Starts a push query; with {@code withKinds} every row's values start with its kind's short name
     * ({@code +I}, {@code -U}, {@code +U}, {@code -D}): the query streams a changelog.
     */
    public PushQuery query(PlanNode plan, long limit, boolean withKinds) {
        if (plan instanceof StreamSinkNode) {
            throw new IllegalArgumentException("a push query has no sink");
        }
        List<ScanNode> scans = new ArrayList<>();
        collectScans(plan, scans);
        if (scans.isEmpty()) {
            throw new IllegalArgumentException("a push query reads a stream");
        }
        boolean perPartition = scans.size() == 1 && stateless(plan);
        List<PushQueryTask> tasks = new ArrayList<>();
        if (perPartition) {
            ScanNode scan = scans.get(0);
            PartitionedLog in = catalog.log(stream(scan.stream()));
            for (int p = 0; p < in.partitionCount(); p++) {
                tasks.add(queryTask("query " + scan.stream() + "/" + p, plan, p, withKinds));
            }
        } else {
            tasks.add(queryTask("query " + scans.get(0).stream(), plan, -1, withKinds));
        }
        PushQuery q = new PushQuery(scans.get(0).stream(), plan.schema(), tasks, limit);
        queries.add(q);
        q.closed().whenComplete((done, error) -> queries.remove(q));
        tasks.forEach(pool::submit);
        return q;
    }

    /** A push query task reading partition {@code only} of its one stream, or every partition when -1. */
    private PushQueryTask queryTask(String name, PlanNode plan, int only, boolean withKinds) {
        OneToOneConcurrentArrayQueue<Object[]> queue = new OneToOneConcurrentArrayQueue<>(PUSH_QUEUE_CAPACITY);
        ArrayDeque<Object[]> pending = new ArrayDeque<>();
        OperatorTree tree = new OperatorTree(plan, PushQueryTask.sink(queue, pending, withKinds), compiler, false,
                stream -> row -> { });
        List<InputPartition> inputs = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        // by position: a self-join reads one stream twice, through two equal scan nodes
        for (int tag = 0; tag < tree.leaves().size(); tag++) {
            ScanNode scan = (ScanNode) tree.leaves().get(tag);
            PartitionedLog in = catalog.log(stream(scan.stream()));
            for (int p = 0; p < in.partitionCount(); p++) {
                if (only >= 0 && p != only) {
                    continue;
                }
                inputs.add(scanInput(scan, tag, p, tree));
                // "latest" is the end at the moment the query is started, not when a worker gets to it
                starts.add(scan.startMode() == StartMode.LATEST ? in.partition(p).endOffset() : LogReader.NO_OFFSET);
            }
        }
        return new PushQueryTask(name, inputs, starts, tree, queue, pending);
    }

    private static void collectScans(PlanNode node, List<ScanNode> out) {
        if (node instanceof ScanNode s) {
            out.add(s);
        }
        node.inputs().forEach(i -> collectScans(i, out));
    }

    private static boolean stateless(PlanNode node) {
        if (node instanceof AggregateNode || node instanceof ExchangeNode || node instanceof RankNode
                || node instanceof SessionAggregateNode || node instanceof io.sluice.engine.plan.JoinNode
                || node instanceof io.sluice.engine.plan.OverNode) {
            return false;
        }
        return node.inputs().stream().allMatch(TaskRuntime::stateless);
    }

    public PushQuery subscribe(PlanNode plan, long limit, Consumer<Object[]> consumer) {
        return subscribe(plan, limit, false, consumer);
    }

    /** Like {@link #query(PlanNode, long, boolean)}, rows handed to {@code consumer} on a worker thread. */
    public PushQuery subscribe(PlanNode plan, long limit, boolean withKinds, Consumer<Object[]> consumer) {
        PushQuery q = query(plan, limit, withKinds);
        DeliveryTask d = new DeliveryTask("delivery", q, consumer);
        q.delivery(d);
        pool.submit(d);
        return q;
    }

    private StreamDef stream(String name) {
        return catalog.stream(name).orElseThrow(() -> new IllegalStateException("stream " + name + " is missing"));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Stops every pipeline (each checkpoints) and then the workers. */
    @Override
    public void close() {
        try {
            for (String name : new ArrayList<>(pipelines.keySet())) {
                try {
                    stopPipeline(name);
                } catch (RuntimeException e) {
                    // keep stopping the others; the workers are stopped below in any case
                    LOG.log(Level.SEVERE, "pipeline " + name + " did not stop cleanly", e);
                }
            }
        } finally {
            try {
                if (sourcePool != null) {
                    sourcePool.close();
                }
            } finally {
                pool.close();
            }
        }
    }
}
