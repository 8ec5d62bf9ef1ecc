package io.sluice.sql.exec;

import io.sluice.SluiceException;
import io.sluice.engine.catalog.StreamDef;
import io.sluice.engine.catalog.WatermarkSpec;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorSpec;
import io.sluice.sql.parser.SluiceParser;
import io.sluice.sql.parser.ddl.SqlColumnDeclaration;
import io.sluice.engine.catalog.RelationKind;
import io.sluice.sql.parser.ddl.SqlCreateRelation;
import io.sluice.sql.parser.ddl.SqlCreateStream;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import org.apache.calcite.sql.SqlNode;
import io.sluice.sql.parser.ddl.SqlTableOption;
import io.sluice.sql.parser.ddl.SqlWatermark;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;

/** Turns {@code CREATE STREAM} and {@code CREATE TABLE} into a {@link StreamDef}, checking everything before anything is created. */
final class StreamDdl {
    static final String PARTITIONS = "partitions";
    static final String KEY = "key";
    static final int MAX_PARTITIONS = 1024;
    private static final String SUPPORTED_TYPES = "BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), VARCHAR[(n)], TIMESTAMP(3)";

    private StreamDdl() {
    }

    static StreamDef toStreamDef(SqlCreateStream create) {
        return toDef(create, List.of());
    }

    /**
     * A table: like a stream, plus a PRIMARY KEY (required; its columns become NOT NULL) by whose first
     * column it is partitioned, so that all rows of a key are in one partition. Option 'key' is refused.
     */
    static StreamDef toTableDef(SqlCreateTable create) {
        if (create.getPrimaryKey() == null) {
            throw Errors.at(create.getName().getParserPosition(), SluiceException.INVALID_PARAMETER, "Table "
                    + create.getName() + " needs a PRIMARY KEY: a table holds one row per key (for append-only "
                    + "rows use CREATE STREAM)");
        }
        return toDef(create, create.getPrimaryKey().getList());
    }

    private static StreamDef toDef(SqlCreateRelation create, List<SqlNode> primaryKey) {
        boolean table = create instanceof SqlCreateTable;
        String what = table ? "table" : "stream";
        String name = simpleName(create.getName(), what);
        Set<String> keyNames = new HashSet<>();
        for (SqlNode k : primaryKey) {
            keyNames.add(((SqlIdentifier) k).getSimple().toUpperCase(Locale.ROOT));
        }
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SqlColumnDeclaration c : create.getColumns()) {
            String col = c.getSimpleName();
            if (!seen.add(col.toUpperCase(Locale.ROOT))) {
                throw Errors.at(c.getParserPosition(), SluiceException.DUPLICATE_OBJECT,
                        "Column '" + col + "' is declared twice");
            }
            boolean inKey = keyNames.contains(col.toUpperCase(Locale.ROOT));
            columns.add(new Column(col, type(c.getType()).withNullable(c.isNullable() && !inKey)));
        }
        RowSchema schema = new RowSchema(columns);
        List<String> pk = new ArrayList<>();
        for (SqlNode k : primaryKey) {
            SqlIdentifier id = (SqlIdentifier) k;
            int i = schema.indexOf(id.getSimple());
            if (i < 0) {
                throw Errors.at(id.getParserPosition(), SluiceException.UNDEFINED_COLUMN, "PRIMARY KEY names column '"
                        + id.getSimple() + "', which table " + name + " does not declare");
            }
            if (pk.contains(schema.column(i).name())) {
                throw Errors.at(id.getParserPosition(), SluiceException.DUPLICATE_OBJECT, "PRIMARY KEY names column '"
                        + id.getSimple() + "' twice");
            }
            pk.add(schema.column(i).name());
        }

