package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Reads every partition of a stream; one task per partition.
 *
 * @param stream    the stream's catalog name
 * @param schema    the stream's columns when the plan was made
 * @param startMode where a new reader starts; a pipeline that resumes starts at its checkpoint instead
 */
public record ScanNode(String stream, RowSchema schema, StartMode startMode) implements PlanNode {
    public static final String NAME = "scan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
