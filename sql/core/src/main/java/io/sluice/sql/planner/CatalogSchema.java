package io.sluice.sql.planner;

import io.sluice.engine.catalog.Catalog;
import io.sluice.engine.catalog.StreamDef;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The engine's catalog as Calcite sees it: each stream is a table that only supplies its row type.
 * Calcite never scans these tables; Sluice's own planner rules turn scans into stream reads. Built
 * fresh for each statement, so it always reflects the catalog of that moment.
 */
public final class CatalogSchema extends AbstractSchema {
    private final Map<String, Table> tables = new HashMap<>();

    public CatalogSchema(Catalog catalog) {
        for (StreamDef s : catalog.streams()) {
            tables.put(s.name(), new StreamTable(s));
        }
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    /** A stream as a Calcite table. */
    public static final class StreamTable extends AbstractTable {
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
}
