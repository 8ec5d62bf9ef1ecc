package io.sluice.engine.catalog;

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
 * @param startAfter  per input partition, the offset it starts after when it has no checkpoint yet
 * @param outputStart per output partition, the end offset when it was created
 */
public record PipelineDef(String name, int id, String sql, PlanNode plan, List<String> sources, String target,
                          long[] startAfter, long[] outputStart) {
    public PipelineDef {
        sources = List.copyOf(sources);
        startAfter = startAfter.clone();
        outputStart = outputStart.clone();
    }

    /** The progress of a task that has never checkpointed: nothing read, nothing written. */
    public TaskCheckpoint initialCheckpoint(int partition) {
        return new TaskCheckpoint(name, partition, startAfter[partition], 0, 0, 0, outputStart);
    }
}
