package io.sluice.sql.planner;

import io.sluice.engine.catalog.StreamDef;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TemporalTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A stream as Calcite sees it: a table that only supplies its row type. Calcite never scans it;
 * Sluice's rules turn the scan into a stream read. The planner registers one per stream for each
 * statement, so planning always sees the catalog of that moment.
 */
public final class StreamTable extends AbstractTable implements TemporalTable {
    private final StreamDef stream;

    StreamTable(StreamDef stream) {
        this.stream = stream;
    }

    public StreamDef stream() {
        return stream;
    }

    /** The version-time column: the WATERMARK column (the planner refuses FOR SYSTEM_TIME AS OF without one). */
    @Override
    public String getSysStartFieldName() {
        return stream.watermark() == null ? stream.schema().column(0).name() : stream.watermark().column();
    }

    /** Sluice keeps no end column: a version ends where the next one starts. */
    @Override
    public String getSysEndFieldName() {
        return getSysStartFieldName();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeMapping.toRel(stream.schema(), typeFactory);
    }
}
