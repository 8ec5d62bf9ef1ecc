package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.Result;
import io.sluice.Row;
import io.sluice.Rows;
import io.sluice.SluiceException;
import io.sluice.storage.row.DataType;
import io.sluice.sql.parser.ddl.ObjectKind;
import io.sluice.storage.row.TypeKind;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity of Sluice and its catalog, for JDBC tools. The relations are whatever the engine lists for
 * each relation kind of its SQL ({@link ObjectKind}: {@code SHOW STREAMS}, {@code SHOW TABLES},
 * {@code SHOW MATERIALIZED VIEWS}), with the kind's keyword as {@code TABLE_TYPE}; a kind the engine does
 * not support yet is skipped, so tables and views appear here as soon as the engine lists them. Columns
 * come from {@code DESCRIBE <kind> <name>}, primary keys from DESCRIBE's key flag for kinds that have
 * primary keys (a stream's key column routes rows to partitions and is not a primary key), all run through
 * the engine like any statement. There are no catalogs or schemas (both columns are null).
 * Questions about things Sluice does not have (keys, indexes, procedures, privileges, user types)
 * get empty results with the columns JDBC specifies, rather than errors, because tools ask them all.
 */
final class SluiceDatabaseMetaData extends DatabaseCapabilities {
    static final String PRODUCT_NAME = "Sluice";
    static final String DRIVER_NAME = "Sluice JDBC driver";
    static final String STREAM = "STREAM";

    /** The kinds of relation that can be read with SELECT: every catalog kind but pipelines. */
    private static final List<ObjectKind> RELATION_KINDS = List.of(ObjectKind.STREAM, ObjectKind.TABLE,
            ObjectKind.MATERIALIZED_VIEW);

    /** One relation of the catalog: its name and its kind. */
    record Relation(String name, ObjectKind kind) {
    }

    private static final List<String> TABLE_COLUMNS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE",
            "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
    private static final List<String> COLUMN_COLUMNS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
            "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE",
            "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
            "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT",
            "IS_GENERATEDCOLUMN");

    private final SluiceConnection connection;

    SluiceDatabaseMetaData(SluiceConnection connection) {
        this.connection = connection;
    }

    // ---- identity ----

    @Override
    public String getDatabaseProductName() {
        return PRODUCT_NAME;
    }

    @Override
    public String getDatabaseProductVersion() {
        return SluiceDriver.VERSION;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return SluiceDriver.versionPart(0);
    }

    @Override
    public int getDatabaseMinorVersion() {
        return SluiceDriver.versionPart(1);
    }

    @Override
    public String getDriverName() {
        return DRIVER_NAME;
    }

    @Override
    public String getDriverVersion() {
        return SluiceDriver.VERSION;
    }

    @Override
    public int getDriverMajorVersion() {
        return SluiceDriver.versionPart(0);
    }

    @Override
    public int getDriverMinorVersion() {
        return SluiceDriver.versionPart(1);
    }

    @Override
    public String getIdentifierQuoteString() {
        return "`";
    }

    @Override
    public String getURL() {
        return connection.url();
    }

    /** Embedded Sluice has no users. */
    @Override
    public String getUserName() {
        return "";
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    // ---- the catalog ----

    /** The relations whose names match {@code namePattern} (a LIKE pattern, null for all) and whose kind is in {@code types}. */
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String namePattern, String[] types) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (inRoot(catalog, schemaPattern)) {
            for (Relation r : relations(namePattern, types)) {
                rows.add(new Object[] {null, null, r.name(), r.kind().keyword(), null, null, null, null, null, null});
            }
        }
        return table(ListCursor.columns(TABLE_COLUMNS), rows);
    }

    /** The columns of the matching relations, in their order, from DESCRIBE. */
    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (inRoot(catalog, schemaPattern)) {
            Pattern columnMatch = like(columnPattern);
            for (Relation r : relations(tablePattern, null)) {
                int ordinal = 0;
                for (Described column : describe(r)) {
                    ordinal++;
                    if (columnMatch.matcher(column.info().name()).matches()) {
                        rows.add(columnRow(r.name(), column.info(), ordinal));
                    }
                }
            }
        }
        return table(ListCursor.columns(COLUMN_COLUMNS, "DATA_TYPE", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                "NUM_PREC_RADIX", "NULLABLE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
                "SOURCE_DATA_TYPE"), rows);
    }

    /** The kinds of relation the engine lists (at least STREAM). */
    @Override
    public ResultSet getTableTypes() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (ObjectKind kind : RELATION_KINDS) {
            if (kind == ObjectKind.STREAM || listed(kind) != null) {
                rows.add(new Object[] {kind.keyword()});
            }
        }
        return table(ListCursor.columns(List.of("TABLE_TYPE")), rows);
    }

    /**
     * The primary key of a table or materialized view, from DESCRIBE's key flag. Streams have none: their
     * key column only routes rows to partitions, and rows with the same key are all kept.
     */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (inRoot(catalog, schema) && table != null) {
            for (Relation r : relations(null, null)) {
                if (!r.name().equalsIgnoreCase(table) || r.kind() == ObjectKind.STREAM) {
                    continue;
                }
                short seq = 0;
                for (Described column : describe(r)) {
                    if (column.key()) {
                        rows.add(new Object[] {null, null, r.name(), column.info().name(), (int) ++seq, null});
                    }
                }
            }
        }
        return table(ListCursor.columns(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"),
                "KEY_SEQ"), rows);
    }

    @Override
    public ResultSet getSchemas() {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) {
        return empty("TABLE_SCHEM", "TABLE_CATALOG");
    }

    @Override
    public ResultSet getCatalogs() {
        return empty("TABLE_CAT");
    }

    /** The types a stream column may have. */
    @Override
    public ResultSet getTypeInfo() {
        List<ColumnInfo> columns = new ArrayList<>();
        String[] names = {"TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS",
            "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT",
            "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX"};
        for (String name : names) {
            TypeKind kind = switch (name) {
                case "TYPE_NAME", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "LOCAL_TYPE_NAME" -> TypeKind.VARCHAR;
                case "CASE_SENSITIVE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT" -> TypeKind.BOOLEAN;
                default -> TypeKind.INT;
            };
            columns.add(new ColumnInfo(name, DataType.of(kind)));
        }
        List<Object[]> rows = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            if (!kind.storable()) {
                continue;
            }
            DataType type = kind == TypeKind.DECIMAL ? DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0) : DataType.of(kind);
            boolean text = kind == TypeKind.VARCHAR;
            rows.add(new Object[] {JdbcTypes.typeName(kind), JdbcTypes.sqlType(kind), JdbcTypes.precision(type),
                text ? "'" : kind == TypeKind.TIMESTAMP ? "TIMESTAMP '" : null, text || kind == TypeKind.TIMESTAMP ? "'" : null,
                kind == TypeKind.DECIMAL ? "precision,scale" : text ? "length" : null, typeNullable, text, typeSearchable,
                !JdbcTypes.isSigned(kind), false, false, null, 0, kind == TypeKind.DECIMAL ? DataType.MAX_DECIMAL_PRECISION : 0,
                null, null, kind == TypeKind.DECIMAL || kind == TypeKind.INT || kind == TypeKind.BIGINT || kind == TypeKind.DOUBLE ? 10 : null});
        }
        return table(columns, rows);
    }

    // ---- things Sluice does not have: empty, with the columns JDBC specifies ----

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) {
        return emptyKeys();
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) {
        return emptyKeys();
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog,
            String foreignSchema, String foreignTable) {
        return emptyKeys();
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE",
                "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION");
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) {
        return empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                "PSEUDO_COLUMN");
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) {
        return empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                "PSEUDO_COLUMN");
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedurePattern) {
        return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS",
                "PROCEDURE_TYPE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedurePattern, String columnPattern) {
        return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
                "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
                "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionPattern) {
        return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionPattern, String columnPattern) {
        return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
                "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "CHAR_OCTET_LENGTH",
                "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tablePattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnPattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE",
                "IS_GRANTABLE");
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typePattern, int[] types) {
        return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS", "BASE_TYPE");
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typePattern) {
        return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM", "SUPERTYPE_NAME");
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tablePattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typePattern, String attributePattern) {
        return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE", "ATTR_TYPE_NAME", "ATTR_SIZE",
                "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
                "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
                "SOURCE_DATA_TYPE");
    }

    @Override
    public ResultSet getClientInfoProperties() {
        return empty("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tablePattern, String columnPattern) {
        return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "COLUMN_SIZE", "DECIMAL_DIGITS",
                "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS", "CHAR_OCTET_LENGTH", "IS_NULLABLE");
    }

    // ---- helpers ----

    /** The relations matching a LIKE pattern whose kind's keyword is in {@code types} (null: any), kind by kind. */
    List<Relation> relations(String namePattern, String[] types) throws SQLException {
        Pattern match = like(namePattern);
        List<Relation> out = new ArrayList<>();
        for (ObjectKind kind : RELATION_KINDS) {
            if (types != null && !List.of(types).contains(kind.keyword())) {
                continue;
            }
            List<String> names = listed(kind);
            if (names == null) {
                continue;
            }
            for (String name : names) {
                if (match.matcher(name).matches()) {
                    out.add(new Relation(name, kind));
                }
            }
        }
        return out;
    }

    /** The names SHOW lists for a kind; null when the engine does not support the kind (yet). */
    private List<String> listed(ObjectKind kind) throws SQLException {
        List<String> names = new ArrayList<>();
        Result result;
        try {
            result = connection.run("SHOW " + kind.pluralKeyword());
        } catch (SluiceException e) {
            String state = e.sqlState();
            if (kind != ObjectKind.STREAM && (SluiceException.FEATURE_NOT_SUPPORTED.equals(state)
                    || SluiceException.SYNTAX_ERROR.equals(state))) {
                return null;
            }
            throw JdbcErrors.toSql(e);
        }
        if (result.kind() != Result.Kind.ROWS) {
            throw new SQLException("SHOW " + kind.pluralKeyword() + " returned no rows", SluiceException.INTERNAL_ERROR);
        }
        try (Rows rows = result.rows()) {
            int nameColumn = columnIndex(rows.columns(), 0, "NAME", kind.keyword().replace(' ', '_') + "_NAME", "STREAM_NAME",
                    "TABLE_NAME", "VIEW_NAME", "STREAM");
            while (rows.hasNext()) {
                names.add(String.valueOf(rows.next().get(nameColumn)));
            }
        } catch (SluiceException e) {
            throw JdbcErrors.toSql(e);
        }
        return names;
    }

    /** One column as DESCRIBE shows it: name, type, nullability, and whether it is (part of) the key. */
    record Described(ColumnInfo info, boolean key) {
    }

    /** The columns of a relation, from DESCRIBE: a name and a type spelling, nullability and key flag if given. */
    private List<Described> describe(Relation relation) throws SQLException {
        List<Described> columns = new ArrayList<>();
        try (Rows rows = rowsOf("DESCRIBE " + relation.kind().keyword() + " `" + relation.name().replace("`", "``") + "`")) {
            List<ColumnInfo> shape = rows.columns();
            int nameColumn = columnIndex(shape, 0, "NAME", "COLUMN", "COLUMN_NAME", "FIELD");
            int typeColumn = columnIndex(shape, 1, "TYPE", "DATA_TYPE", "TYPE_NAME");
            int nullColumn = columnIndex(shape, -1, "NULLABLE", "IS_NULLABLE", "NULL");
            int keyColumn = columnIndex(shape, -1, "PRIMARY_KEY", "KEY");
            while (rows.hasNext()) {
                Row row = rows.next();
                DataType type = JdbcTypes.parse(String.valueOf(row.get(typeColumn)));
                if (nullColumn >= 0 && row.get(nullColumn) != null) {
                    type = type.withNullable(flag(row.get(nullColumn)));
                }
                boolean key = keyColumn >= 0 && row.get(keyColumn) != null && flag(row.get(keyColumn));
                columns.add(new Described(new ColumnInfo(String.valueOf(row.get(nameColumn)), type), key));
            }
        } catch (SluiceException e) {
            throw JdbcErrors.toSql(e);
        }
        return columns;
    }

    private static boolean flag(Object value) {
        String f = value.toString().toUpperCase(Locale.ROOT);
        return f.equals("TRUE") || f.equals("YES") || f.equals("Y");
    }

    private Rows rowsOf(String sql) throws SQLException {
        Result result;
        try {
            result = connection.run(sql);
        } catch (SluiceException e) {
            throw JdbcErrors.toSql(e);
        }
        if (result.kind() != Result.Kind.ROWS) {
            throw new SQLException(sql + " returned no rows", SluiceException.INTERNAL_ERROR);
        }
        return result.rows();
    }

    private static Object[] columnRow(String stream, ColumnInfo column, int ordinal) {
        DataType type = column.type();
        int sqlType = JdbcTypes.sqlType(type.kind());
        boolean numeric = JdbcTypes.isSigned(type.kind());
        Integer decimalDigits = null; // not applicable, e.g. to text
        if (type.kind() == TypeKind.DECIMAL || type.kind() == TypeKind.TIMESTAMP) {
            decimalDigits = JdbcTypes.scale(type);
        } else if (numeric) {
            decimalDigits = 0;
        }
        return new Object[] {null, null, stream, column.name(), sqlType, JdbcTypes.typeName(type.kind()),
            JdbcTypes.precision(type), null, decimalDigits, numeric ? 10 : null,
            type.nullable() ? columnNullable : columnNoNulls, null, null, null, null,
            sqlType == Types.VARCHAR ? JdbcTypes.precision(type) : null, ordinal, type.nullable() ? "YES" : "NO",
            null, null, null, null, "NO", "NO"};
    }

    /** Catalog and schema patterns: Sluice has neither, so only "none given" and "empty" match. */
    private static boolean inRoot(String catalog, String schemaPattern) {
        return (catalog == null || catalog.isEmpty()) && (schemaPattern == null || schemaPattern.isEmpty()
                || schemaPattern.equals("%"));
    }

    private static int columnIndex(List<ColumnInfo> columns, int fallback, String... names) {
        for (String name : names) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return fallback < columns.size() ? fallback : -1;
    }

    /** A JDBC LIKE pattern ({@code %}, {@code _}, escaped with {@code \}) as a regex; null matches all. */
    static Pattern like(String pattern) {
        if (pattern == null) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // Sluice matches names case-insensitively, so patterns do too.
        return Pattern.compile(regex.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private ResultSet table(List<ColumnInfo> columns, List<Object[]> rows) {
        return new SluiceResultSet(null, new ListCursor(columns, rows));
    }

    private ResultSet empty(String... columns) {
        return table(ListCursor.columns(List.of(columns)), List.of());
    }

    private ResultSet emptyKeys() {
        return empty("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM",
                "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME",
                "DEFERRABILITY");
    }
}
