package io.sluice.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Conversions from the values the engine hands out (Boolean, Integer, Long, Double, BigDecimal, String,
 * LocalDateTime; null for NULL) to what JDBC getters return. A getter on NULL returns the JDBC default
 * (0, false, null); the caller tells NULL apart with {@code wasNull}. A value that cannot convert is a
 * {@link SQLDataException} (SQLSTATE 22018), never a silent 0.
 */
final class JdbcValues {
    /** TIMESTAMP(3) as text: {@code 2024-05-01 10:15:00.250}. */
    static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MILLI_OF_SECOND, 3, 3, true)
            .toFormatter();

    private JdbcValues() {
    }

    static String toText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof LocalDateTime t) {
            return TIMESTAMP_FORMAT.format(t);
        }
        return v.toString();
    }

    /** The object JDBC's {@code getObject} returns: TIMESTAMP as {@link Timestamp}, the rest as they are. */
    static Object toJdbcObject(Object v) {
        return v instanceof LocalDateTime t ? Timestamp.valueOf(t) : v;
    }

    static boolean toBoolean(Object v) throws SQLException {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true") || t.equals("1")) {
                return true;
            }
            if (t.equalsIgnoreCase("false") || t.equals("0")) {
                return false;
            }
        }
        throw cannot(v, "BOOLEAN");
    }

    static long toLong(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return toDecimal(n).longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim()).longValue();
            } catch (NumberFormatException e) {
                throw cannot(v, "BIGINT");
            }
        }
        throw cannot(v, "BIGINT");
    }

    static double toDouble(Object v) throws SQLException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "DOUBLE");
            }
        }
        throw cannot(v, "DOUBLE");
    }

    static BigDecimal toBigDecimal(Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                throw cannot(v, "DECIMAL");
            }
            return toDecimal(n);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw cannot(v, "DECIMAL");
            }
        }
        throw cannot(v, "DECIMAL");
    }

    static Timestamp toTimestamp(Object v) throws SQLException {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (v instanceof String s) {
            try {
                return Timestamp.valueOf(s.trim());
            } catch (IllegalArgumentException e) {
                throw cannot(v, "TIMESTAMP");
            }
        }
        throw cannot(v, "TIMESTAMP");
    }

    static Date toDate(Object v) throws SQLException {
        Timestamp t = toTimestamp(v);
        return t == null ? null : Date.valueOf(t.toLocalDateTime().toLocalDate());
    }

    static Time toTime(Object v) throws SQLException {
        Timestamp t = toTimestamp(v);
        return t == null ? null : Time.valueOf(t.toLocalDateTime().toLocalTime());
    }

    /** {@code getObject(column, type)}: the value as that class, for the classes JDBC 4.2 lists. */
    static <T> T toClass(Object v, Class<T> type) throws SQLException {
        if (v == null) {
            return null;
        }
        Object r;
        if (type.isInstance(v)) {
            r = v;
        } else if (type == String.class) {
            r = toText(v);
        } else if (type == Integer.class) {
            r = Math.toIntExact(toLong(v));
        } else if (type == Long.class) {
            r = toLong(v);
        } else if (type == Short.class) {
            r = (short) toLong(v);
        } else if (type == Byte.class) {
            r = (byte) toLong(v);
        } else if (type == Double.class) {
            r = toDouble(v);
        } else if (type == Float.class) {
            r = (float) toDouble(v);
        } else if (type == BigDecimal.class) {
            r = toBigDecimal(v);
        } else if (type == Boolean.class) {
            r = toBoolean(v);
        } else if (type == Timestamp.class) {
            r = toTimestamp(v);
        } else if (type == LocalDateTime.class) {
            r = toTimestamp(v).toLocalDateTime();
        } else if (type == LocalDate.class) {
            r = toTimestamp(v).toLocalDateTime().toLocalDate();
        } else if (type == LocalTime.class) {
            r = toTimestamp(v).toLocalDateTime().toLocalTime();
        } else if (type == Date.class) {
            r = toDate(v);
        } else if (type == Time.class) {
            r = toTime(v);
        } else {
            throw cannot(v, type.getName());
        }
        return type.cast(r);
    }

    private static BigDecimal toDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Integer || n instanceof Long) {
            return BigDecimal.valueOf(n.longValue());
        }
        return BigDecimal.valueOf(n.doubleValue());
    }

    private static SQLDataException cannot(Object v, String target) {
        return new SQLDataException("Cannot convert " + v.getClass().getSimpleName() + " value '" + v + "' to " + target, "22018");
    }
}
