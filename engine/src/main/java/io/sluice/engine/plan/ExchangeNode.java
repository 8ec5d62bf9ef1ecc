package io.sluice.engine.plan;

import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Repartitions its input by the hash of {@code keys} into {@code partitions} partitions, so that the
 * operator above sees every row of a key in one task. In a pipeline this is a stage boundary: the
 * tasks below append to an internal stream of the pipeline, and the tasks above read one partition of
 * it each (exchanges between tasks go through the log, see DESIGN.md). No keys sends every row to
 * partition 0 (a global aggregate). A push query runs in one task and passes rows straight through.
 */
public record ExchangeNode(PlanNode input, int[] keys, int partitions) implements PlanNode {
    public static final String NAME = "exchange";

    public ExchangeNode {
        keys = keys.clone();
        if (partitions < 1) {
            throw new IllegalArgumentException("an exchange has at least one partition");
        }
    }

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