        Map<String, String> options = new LinkedHashMap<>();
        int partitions = 1;
        String key = null;
        // With a connector, options other than the stream's own are the connector's and its format's,
        // checked below against what they declare.
        boolean connector = create.getOptions().stream().anyMatch(o -> o.getKey().equalsIgnoreCase(ConnectorSpec.CONNECTOR));
        for (SqlTableOption o : create.getOptions()) {
            String k = o.getKey().toLowerCase(Locale.ROOT);
            options.put(k, o.getValue());
            switch (k) {
                case PARTITIONS -> partitions = partitions(o);
                case KEY -> {
                    if (table) {
                        throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Option 'key' is "
                                + "not for tables: a table is partitioned by its PRIMARY KEY");
                    }
                    int i = schema.indexOf(o.getValue());
                    if (i < 0) {
                        throw Errors.at(o.getParserPosition(), SluiceException.UNDEFINED_COLUMN, "Option 'key' names column '"
                                + o.getValue() + "', which stream " + name + " does not have");
                    }
                    key = schema.column(i).name();
                }
                case ConnectorSpec.CONNECTOR, ConnectorSpec.FORMAT, ConnectorSpec.MODE -> {
                    // resolved with the connector below; a table's connector can only be a sink
                }
                default -> {
                    if (table && !connector) {
                        throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Unknown option '"
                                + o.getKey() + "' for CREATE TABLE; the options are 'partitions' and, for a sink, "
                                + "'connector' with the connector's own options");
                    }
                    if (!connector) {
                        throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER, "Unknown option '"
                                + o.getKey() + "' for CREATE STREAM; the options are 'partitions', 'key' and 'connector' "
                                + "(with the connector's own options)");
                    }
                }
            }
        }

        WatermarkSpec watermark = null;
        SqlWatermark w = create.getWatermark();
        if (w != null) {
            String col = simpleName(w.getColumn(), "column");
            int i = schema.indexOf(col);
            if (i < 0) {
                throw Errors.at(w.getColumn().getParserPosition(), SluiceException.UNDEFINED_COLUMN,
                        "WATERMARK FOR names column '" + col + "', which the stream does not declare");
            }
            if (schema.type(i).kind() != TypeKind.TIMESTAMP) {
                throw Errors.at(w.getColumn().getParserPosition(), SluiceException.DATATYPE_MISMATCH,
                        "WATERMARK FOR column '" + col + "' must be a TIMESTAMP(3), not " + schema.type(i).sql());
            }
            watermark = new WatermarkSpec(schema.column(i).name(), w.getExpression().toSqlString(c -> c
                    .withDialect(SluiceParser.DIALECT).withQuoteAllIdentifiers(false)).getSql());
        }
        java.util.Optional<ConnectorSpec> spec;
        try {
            spec = ConnectorSpec.resolve(name, schema, partitions, options);
        } catch (ConnectorException e) {
            SqlTableOption at = create.getOptions().stream()
                    .filter(o -> e.option() != null && o.getKey().equalsIgnoreCase(e.option())).findFirst().orElse(null);
            throw Errors.at(at == null ? create.getName().getParserPosition() : at.getParserPosition(),
                    Errors.connectorState(e), e.getMessage());
        }
        if (table) {
            if (spec.isPresent() && !spec.get().isSink()) {
                SqlTableOption at = create.getOptions().stream()
                        .filter(o -> o.getKey().equalsIgnoreCase(ConnectorSpec.CONNECTOR)).findFirst().orElseThrow();
                throw Errors.at(at.getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED, "A table is filled by "
                        + "INSERT or by a pipeline; its connector can only be a sink that receives its changelog "
                        + "(add 'mode' = 'sink')");
            }
            return new StreamDef(name, schema, partitions, pk.get(0), watermark, options, RelationKind.TABLE, pk);
        }
        return new StreamDef(name, schema, partitions, key, watermark, options);
    }

    static int partitions(SqlTableOption o) {
        int n;
        try {
            n = Integer.parseInt(o.getValue().trim());
        } catch (NumberFormatException e) {
            throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER,
                    "Option 'partitions' must be a whole number, not '" + o.getValue() + "'");
        }
        if (n < 1 || n > MAX_PARTITIONS) {
            throw Errors.at(o.getParserPosition(), SluiceException.INVALID_PARAMETER,
                    "Option 'partitions' must be between 1 and " + MAX_PARTITIONS + ", not " + n);
        }
        return n;
    }

    static String simpleName(SqlIdentifier id, String what) {
        if (!id.isSimple()) {
            throw Errors.at(id.getParserPosition(), SluiceException.SYNTAX_ERROR,
                    "A " + what + " name has one part, not '" + id + "'");
        }
        return id.getSimple();
    }

    /** The Sluice type of a declared column type. */
    static DataType type(SqlDataTypeSpec spec) {
        SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
        String typeName = nameSpec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        int precision = -1;
        int scale = -1;
        if (nameSpec instanceof SqlBasicTypeNameSpec basic) {
            precision = basic.getPrecision();
            scale = basic.getScale();
        } else if (!(nameSpec instanceof SqlUserDefinedTypeNameSpec)) {
            throw unsupportedType(spec, nameSpec.getTypeName().toString());
        }
        if (spec.getTimeZone() != null) {
            throw unsupportedType(spec, typeName + " WITH TIME ZONE");
        }
        return switch (typeName) {
            case "BOOLEAN" -> DataType.of(TypeKind.BOOLEAN);
            case "INTEGER", "INT" -> DataType.of(TypeKind.INT);
            case "BIGINT" -> DataType.of(TypeKind.BIGINT);
            case "DOUBLE" -> DataType.of(TypeKind.DOUBLE);
            case "DECIMAL", "DEC", "NUMERIC" -> {
                int p = precision < 0 ? 10 : precision;
                int s = scale < 0 ? 0 : scale;
                if (p < 1 || p > DataType.MAX_DECIMAL_PRECISION || s > p) {
                    throw Errors.at(spec.getParserPosition(), SluiceException.INVALID_PARAMETER, "DECIMAL(" + p + ", " + s
                            + ") is out of range: precision 1.." + DataType.MAX_DECIMAL_PRECISION + ", scale 0..precision");
                }
                yield DataType.decimal(p, s);
            }
            case "VARCHAR", "STRING" -> {
                if (precision == 0) {
                    throw Errors.at(spec.getParserPosition(), SluiceException.INVALID_PARAMETER,
                            "VARCHAR(0) can hold nothing; give a length of at least 1, or none for unbounded text");
                }
                yield precision < 0 ? DataType.of(TypeKind.VARCHAR) : DataType.varchar(precision);
            }
            case "TIMESTAMP" -> {
                if (precision > 3) {
                    throw Errors.at(spec.getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                            "TIMESTAMP(" + precision + "): Sluice keeps timestamps to the millisecond; use TIMESTAMP(3)");
                }
                yield DataType.of(TypeKind.TIMESTAMP);
            }
            default -> throw unsupportedType(spec, typeName);
        };
    }

    private static SluiceException unsupportedType(SqlDataTypeSpec spec, String typeName) {
        return Errors.at(spec.getParserPosition(), SluiceException.FEATURE_NOT_SUPPORTED,
                "Type " + typeName + " is not supported; use one of " + SUPPORTED_TYPES);
    }
}
