package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Appends its input's rows to a stream, routing each row to a partition by the hash of the stream's
 * key column ({@code keyIndex}), or round robin when the stream has no key ({@code keyIndex} -1).
 * The input's columns are the stream's columns, in order.
 */
public record StreamSinkNode(PlanNode input, String stream, int partitions, int keyIndex) implements PlanNode {
    public static final String NAME = "sink.stream";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public RowSchema schema() {
        return input.schema();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
