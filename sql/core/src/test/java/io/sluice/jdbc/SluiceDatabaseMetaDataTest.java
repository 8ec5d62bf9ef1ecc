package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.ColumnInfo;
import io.sluice.Result;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalog metadata answered from SHOW STREAMS and DESCRIBE, with a stand-in engine. */
class SluiceDatabaseMetaDataTest {
    private static final DataType TEXT = DataType.of(TypeKind.VARCHAR);

    private final FakeEngine engine = new FakeEngine(sql -> {
        if (sql.equals("SHOW STREAMS")) {
            FakeRows r = new FakeRows(List.of(new ColumnInfo("NAME", TEXT), new ColumnInfo("PARTITIONS", DataType.of(TypeKind.INT))));
            return Result.rows(r.push("ORDERS", 4).push("CLICKS", 1).end());
        }
        if (sql.equals("DESCRIBE STREAM `ORDERS`")) {
            FakeRows r = new FakeRows(List.of(new ColumnInfo("COLUMN", TEXT), new ColumnInfo("TYPE", TEXT)));
            return Result.rows(r.push("ID", "BIGINT NOT NULL").push("PRICE", "DECIMAL(10, 2)").push("AT", "TIMESTAMP(3)").push("NOTE", "VARCHAR(20)").end());
        }
        return null;
    });

    @Test
    void identifiesSluice() throws Exception {
        try (Connection c = engine.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("Sluice", md.getDatabaseProductName());
            assertEquals("`", md.getIdentifierQuoteString());
            assertEquals(SluiceDriver.VERSION, md.getDriverVersion());
            assertEquals("jdbc:sluice:fake", md.getURL());
            assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
            assertFalse(md.supportsTransactions());
            assertEquals("\\", md.getSearchStringEscape());
        }
    }

    @Test
    void tablesAreTheStreamsFromShowStreams() throws Exception {
        try (Connection c = engine.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("ORDERS", "CLICKS"), column(md.getTables(null, null, "%", null), "TABLE_NAME"));
            assertEquals(List.of("STREAM", "STREAM"), column(md.getTables(null, null, null, new String[] {"STREAM"}), "TABLE_TYPE"));
            assertEquals(List.of("CLICKS"), column(md.getTables(null, null, "C_ICK%", null), "TABLE_NAME"));
            assertEquals(List.of(), column(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME"));
            assertEquals(List.of("STREAM"), column(md.getTableTypes(), "TABLE_TYPE"));
            assertEquals(List.of(), column(md.getSchemas(), "TABLE_SCHEM"));
            assertEquals(List.of(), column(md.getCatalogs(), "TABLE_CAT"));
        }
    }

    @Test
    void everyRelationKindTheEngineListsAppearsWithItsKindAndKey() throws Exception {
        // An engine that also knows tables: they appear beside the streams, typed TABLE, with their primary key.
        FakeEngine withTables = new FakeEngine(sql -> {
            if (sql.equals("SHOW TABLES")) {
                FakeRows r = new FakeRows(List.of(new ColumnInfo("TABLE_NAME", TEXT)));
                return Result.rows(r.push("USERS").end());
            }
            if (sql.equals("DESCRIBE TABLE `USERS`")) {
                FakeRows r = new FakeRows(List.of(new ColumnInfo("COLUMN_NAME", TEXT), new ColumnInfo("DATA_TYPE", TEXT),
                        new ColumnInfo("NULLABLE", DataType.of(TypeKind.BOOLEAN)), new ColumnInfo("KEY", DataType.of(TypeKind.BOOLEAN))));
                return Result.rows(r.push("ID", "BIGINT", false, true).push("NAME", "VARCHAR", true, false).end());
            }
            if (sql.equals("SHOW MATERIALIZED VIEWS")) {
                throw new io.sluice.SluiceException(io.sluice.SluiceException.FEATURE_NOT_SUPPORTED, "not yet");
            }
            return engine.apply(sql);
        });
        try (Connection c = withTables.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("ORDERS", "CLICKS", "USERS"), column(md.getTables(null, null, "%", null), "TABLE_NAME"));
            assertEquals(List.of("STREAM", "STREAM", "TABLE"), column(md.getTables(null, null, "%", null), "TABLE_TYPE"));
            assertEquals(List.of("USERS"), column(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME"));
            assertEquals(List.of("STREAM", "TABLE"), column(md.getTableTypes(), "TABLE_TYPE"));
            assertEquals(List.of("ID"), column(md.getPrimaryKeys(null, null, "USERS"), "COLUMN_NAME"));
            assertEquals(List.of("ID", "NAME"), column(md.getColumns(null, null, "USERS", null), "COLUMN_NAME"));
            assertEquals(List.of("NO", "YES"), column(md.getColumns(null, null, "USERS", null), "IS_NULLABLE"));
        }
    }

    @Test
    void columnsComeFromDescribe() throws Exception {
        try (Connection c = engine.connect()) {
            ResultSet rs = c.getMetaData().getColumns(null, null, "ORDERS", "%");
            assertTrue(rs.next());
            assertEquals("ID", rs.getString("COLUMN_NAME"));
            assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
            assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
            assertEquals("NO", rs.getString("IS_NULLABLE"));
            assertEquals(1, rs.getInt("ORDINAL_POSITION"));
            assertTrue(rs.next());
            assertEquals("PRICE", rs.getString(4));
            assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
            assertEquals(10, rs.getInt("COLUMN_SIZE"));
            assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
            assertEquals("YES", rs.getString("IS_NULLABLE"));
            assertTrue(rs.next());
            assertEquals(Types.TIMESTAMP, rs.getInt("DATA_TYPE"));
            assertTrue(rs.next());
            assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
            assertEquals(20, rs.getInt("COLUMN_SIZE"));
            assertNull(rs.getObject("DECIMAL_DIGITS"));
            assertFalse(rs.next());
            assertTrue(engine.executed.contains("DESCRIBE STREAM `ORDERS`"));
            assertFalse(engine.executed.contains("DESCRIBE STREAM `CLICKS`"), "only matching streams are described");
        }
    }

    @Test
    void thingsSluiceDoesNotHaveAreEmptyResultsWithTheirColumns() throws Exception {
        try (Connection c = engine.connect()) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet keys = md.getPrimaryKeys(null, null, "ORDERS");
            assertEquals("PK_NAME", keys.getMetaData().getColumnName(6));
            assertFalse(keys.next());
            assertFalse(md.getIndexInfo(null, null, "ORDERS", false, true).next());
            assertFalse(md.getProcedures(null, null, "%").next());
            assertFalse(md.getImportedKeys(null, null, "ORDERS").next());
            assertTrue(md.getTypeInfo().next());
        }
    }

    @Test
    void typeSpellingsFromDescribeParseBack() {
        assertEquals(DataType.decimal(10, 2), JdbcTypes.parse("DECIMAL(10, 2)"));
        assertEquals(DataType.of(TypeKind.INT).withNullable(false), JdbcTypes.parse("INTEGER NOT NULL"));
        assertEquals(DataType.varchar(20), JdbcTypes.parse("varchar(20)"));
        assertEquals(DataType.of(TypeKind.VARCHAR), JdbcTypes.parse("VARCHAR"));
        assertEquals(DataType.of(TypeKind.TIMESTAMP), JdbcTypes.parse("TIMESTAMP(3)"));
        assertEquals(DataType.of(TypeKind.DOUBLE), JdbcTypes.parse("DOUBLE"));
    }

    private static List<String> column(ResultSet rs, String name) throws Exception {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(name));
        }
        return out;
    }
}
