package io.sluice.engine.plan;

import io.sluice.engine.plan.expr.Expr;
import io.sluice.storage.row.RowSchema;
import java.util.List;

/**
 * Reads every partition of a stream; one task per partition.
 *
 * @param stream        the stream's catalog name
 * @param schema        the stream's columns when the plan was made
 * @param startMode     where a new reader starts; a pipeline that resumes starts at its checkpoint instead
 * @param watermark     the stream's watermark expression over its row (a TIMESTAMP), or null when the stream
 *                      declares none: event time then never advances and windows close only at end of input
 * @param idleTimeoutMs a partition with no new rows for this long stops holding back the watermark of the
 *                      partitions read with it (0: never)
 */
public record ScanNode(String stream, RowSchema schema, StartMode startMode, Expr watermark, long idleTimeoutMs)
        implements PlanNode {
    public static final String NAME = "scan";

    /** A scan with no watermark. */
    public ScanNode(String stream, RowSchema schema, StartMode startMode) {
        this(stream, schema, startMode, null, 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
