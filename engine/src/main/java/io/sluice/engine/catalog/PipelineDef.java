package io.sluice.engine.catalog;

import io.sluice.engine.plan.PlanNode;
import java.util.List;

/**
 * A persistent pipeline: its SQL, the plan made from it when it was created (the plan, not the
 * SQL, is what runs after a restart), and the id that stamps its output records.
 *
 * @param name    unique name, compared ignoring case
 * @param id      catalog-assigned number, unique for the life of the data directory, never reused
 * @param sql     the statement as the user wrote it
 * @param plan    the plan to run
 * @param sources streams it reads
 * @param target  the stream it writes
 */
public record PipelineDef(String name, int id, String sql, PlanNode plan, List<String> sources, String target) {
    public PipelineDef {
        sources = List.copyOf(sources);
    }
}
