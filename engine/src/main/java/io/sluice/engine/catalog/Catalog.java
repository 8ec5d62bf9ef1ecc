package io.sluice.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.plan.PlanNode;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionedLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streams, pipelines and pipeline checkpoints, kept in memory and made durable in the store's
 * metadata log. {@link #load} replays the log; every change is appended to the log before it is
 * visible, so what a caller was told succeeded survives a crash.
 *
 * <p>Thread-safe (one lock: catalog changes are rare and small).
 */
public final class Catalog {
    private final LogStore store;
    private final Map<String, StreamDef> streams = new LinkedHashMap<>();
    private final Map<String, PipelineDef> pipelines = new LinkedHashMap<>();
    private final Map<String, TaskCheckpoint> checkpoints = new LinkedHashMap<>();
    private int lastPipelineId;
    // Streams filled by a source: their id (from the pipelines' counter) and their dead-letter stream.
    private final Map<String, Integer> sourceIds = new LinkedHashMap<>();
    private final Map<String, String> deadLetters = new LinkedHashMap<>();
    private final Map<String, SourceCheckpoint> sourceCheckpoints = new LinkedHashMap<>();
    private final Map<String, SinkCheckpoint> sinkCheckpoints = new LinkedHashMap<>();

    private Catalog(LogStore store) {
        this.store = store;
    }

    /** Entries beyond the live ones that a load tolerates before it compacts the log. */
    static final int COMPACT_SLACK = 10_000;

    /**
     * Rebuilds the catalog from the store's metadata log. When most entries are obsolete (every
     * checkpoint but a task's latest, dropped objects), rewrites the log to the live entries first, so
     * that start-up time does not grow with how long pipelines have run.
     */
    public static Catalog load(LogStore store) {
        Catalog c = new Catalog(store);
        int[] entries = {0};
        store.metadata().replay((offset, entry) -> {
            c.apply(CatalogCodec.parse(entry));
            entries[0]++;
        });
        c.dropOrphanInternalStreams();
        List<byte[]> live = c.liveEntries();
        if (entries[0] > 2 * live.size() + COMPACT_SLACK) {
            store.metadata().rewrite(live);
        }
        return c;
    }

    /** The entries that rebuild exactly this catalog: what a compacted metadata log holds. */
    synchronized List<byte[]> liveEntries() {
        List<byte[]> live = new ArrayList<>();
        streams.values().stream().filter(s -> !sourceIds.containsKey(key(s.name())) && dlqOwner(s.name()) == null)
                .forEach(s -> live.add(CatalogCodec.streamCreate(s)));
        sourceIds.forEach((k, id) -> live.add(CatalogCodec.sourceStreamCreate(streams.get(k),
                streams.get(key(deadLetters.get(k))), id)));
        sourceCheckpoints.values().forEach(cp -> live.add(CatalogCodec.sourceCheckpoint(cp)));
        sinkCheckpoints.values().forEach(cp -> live.add(CatalogCodec.sinkCheckpoint(cp)));
        pipelines.values().forEach(p -> live.add(CatalogCodec.pipelineCreate(p)));
        checkpoints.values().forEach(cp -> live.add(CatalogCodec.checkpoint(cp)));
        live.add(CatalogCodec.pipelineIds(lastPipelineId));
        return live;
    }

    private void apply(JsonNode e) {
        String type = e.get("type").asText();
        switch (type) {
            case CatalogCodec.STREAM_CREATE -> {
                StreamDef s = CatalogCodec.readStream(e);
                streams.put(key(s.name()), s);
            }
            case CatalogCodec.STREAM_DROP -> {
                streams.remove(key(e.get("name").asText()));
                connectorStreamDropped(e.get("name").asText());
            }
            case CatalogCodec.SOURCE_STREAM_CREATE -> {
                StreamDef s = CatalogCodec.readStream(e.get("stream"));
                StreamDef dlq = CatalogCodec.readStream(e.get("deadLetters"));
                streams.put(key(s.name()), s);
                streams.put(key(dlq.name()), dlq);
                sourceIds.put(key(s.name()), e.get("id").asInt());
                deadLetters.put(key(s.name()), dlq.name());
                lastPipelineId = Math.max(lastPipelineId, e.get("id").asInt());
            }
            case CatalogCodec.SOURCE_CHECKPOINT -> {
                SourceCheckpoint c = CatalogCodec.readSourceCheckpoint(e);
                sourceCheckpoints.put(key(c.stream()) + "/" + c.partition(), c);
            }
            case CatalogCodec.SINK_CHECKPOINT -> {
                SinkCheckpoint c = CatalogCodec.readSinkCheckpoint(e);
                sinkCheckpoints.put(key(c.stream()) + "/" + c.partition(), c);
            }
            case CatalogCodec.PIPELINE_CREATE -> {
                PipelineDef p = CatalogCodec.readPipeline(e);
                pipelines.put(key(p.name()), p);
                lastPipelineId = Math.max(lastPipelineId, p.id());
            }
            case CatalogCodec.PIPELINE_DROP -> {
                String name = key(e.get("name").asText());
                pipelines.remove(name);
                checkpoints.keySet().removeIf(k -> k.startsWith(name + "/"));
            }
            case CatalogCodec.PIPELINE_IDS -> lastPipelineId = Math.max(lastPipelineId, e.get("last").asInt());
            case CatalogCodec.CHECKPOINT -> {
                TaskCheckpoint c = CatalogCodec.readCheckpoint(e);
                checkpoints.put(checkpointKey(c.pipeline(), c.stage(), c.partition()), c);
            }
            default -> throw new IllegalStateException("catalog entry of unknown type '" + type
                    + "': the data directory was written by a newer Sluice");
        }
    }

    private static String checkpointKey(String pipeline, int stage, int partition) {
        return key(pipeline) + "/" + stage + "/" + partition;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ---- streams

    /**
     * Creates the stream's log and records it. If a log of that name is left over from a create that
     * crashed before it was recorded, it is replaced.
     *
     * @throws CatalogException EXISTS if a stream of that name exists
     */
    public synchronized StreamDef createStream(StreamDef def) {
        if (streams.containsKey(key(def.name()))) {
            throw new CatalogException(CatalogException.Reason.EXISTS, "Stream '" + def.name() + "' already exists");
        }
        store.delete(def.name());
        store.create(def.name(), def.partitions());
        store.metadata().append(CatalogCodec.streamCreate(def));
        streams.put(key(def.name()), def);
        return def;
    }

    public synchronized Optional<StreamDef> stream(String name) {
        return Optional.ofNullable(streams.get(key(name)));
    }

    /** The streams users see: every stream but the internal ones of pipelines. */
    public synchronized List<StreamDef> streams() {
        return streams.values().stream().filter(st -> !st.isInternal()).toList();
    }

    /**
     * Creates a pipeline's internal stream (an exchange between its stages, or its state log), or
     * opens it if it exists. It is not shown to users, and goes with its pipeline.
     */
    public synchronized StreamDef internalStream(String name, io.sluice.storage.row.RowSchema schema, int partitions,
                                                 String pipeline) {
        StreamDef existing = streams.get(key(name));
        if (existing != null) {
            return existing;
        }
        return createStream(new StreamDef(name, schema, partitions, null, null,
                Map.of(StreamDef.INTERNAL_OPTION, pipeline)));
    }

    /** The stream's log. */
    public PartitionedLog log(StreamDef stream) {
        return store.open(stream.name()).orElseThrow(() -> new IllegalStateException(
                "the log of stream " + stream.name() + " is missing from the data directory"));
    }

    /**
     * Drops a stream and deletes its rows.
     *
     * @throws CatalogException NOT_FOUND if absent; IN_USE if a pipeline reads or writes it
     */
    public synchronized void dropStream(String name) {
        StreamDef s = streams.get(key(name));
        if (s == null) {
            throw new CatalogException(CatalogException.Reason.NOT_FOUND, "Stream '" + name + "' not found");
        }
        String owner = dlqOwner(name);
        if (owner != null) {
            throw new CatalogException(CatalogException.Reason.IN_USE, "Cannot drop stream '" + s.name()
                    + "': it holds the bad records of stream " + owner + " and is dropped with it (DROP STREAM " + owner + ")");
        }
        String dlq = deadLetters.get(key(name));
        List<String> users = new ArrayList<>();
        for (PipelineDef p : pipelines.values()) {
            if (p.sources().stream().anyMatch(x -> key(x).equals(key(name)) || dlq != null && key(x).equals(key(dlq)))
                    || key(p.target()).equals(key(name)) || writesLateRows(p.plan(), key(name))) {
                users.add(p.name());
            }
        }
        if (!users.isEmpty()) {
            throw new CatalogException(CatalogException.Reason.IN_USE, "Cannot drop stream '" + s.name()
                    + "': pipeline" + (users.size() > 1 ? "s " : " ") + String.join(", ", users)
                    + (users.size() > 1 ? " use" : " uses") + " it. Drop " + (users.size() > 1 ? "them" : "it")
                    + " first (DROP PIPELINE " + users.get(0) + ").");
        }
        store.metadata().append(CatalogCodec.drop(CatalogCodec.STREAM_DROP, s.name()));
        streams.remove(key(name));
        connectorStreamDropped(name);
        store.delete(s.name());
        if (dlq != null) {
            store.delete(dlq);
        }
    }

    // ---- streams attached to connectors

    /**
     * Creates a stream filled by a source together with its dead-letter stream, and gives the source
     * an id from the pipelines' counter (its tasks' writer ids are {@code (id << 12) | partition}, as
     * a pipeline's). One metadata entry: after a crash both exist or neither does.
     *
     * @return the source id
     * @throws CatalogException EXISTS if either name is taken
     */
    public synchronized int createSourceStream(StreamDef def, StreamDef deadLetterStream) {
        for (StreamDef d : List.of(def, deadLetterStream)) {
            if (streams.containsKey(key(d.name()))) {
                throw new CatalogException(CatalogException.Reason.EXISTS, "Stream '" + d.name() + "' already exists"
                        + (d == deadLetterStream ? " (stream " + def.name() + " needs that name for its bad records)" : ""));
            }
        }
        for (StreamDef d : List.of(def, deadLetterStream)) {
            store.delete(d.name());
            store.create(d.name(), d.partitions());
        }
        int id = lastPipelineId + 1;
        store.metadata().append(CatalogCodec.sourceStreamCreate(def, deadLetterStream, id));
        lastPipelineId = id;
        streams.put(key(def.name()), def);
        streams.put(key(deadLetterStream.name()), deadLetterStream);
        sourceIds.put(key(def.name()), id);
        deadLetters.put(key(def.name()), deadLetterStream.name());
        return id;
    }

    /** The source id of a stream filled by a source, or -1. */
    public synchronized int sourceId(String stream) {
        Integer id = sourceIds.get(key(stream));
        return id == null ? -1 : id;
    }

    /** The dead-letter stream of a stream filled by a source. */
    public synchronized Optional<String> deadLetterStream(String stream) {
        return Optional.ofNullable(deadLetters.get(key(stream)));
    }

    /** The stream whose dead-letter stream this is, or null. */
    public synchronized String dlqOwner(String stream) {
        for (Map.Entry<String, String> e : deadLetters.entrySet()) {
            if (key(e.getValue()).equals(key(stream))) {
                return streams.containsKey(e.getKey()) ? streams.get(e.getKey()).name() : e.getKey();
            }
        }
        return null;
    }

    private void connectorStreamDropped(String name) {
        String k = key(name);
        String dlq = deadLetters.remove(k);
        if (dlq != null) {
            streams.remove(key(dlq));
        }
        sourceIds.remove(k);
        sourceCheckpoints.keySet().removeIf(x -> x.startsWith(k + "/"));
        sinkCheckpoints.keySet().removeIf(x -> x.startsWith(k + "/"));
    }

    /** Makes a source task's progress durable (one entry). Called from worker threads. */
    public synchronized void sourceCheckpoint(SourceCheckpoint c) {
        if (!sourceIds.containsKey(key(c.stream()))) {
            return; // dropped while the task was stopping
        }
        store.metadata().append(CatalogCodec.sourceCheckpoint(c));
        sourceCheckpoints.put(key(c.stream()) + "/" + c.partition(), c);
    }

    public synchronized Optional<SourceCheckpoint> sourceCheckpoint(String stream, int partition) {
        return Optional.ofNullable(sourceCheckpoints.get(key(stream) + "/" + partition));
    }

    /** Makes a sink task's progress durable (one entry). Called from worker threads. */
    public synchronized void sinkCheckpoint(SinkCheckpoint c) {
        if (!streams.containsKey(key(c.stream()))) {
            return;
        }
        store.metadata().append(CatalogCodec.sinkCheckpoint(c));
        sinkCheckpoints.put(key(c.stream()) + "/" + c.partition(), c);
    }

    public synchronized Optional<SinkCheckpoint> sinkCheckpoint(String stream, int partition) {
        return Optional.ofNullable(sinkCheckpoints.get(key(stream) + "/" + partition));
    }

    // ---- pipelines

    /**
     * Records a new pipeline with a fresh id.
     *
     * @throws CatalogException EXISTS if a pipeline of that name exists
     */
    public synchronized PipelineDef createPipeline(String name, String sql, PlanNode plan, List<String> sources,
                                                   String target, long[] startAfter, long[] outputStart) {
        return createPipeline(name, sql, plan, sources, target, startAfter, outputStart, Map.of());
    }

    /**
     * Records a new pipeline with a fresh id, with a start per stream it reads.
     *
     * @throws CatalogException EXISTS if a pipeline of that name exists
     */
    public synchronized PipelineDef createPipeline(String name, String sql, PlanNode plan, List<String> sources,
                                                   String target, long[] startAfter, long[] outputStart,
                                                   Map<String, long[]> sourceStarts) {
        if (pipelines.containsKey(key(name))) {
            throw new CatalogException(CatalogException.Reason.EXISTS, "Pipeline '" + name + "' already exists");
        }
        PipelineDef p = new PipelineDef(name, lastPipelineId + 1, sql, plan, sources, target, startAfter, outputStart,
                sourceStarts);
        store.metadata().append(CatalogCodec.pipelineCreate(p));
        lastPipelineId = p.id();
        pipelines.put(key(name), p);
        return p;
    }

    public synchronized Optional<PipelineDef> pipeline(String name) {
        return Optional.ofNullable(pipelines.get(key(name)));
    }

    public synchronized List<PipelineDef> pipelines() {
        return new ArrayList<>(pipelines.values());
    }

    /** Removes a pipeline and its checkpoints. @throws CatalogException NOT_FOUND if absent */
    public synchronized void dropPipeline(String name) {
        PipelineDef p = pipelines.get(key(name));
        if (p == null) {
            throw new CatalogException(CatalogException.Reason.NOT_FOUND, "Pipeline '" + name + "' not found");
        }
        store.metadata().append(CatalogCodec.drop(CatalogCodec.PIPELINE_DROP, p.name()));
        pipelines.remove(key(name));
        checkpoints.keySet().removeIf(k -> k.startsWith(key(name) + "/"));
        dropOrphanInternalStreams();
    }

    private static boolean writesLateRows(PlanNode node, String stream) {
        if (node instanceof io.sluice.engine.plan.WindowNode w && w.lateStream() != null
                && key(w.lateStream()).equals(stream)) {
            return true;
        }
        return node.inputs().stream().anyMatch(i -> writesLateRows(i, stream));
    }

    /** Drops the internal streams whose pipeline is gone (dropped, or a create that crashed half-way). */
    private void dropOrphanInternalStreams() {
        for (StreamDef st : new ArrayList<>(streams.values())) {
            if (st.isInternal() && !pipelines.containsKey(key(st.options().get(StreamDef.INTERNAL_OPTION)))) {
                store.metadata().append(CatalogCodec.drop(CatalogCodec.STREAM_DROP, st.name()));
                streams.remove(key(st.name()));
                store.delete(st.name());
            }
        }
    }

    /** A name for an unnamed pipeline that no pipeline has: {@code prefix_1}, {@code prefix_2}, ... */
    public synchronized String uniquePipelineName(String prefix) {
        int n = lastPipelineId + 1;
        while (pipelines.containsKey(key(prefix + "_" + n))) {
            n++;
        }
        return prefix + "_" + n;
    }

    // ---- checkpoints

    /** Makes a task's progress durable. Called from worker threads. */
    public synchronized void checkpoint(TaskCheckpoint c) {
        if (!pipelines.containsKey(key(c.pipeline()))) {
            return; // dropped while the task was stopping
        }
        store.metadata().append(CatalogCodec.checkpoint(c));
        checkpoints.put(checkpointKey(c.pipeline(), c.stage(), c.partition()), c);
    }

    public synchronized Optional<TaskCheckpoint> checkpoint(String pipeline, int partition) {
        return checkpoint(pipeline, 0, partition);
    }

    public synchronized Optional<TaskCheckpoint> checkpoint(String pipeline, int stage, int partition) {
        return Optional.ofNullable(checkpoints.get(checkpointKey(pipeline, stage, partition)));
    }
}
