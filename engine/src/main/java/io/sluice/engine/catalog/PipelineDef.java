package io.sluice.engine.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.sluice.engine.plan.PlanNode;
import java.util.List;

/**
 * A persistent pipeline: its SQL, the plan made from it when it was created (the plan, not the
 * SQL, is what runs after a restart), the id that stamps its output records, and where it started.
 *
 * @param name        unique name, compared ignoring case
 * @param id          catalog-assigned number, unique for the life of the data directory, never reused
 * @param sql         the statement as the user wrote it
 * @param plan        the plan to run
 * @param sources     streams it reads
 * @param target      the stream it writes
 * @param startAfter  per input partition of the first stream it reads, the offset it starts after when it has
 *                    no checkpoint yet
 * @param outputStart per output partition, the end offset when it was created
 * @param sourceStarts per stream it reads (lower-case name), per partition, the offset it starts after; empty
 *                    in pipelines recorded before it existed, which read one stream ({@code startAfter})
 */
public record PipelineDef(String name, int id, String sql, PlanNode plan, List<String> sources, String target,
                          long[] startAfter, long[] outputStart, Map<String, long[]> sourceStarts) {
    public PipelineDef {
        sources = List.copyOf(sources);
        startAfter = startAfter.clone();
        outputStart = outputStart.clone();
        Map<String, long[]> starts = new LinkedHashMap<>();
        sourceStarts.forEach((k, v) -> starts.put(k.toLowerCase(Locale.ROOT), v.clone()));
        sourceStarts = Collections.unmodifiableMap(starts);
    }

    /** A pipeline reading one stream, whose start is {@code startAfter}. */
    public PipelineDef(String name, int id, String sql, PlanNode plan, List<String> sources, String target,
                       long[] startAfter, long[] outputStart) {
        this(name, id, sql, plan, sources, target, startAfter, outputStart, Map.of());
    }

    /** Where a task reading partition {@code partition} of {@code stream} starts when it has no checkpoint. */
    public long startAfter(String stream, int partition) {
        long[] starts = sourceStarts.get(stream.toLowerCase(Locale.ROOT));
        if (starts == null) {
            starts = startAfter;
        }
        return partition < starts.length ? starts[partition] : -1;
    }

    /** The progress of a task of stage 0 that has never checkpointed: nothing read, nothing written. */
    public TaskCheckpoint initialCheckpoint(int partition) {
        return new TaskCheckpoint(name, partition, startAfter[partition], 0, 0, 0, outputStart);
    }

    /**
     * The progress of a task that has never checkpointed. Stage 0 writes the target and reads either the
     * source (from {@link #startAfter}) or an internal stream; other stages write internal streams,
     * which are new with the pipeline.
     *
     * @param readsSource whether the task reads the pipeline's source stream (else an internal stream,
     *                    read from its start)
     */
    public TaskCheckpoint initialCheckpoint(int stage, int partition, boolean readsSource, int outputPartitions) {
        return initialCheckpoint(stage, partition, readsSource ? sources.get(0) : null, outputPartitions);
    }

    /**
     * The progress of a task that has never checkpointed, reading partition {@code partition} of stream
     * {@code source} (from {@link #startAfter(String, int)}), or of an internal stream when it is null.
     */
    public TaskCheckpoint initialCheckpoint(int stage, int partition, String source, int outputPartitions) {
        long[] out = stage == 0 ? outputStart : new long[outputPartitions];
        if (stage != 0) {
            java.util.Arrays.fill(out, -1);
        }
        return new TaskCheckpoint(name, stage, partition, source != null ? startAfter(source, partition) : -1, 0, 0, 0, out,
                -1, -1);
    }

    /** The name of the internal stream that carries the rows into {@code stage} through its exchanges. */
    public String exchangeStream(int stage) {
        return INTERNAL_PREFIX + "p" + id + "_s" + stage;
    }

    /** The name of the internal stream that holds this pipeline's state snapshots. */
    public String stateStream() {
        return INTERNAL_PREFIX + "p" + id + "_state";
    }

    /** Internal streams' names start with this; users cannot create such names. */
    public static final String INTERNAL_PREFIX = "__sluice_";
}
