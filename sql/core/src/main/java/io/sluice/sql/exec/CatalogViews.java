package io.sluice.sql.exec;

import io.sluice.ColumnInfo;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.engine.StreamEngine;
import io.sluice.engine.catalog.PipelineDef;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.runtime.ConnectorStatus;
import io.sluice.engine.runtime.PipelineStatus;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** The tables that SHOW and DESCRIBE return. */
final class CatalogViews {
    private static final DataType TEXT = DataType.of(TypeKind.VARCHAR);
    private static final DataType NUMBER = DataType.of(TypeKind.BIGINT);
    private static final DataType FLAG = DataType.of(TypeKind.BOOLEAN);

    private CatalogViews() {
    }

    static Rows showStreams(StreamEngine engine) {
        List<ColumnInfo> cols = columns("stream_name", TEXT, "partitions", NUMBER, "key_column", TEXT,
                "watermark", TEXT, "rows", NUMBER, "connector", TEXT, "connector_state", TEXT, "bad_records", NUMBER);
        List<Row> rows = new ArrayList<>();
        for (StreamDef s : engine.catalog().streams()) {
            if (s.kind() != io.sluice.engine.catalog.RelationKind.STREAM) {
                continue;
            }
            ConnectorStatus c = engine.connectorStatus(s.name()).orElse(null);
            rows.add(ResultRow.of(cols, s.name(), (long) s.partitions(), s.keyColumn(),
                    s.watermark() == null ? null : s.watermark().column() + " AS " + s.watermark().expression(),
                    // a source's count: the log also holds its END control records, which are no rows
                    c != null && c.role().equals("source") ? c.rows() : rowCount(engine, s),
                    c == null ? null : c.connector() + " " + c.role(), c == null ? null : c.state(),
                    c == null || c.role().equals("sink") ? null : c.badRecords()));
        }
        return new ListRows(cols, rows);
    }

    /**
     * SHOW TABLES or SHOW MATERIALIZED VIEWS: name, partitions, primary key, how many keys have a row
     * now (the current state, caught up), and for a view the state of its pipeline and what it reads.
     */
    static Rows showTables(StreamEngine engine, io.sluice.engine.catalog.RelationKind kind) {
        boolean view = kind == io.sluice.engine.catalog.RelationKind.MATERIALIZED_VIEW;
        List<ColumnInfo> cols = view
                ? columns("view_name", TEXT, "partitions", NUMBER, "primary_key", TEXT, "rows", NUMBER, "state", TEXT,
                        "source", TEXT)
                : columns("table_name", TEXT, "partitions", NUMBER, "primary_key", TEXT, "rows", NUMBER);
        List<Row> rows = new ArrayList<>();
        for (StreamDef s : engine.catalog().streams()) {
            if (s.kind() != kind) {
                continue;
            }
            var state = engine.tableState(s.name());
            state.catchUp();
            if (view) {
                var p = engine.catalog().pipeline(s.name());
                rows.add(ResultRow.of(cols, s.name(), (long) s.partitions(), String.join(", ", s.primaryKey()),
                        state.size(), engine.status(s.name()).state(),
                        p.map(d -> String.join(", ", d.sources())).orElse(null)));
            } else {
                rows.add(ResultRow.of(cols, s.name(), (long) s.partitions(), String.join(", ", s.primaryKey()),
                        state.size()));
            }
        }
        return new ListRows(cols, rows);
    }

    static long rowCount(StreamEngine engine, StreamDef s) {
        PartitionedLog log = engine.catalog().log(s);
        long n = 0;
        for (int p = 0; p < log.partitionCount(); p++) {
            n += log.partition(p).recordCount();
        }
        return n;
    }

    static Rows showPipelines(StreamEngine engine) {
        List<ColumnInfo> cols = columns("pipeline_name", TEXT, "state", TEXT, "rows_in", NUMBER, "rows_out", NUMBER,
                "late_rows", NUMBER, "state_bytes", NUMBER, "source", TEXT, "target", TEXT, "error", TEXT);
        List<Row> rows = new ArrayList<>();
        for (PipelineDef p : engine.catalog().pipelines()) {
            PipelineStatus st = engine.status(p.name());
            rows.add(ResultRow.of(cols, p.name(), st.state(), st.rowsIn(), st.rowsOut(), st.lateRows(), st.stateBytes(),
                    String.join(", ", p.sources()), p.target(), st.error()));
        }
        return new ListRows(cols, rows);
    }

