package io.sluice.shell;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names the completer offers, as one immutable snapshot: streams, tables, materialized views,
 * pipelines, and the columns of each relation. {@link #load} reads them over JDBC ({@link
 * DatabaseMetaData#getTables}, {@link DatabaseMetaData#getColumns}, and {@code SHOW PIPELINES}), so
 * they come from whichever server the connection talks to.
 *
 * @param streams   names of relations of type STREAM
 * @param tables    names of relations of type TABLE
 * @param views     names of materialized views (type VIEW or MATERIALIZED VIEW)
 * @param pipelines names of pipelines
 * @param columns   column names of each relation, keyed by the relation's name in upper case
 */
record CatalogNames(List<String> streams, List<String> tables, List<String> views, List<String> pipelines,
                    Map<String, List<String>> columns) {
    static final CatalogNames EMPTY = new CatalogNames(List.of(), List.of(), List.of(), List.of(), Map.of());

    /** Every relation a query can read: streams, tables and views. */
    List<String> relations() {
        List<String> all = new ArrayList<>(streams);
        all.addAll(tables);
        all.addAll(views);
        return all;
    }

    /** The columns of the relation named {@code relation} (any case), or none if it is unknown. */
    List<String> columnsOf(String relation) {
        return columns.getOrDefault(relation.toUpperCase(Locale.ROOT), List.of());
    }

    /**
     * Reads the catalog through {@code connection}. Called on the shell's thread (while completing,
     * after the catalog changed); a part that fails (a server without pipelines, say) is left empty
     * rather than failing the whole.
     *
     * @throws SQLException when even the relations cannot be listed
     */
    static CatalogNames load(Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        List<String> streams = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, null, "%", null)) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                if (type.contains("VIEW")) {
                    views.add(name);
                } else if (type.equals("TABLE")) {
                    tables.add(name);
                } else {
                    streams.add(name);
                }
            }
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(rs.getString("COLUMN_NAME"));
            }
        } catch (SQLException e) {
            // Completion of names still helps without columns.
        }
        List<String> pipelines = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW PIPELINES")) {
            while (rs.next()) {
                pipelines.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // A server without pipelines: nothing to offer.
        }
        columns.replaceAll((k, v) -> List.copyOf(v));
        return new CatalogNames(List.copyOf(streams), List.copyOf(tables), List.copyOf(views), List.copyOf(pipelines),
                Map.copyOf(columns));
    }
}
