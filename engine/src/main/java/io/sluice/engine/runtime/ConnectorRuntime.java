package io.sluice.engine.runtime;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.connector.ConnectorSpec;
import io.sluice.engine.connector.DeliveryGuarantee;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import io.sluice.engine.operator.RowConstraints;
import io.sluice.engine.operator.StreamAppender;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.row.RowReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the connectors of streams: for a stream filled by a source, one {@link SourceTask} per
 * partition; for a sink stream, one {@link SinkTask} per partition. Sink tasks run on the engine's worker
 * pool (through {@link TaskRuntime#submit}); source tasks on the source threads when the engine has
 * any, else on the workers too (through {@link TaskRuntime#submitSource}). A connector that cannot start shows as FAILED with the
 * reason instead of keeping the engine from opening.
 *
 * <p>Thread-safe.
 */
public final class ConnectorRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectorRuntime.class.getName());

    private final Catalog catalog;
    private final TaskRuntime tasks;
    private final long checkpointInterval;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** The tasks of one stream's connector, or why it could not start. */
    private record Running(ConnectorSpec spec, String delivery, List<SourceTask> sources, List<SinkTask> sinks,
                           Throwable startFailure) {
        List<Task> all() {
            List<Task> all = new ArrayList<>(sources);
            all.addAll(sinks);
            return all;
        }
    }

    public ConnectorRuntime(Catalog catalog, TaskRuntime tasks, long checkpointInterval) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.checkpointInterval = checkpointInterval;
    }

    /** Starts the connector of every stream that has one (at engine start). */
    public void startAll() {
        for (StreamDef s : catalog.streams()) {
            if (s.options().containsKey(ConnectorSpec.CONNECTOR)) {
                start(s);
            }
        }
    }

    /**
     * Starts a stream's connector tasks. A failure to resolve or start is recorded (status FAILED),
     * not thrown: the stream exists and can be dropped.
     */
    public void start(StreamDef def) {
        ConnectorSpec spec = null;
        try {
            spec = ConnectorSpec.resolve(def.name(), def.schema(), def.partitions(), def.options()).orElseThrow();
            PartitionedLog log = catalog.log(def);
            if (spec.isSink()) {
                Sink sink = spec.createSink();
                List<SinkTask> sinks = new ArrayList<>();
                for (int p = 0; p < def.partitions(); p++) {
                    sinks.add(new SinkTask(def.name(), p, sink, log.partition(p), new RowReader(def.schema()), catalog,
                            checkpointInterval));
                }
                Running r = new Running(spec, sink.guarantee().text(), List.of(), sinks, null);
                running.put(key(def.name()), r);
                sinks.forEach(tasks::submit);
            } else {
                int id = catalog.sourceId(def.name());
                if (id < 0) {
                    throw new IllegalStateException("stream " + def.name() + " has a source but no source id in the catalog");
                }
                StreamDef deadDef = catalog.stream(catalog.deadLetterStream(def.name()).orElseThrow()).orElseThrow();
                PartitionedLog deadLog = catalog.log(deadDef);
                Source source = spec.createSource();
                List<SourceTask> sources = new ArrayList<>();
                for (int p = 0; p < def.partitions(); p++) {
                    int writerId = (id << 12) | p;
                    StreamAppender out = new StreamAppender(log, new RowConstraints(def.name(), def.schema()),
                            def.keyIndex(), writerId, p);
                    StreamAppender dead = new StreamAppender(deadLog, new RowConstraints(deadDef.name(), deadDef.schema()),
                            -1, writerId, 0);
                    sources.add(new SourceTask(def.name(), p, writerId, source, def.schema(), log, out, dead, catalog,
                            checkpointInterval));
                }
                Running r = new Running(spec, DeliveryGuarantee.EXACTLY_ONCE.text(), sources, List.of(), null);
                running.put(key(def.name()), r);
                sources.forEach(tasks::submitSource);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the connector of stream " + def.name() + " could not start", e);
            running.put(key(def.name()), new Running(spec, null, List.of(), List.of(), e));
        }
    }

    /** Stops a stream's connector tasks and waits until each has checkpointed. No-op without one. */
    public void stop(String stream) {
        Running r = running.remove(key(stream));
        if (r == null) {
            return;
        }
        List<Task> all = r.all();
        all.forEach(Task::cancel);
        CompletableFuture<?> done = CompletableFuture.allOf(all.stream().map(Task::done).toArray(CompletableFuture[]::new));
        boolean interrupted = false;
        while (true) {
            try {
                done.get(30, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a task may still write its final checkpoint: wait it out
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "the connector of stream " + stream + " did not stop cleanly", e);
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status of a stream's connector, if it has one. */
    public Optional<ConnectorStatus> status(String stream) {
        Running r = running.get(key(stream));
        if (r == null) {
            return Optional.empty();
        }
        String connector = r.spec() == null ? "?" : r.spec().factory().name();
        String format = r.spec() == null || r.spec().formatFactory() == null ? null : r.spec().formatFactory().name();
        String role = r.spec() == null ? "?" : r.spec().isSink() ? "sink" : "source";
        if (r.startFailure() != null) {
            Throwable f = r.startFailure();
            return Optional.of(new ConnectorStatus(connector, format, role, r.delivery(), "FAILED", 0, 0,
                    "could not start: " + (f.getMessage() != null ? f.getMessage() : f.toString())));
        }
        long rows = 0;
        long bad = 0;
        for (SourceTask t : r.sources()) {
            rows += t.rows();
            bad += t.badRecords();
        }
        for (SinkTask t : r.sinks()) {
            rows += t.rows();
        }
        String state = "FINISHED";
        String error = null;
        for (Task t : r.all()) {
            Task.State s = t.state();
            if (s == Task.State.FAILED) {
                state = "FAILED";
                Throwable f = t.failure();
                error = t.name() + ": " + (f.getMessage() != null ? f.getMessage() : f.toString());
                break;
            }
            if (s == Task.State.NEW || s == Task.State.RUNNING) {
                state = "RUNNING";
            } else if (s == Task.State.CANCELLED && !state.equals("RUNNING")) {
                state = "STOPPED";
            }
        }
        return Optional.of(new ConnectorStatus(connector, format, role, r.delivery(), state, rows, bad, error));
    }

    /** Whether every task of a stream's connector has ended (a bounded source that has read everything). */
    public boolean isFinished(String stream) {
        return status(stream).map(s -> s.state().equals("FINISHED")).orElse(false);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Stops every connector (each task checkpoints). */
    @Override
    public void close() {
        for (String s : new ArrayList<>(running.keySet())) {
            try {
                stop(s);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the connector of stream " + s + " did not stop cleanly", e);
            }
        }
    }
}