    static Rows describeStream(StreamEngine engine, StreamDef s) {
        List<ColumnInfo> cols = columns("column_name", TEXT, "data_type", TEXT, "nullable", FLAG, "key", FLAG,
                "watermark", TEXT);
        List<Row> rows = new ArrayList<>();
        for (Column c : s.schema().columns()) {
            // a stream's key is its partitioning column; a table's, its primary key
            boolean isKey = s.kind().isTable() ? s.primaryKey().contains(c.name())
                    : c.name().equalsIgnoreCase(s.keyColumn() == null ? "" : s.keyColumn());
            String wm = s.watermark() != null && s.watermark().column().equalsIgnoreCase(c.name())
                    ? s.watermark().expression() : null;
            rows.add(ResultRow.of(cols, c.name(), c.type().sql(), c.type().nullable(), isKey, wm));
        }
        // A stream with a connector: what it is attached to, after the columns, names in parentheses
        ConnectorStatus st = engine.connectorStatus(s.name()).orElse(null);
        if (st != null) {
            rows.add(ResultRow.of(cols, "(connector)", st.connector(), null, null, null));
            rows.add(ResultRow.of(cols, "(mode)", st.role(), null, null, null));
            rows.add(ResultRow.of(cols, "(format)", st.format(), null, null, null));
            rows.add(ResultRow.of(cols, "(delivery)", st.delivery(), null, null, null));
            rows.add(ResultRow.of(cols, "(state)", st.state() + (st.error() == null ? "" : ": " + st.error()), null, null, null));
            engine.catalog().deadLetterStream(s.name()).ifPresent(d -> rows.add(ResultRow.of(cols, "(dead letters)",
                    d + ": " + st.badRecords() + " bad records", null, null, null)));
        }
        return new ListRows(cols, rows);
    }

    static Rows describePipeline(StreamEngine engine, PipelineDef p) {
        List<ColumnInfo> cols = columns("property", TEXT, "value", TEXT);
        PipelineStatus st = engine.status(p.name());
        List<Row> rows = new ArrayList<>();
        rows.add(ResultRow.of(cols, "name", p.name()));
        rows.add(ResultRow.of(cols, "state", st.state()));
        rows.add(ResultRow.of(cols, "rows_in", Long.toString(st.rowsIn())));
        rows.add(ResultRow.of(cols, "rows_out", Long.toString(st.rowsOut())));
        rows.add(ResultRow.of(cols, "late_rows", Long.toString(st.lateRows())));
        rows.add(ResultRow.of(cols, "state_bytes", Long.toString(st.stateBytes())));
        rows.add(ResultRow.of(cols, "last_snapshot_bytes", Long.toString(st.snapshotBytes())));
        rows.add(ResultRow.of(cols, "last_checkpoint_ms", String.format(java.util.Locale.ROOT, "%.3f",
                st.checkpointMicros() / 1000.0)));
        rows.add(ResultRow.of(cols, "source", String.join(", ", p.sources())));
        rows.add(ResultRow.of(cols, "target", p.target()));
        rows.add(ResultRow.of(cols, "delivery", "exactly-once"));
        rows.add(ResultRow.of(cols, "error", st.error()));
        rows.add(ResultRow.of(cols, "sql", p.sql()));
        return new ListRows(cols, rows);
    }

    static Rows lines(String column, String text) {
        List<ColumnInfo> cols = columns(column, TEXT);
        List<Row> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            rows.add(ResultRow.of(cols, line));
        }
        return new ListRows(cols, rows);
    }

    private static List<ColumnInfo> columns(Object... nameTypePairs) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            cols.add(new ColumnInfo((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1]));
        }
        return List.copyOf(cols);
    }
}
