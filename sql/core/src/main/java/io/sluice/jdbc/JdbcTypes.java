package io.sluice.jdbc;

import io.sluice.storage.row.DataType;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Locale;

/**
 * How Sluice's types look through JDBC: the {@link Types} code, the type name, the Java class that
 * {@code getObject} returns, and the display size. Also parses the type spellings that DESCRIBE
 * prints ({@link DataType#sql()}, optionally followed by {@code NOT NULL}) back into a {@link DataType}.
 */
final class JdbcTypes {
    /** Display width for a VARCHAR without a declared length. */
    static final int UNBOUNDED_DISPLAY_SIZE = Integer.MAX_VALUE;

    private JdbcTypes() {
    }

    static int sqlType(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case VARCHAR -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP;
            // JDBC has no interval type; drivers report them as OTHER with the SQL name.
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> Types.OTHER;
            case NULL -> Types.NULL;
        };
    }

    /** The database type name, without precision: INTEGER for INT, as JDBC tools expect. */
    static String typeName(TypeKind kind) {
        return switch (kind) {
            case INT -> "INTEGER";
            case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
            default -> kind.name();
        };
    }

    /** The class of the objects {@code ResultSet.getObject} returns for a column of this kind. */
    static Class<?> javaClass(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> Boolean.class;
            case INT, INTERVAL_YEAR_MONTH -> Integer.class;
            case BIGINT, INTERVAL_DAY_TIME -> Long.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> BigDecimal.class;
            case VARCHAR -> String.class;
            case TIMESTAMP -> Timestamp.class;
            case NULL -> Object.class;
        };
    }

    /** JDBC precision: digits for numbers, length for VARCHAR, characters for TIMESTAMP. */
    static int precision(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case INT -> 10;
            case BIGINT -> 19;
            case DOUBLE -> 15;
            case DECIMAL -> type.precision();
            case VARCHAR -> type.precision();
            case TIMESTAMP -> 20 + type.precision();
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> 19;
            case NULL -> 0;
        };
    }

    static int scale(DataType type) {
        return switch (type.kind()) {
            case DECIMAL -> type.scale();
            case TIMESTAMP -> type.precision();
            default -> 0;
        };
    }

    /** Characters the widest value of this type needs (sign and point included). */
    static int displaySize(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 5;
            case INT -> 11;
            case BIGINT -> 20;
            case DOUBLE -> 24;
            case DECIMAL -> type.precision() + 2;
            case VARCHAR -> type.precision();
            case TIMESTAMP -> type.precision() > 0 ? 20 + type.precision() : 19;
            case INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> 20;
            case NULL -> 4;
        };
    }

    static boolean isSigned(TypeKind kind) {
        return switch (kind) {
            case INT, BIGINT, DOUBLE, DECIMAL, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> true;
            default -> false;
        };
    }

    /**
     * Parses a type as DESCRIBE prints it: {@code INT}, {@code INTEGER}, {@code VARCHAR(20)},
     * {@code DECIMAL(10, 2)}, {@code TIMESTAMP(3)}, any of them followed by {@code NOT NULL}.
     * An unknown spelling becomes VARCHAR, so that metadata about a newer type still lists the column.
     */
    static DataType parse(String spelling) {
        String s = spelling.trim().toUpperCase(Locale.ROOT);
        boolean nullable = true;
        if (s.endsWith("NOT NULL")) {
            nullable = false;
            s = s.substring(0, s.length() - "NOT NULL".length()).trim();
        }
        int open = s.indexOf('(');
        String base = (open < 0 ? s : s.substring(0, open)).trim();
        int p = -1;
        int sc = 0;
        if (open >= 0) {
            int close = s.indexOf(')', open);
            String[] args = s.substring(open + 1, close < 0 ? s.length() : close).split(",");
            try {
                p = Integer.parseInt(args[0].trim());
                sc = args.length > 1 ? Integer.parseInt(args[1].trim()) : 0;
            } catch (NumberFormatException e) {
                p = -1;
            }
        }
        DataType type = switch (base) {
            case "BOOLEAN" -> DataType.of(TypeKind.BOOLEAN);
            case "INT", "INTEGER" -> DataType.of(TypeKind.INT);
            case "BIGINT" -> DataType.of(TypeKind.BIGINT);
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL" -> DataType.of(TypeKind.DOUBLE);
            case "DECIMAL", "NUMERIC" -> p > 0 ? DataType.decimal(p, sc) : DataType.of(TypeKind.DECIMAL);
            case "TIMESTAMP" -> p >= 0 ? new DataType(TypeKind.TIMESTAMP, p, 0, true) : DataType.of(TypeKind.TIMESTAMP);
            case "INTERVAL DAY TO SECOND" -> DataType.of(TypeKind.INTERVAL_DAY_TIME);
            case "INTERVAL YEAR TO MONTH" -> DataType.of(TypeKind.INTERVAL_YEAR_MONTH);
            default -> p > 0 && (base.equals("VARCHAR") || base.equals("CHAR")) ? DataType.varchar(p) : DataType.of(TypeKind.VARCHAR);
        };
        return type.withNullable(nullable);
    }
}
