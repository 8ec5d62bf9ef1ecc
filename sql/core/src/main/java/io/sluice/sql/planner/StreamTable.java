package io.sluice.sql.planner;

import io.sluice.engine.catalog.StreamDef;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A stream as Calcite sees it: a table that only supplies its row type. Calcite never scans it;
 * Sluice's rules turn the scan into a stream read. The planner registers one per stream for each
 * statement, so planning always sees the catalog of that moment.
 */
public final class StreamTable extends AbstractTable {
    private final StreamDef stream;

    StreamTable(StreamDef stream) {
        this.stream = stream;
    }

    public StreamDef stream() {
        return stream;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return TypeMapping.toRel(stream.schema(), typeFactory);
    }
}
