package io.sluice.engine.runtime;

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
import io.sluice.storage.LogReader;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.row.RowReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns plans into tasks on the worker pool, and keeps track of the running pipelines. Errors that
 * escape a worker's agent loop go to the log and a counter, never silently away.
 */
public final class TaskRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskRuntime.class.getName());
    private static final int PUSH_QUEUE_CAPACITY = 1024;

    private final Catalog catalog;
    private final CalcCompiler compiler;
    private final long checkpointInterval;
    private final WorkerPool pool;
    private final Map<String, PipelineRunner> pipelines = new ConcurrentHashMap<>();
    private final java.util.Set<PushQuery> queries = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong workerErrors = new java.util.concurrent.atomic.AtomicLong();

    public TaskRuntime(Catalog catalog, CalcCompiler compiler, int workers, long checkpointInterval) {
        this.catalog = catalog;
        this.compiler = compiler;
        this.checkpointInterval = checkpointInterval;
        this.pool = new WorkerPool(workers, t -> {
            workerErrors.incrementAndGet();
            LOG.log(Level.SEVERE, "error in a Sluice worker", t);
        });
    }

    public CalcCompiler compiler() {
        return compiler;
    }

    public int runningTasks() {
        return pool.runningTasks();
    }

    public long workerErrors() {
        return workerErrors.get();
    }

    /** Builds and schedules one task per input partition of the pipeline. */
    public void startPipeline(PipelineDef def) {
        LinearPlan lp = LinearPlan.of(def.plan());
        ScanNode scan = lp.scan();
        PartitionedLog in = catalog.log(stream(scan.stream()));
        StreamDef target = stream(lp.sink().stream());
        PartitionedLog out = catalog.log(target);
        List<PipelineTask> tasks = new ArrayList<>();
        for (int p = 0; p < in.partitionCount(); p++) {
            int writerId = (def.id() << 12) | p;
            StreamAppender appender = new StreamAppender(out, new RowConstraints(target.name(), target.schema()),
                    lp.sink().keyIndex(), writerId, p);
            tasks.add(new PipelineTask(def.name(), p, def.initialCheckpoint(p), in.partition(p), new RowReader(scan.schema()),
                    new CalcChain(lp.calcs(), compiler), appender, catalog, checkpointInterval));
        }
        PipelineRunner runner = new PipelineRunner(def, tasks);
        pipelines.put(key(def.name()), runner);
        runner.start(pool);
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

    public PushQuery query(PlanNode plan, long limit) {
        LinearPlan lp = LinearPlan.of(plan);
        ScanNode scan = lp.scan();
        if (scan == null || lp.sink() != null) {
            throw new IllegalArgumentException("a push query reads a stream and has no sink");
        }
        PartitionedLog in = catalog.log(stream(scan.stream()));
        List<PushQueryTask> tasks = new ArrayList<>();
        for (int p = 0; p < in.partitionCount(); p++) {
            // "latest" is the end at the moment the query is started, not when a worker gets to it
            long start = scan.startMode() == StartMode.LATEST ? in.partition(p).endOffset() : LogReader.NO_OFFSET;
            tasks.add(new PushQueryTask("query " + scan.stream() + "/" + p, in.partition(p), start,
                    new RowReader(scan.schema()), new CalcChain(lp.calcs(), compiler), PUSH_QUEUE_CAPACITY));
        }
        PushQuery q = new PushQuery(scan.stream(), lp.top().schema(), tasks, limit);
        queries.add(q);
        q.closed().whenComplete((done, error) -> queries.remove(q));
        tasks.forEach(pool::submit);
        return q;
    }

    public PushQuery subscribe(PlanNode plan, long limit, Consumer<Object[]> consumer) {
        PushQuery q = query(plan, limit);
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
            pool.close();
        }
    }
}
