package io.sluice.jdbc;

import io.sluice.ColumnInfo;
import io.sluice.SluiceException;
import io.sluice.sql.parser.SluiceParser;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * A statement with {@code ?} parameters, for queries and INSERT.
 *
 * <p>Binding is by literal substitution on the parsed statement, never on the text: the SQL is parsed
 * once when prepared; each execution copies the parse tree with every {@code ?} replaced by a SQL literal
 * of its value (a string literal is a string literal, whatever quotes it holds), turns that tree back into
 * SQL and runs it like {@link java.sql.Statement#execute(String)}. The parameters' types
 * ({@link #getParameterMetaData()}) come from the engine's validator, from where each {@code ?} stands.
 *
 * <p>Used from one thread, except {@link #cancel()} and {@link #close()}, as for {@link SluiceStatement}.
 */
final class SluicePreparedStatement extends SluiceStatement implements PreparedStatement {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Object UNSET = new Object();

    private final String sql;
    private final SqlNode parsed;
    private final int parameterCount;
    private final List<ColumnInfo> parameterTypes;
    private final Object[] values;
    private final List<String> batch = new ArrayList<>();

    SluicePreparedStatement(SluiceConnection connection, String sql) throws SQLException {
        super(connection);
        this.sql = sql;
        List<SqlNode> statements;
        try {
            statements = SluiceParser.parseScript(sql);
        } catch (SqlParseException e) {
            throw JdbcErrors.toSql(new SluiceException(SluiceException.SYNTAX_ERROR, e.getMessage(), e));
        }
        if (statements.size() != 1) {
            throw new SQLException("A prepared statement holds one statement, got " + statements.size(), SluiceException.SYNTAX_ERROR);
        }
        this.parsed = statements.get(0);
        this.parameterCount = countParameters(parsed);
        List<ColumnInfo> types;
        try {
            types = parameterCount == 0 ? List.of() : connection.parameters(sql);
        } catch (SluiceException e) {
            throw JdbcErrors.toSql(e);
        }
        if (types != null && types.size() != parameterCount) {
            throw new SQLException("Parameters ('?') are allowed only in queries and INSERT", SluiceException.SYNTAX_ERROR);
        }
        this.parameterTypes = types;
        this.values = new Object[parameterCount];
        Arrays.fill(values, UNSET);
    }

    private static int countParameters(SqlNode node) {
        int[] count = {0};
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                count[0]++;
                return param;
            }
        });
        return count[0];
    }

    /** The statement's SQL with the current values as literals (the original text when it has no parameters). */
    String bound() throws SQLException {
        if (parameterCount == 0) {
            return sql;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == UNSET) {
                throw new SQLException("Parameter " + (i + 1) + " is not set", "07001");
            }
        }
        SqlNode copy = parsed.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlDynamicParam param) {
                return literal(values[param.getIndex()], param.getParserPosition());
            }
        });
        return SluiceParser.toSql(copy);
    }

    /** A SQL literal for one bound value (JDBC object types; checked when the value is set). */
    private static SqlNode literal(Object v, SqlParserPos pos) {
        if (v == null) {
            return SqlLiteral.createNull(pos);
        }
        if (v instanceof Boolean b) {
            return SqlLiteral.createBoolean(b, pos);
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return SqlLiteral.createExactNumeric(v.toString(), pos);
        }
        if (v instanceof BigDecimal d) {
            return SqlLiteral.createExactNumeric(d.toPlainString(), pos);
        }
        if (v instanceof Float || v instanceof Double) {
            String text = BigDecimal.valueOf(((Number) v).doubleValue()).toString().toUpperCase(java.util.Locale.ROOT);
            return SqlLiteral.createApproxNumeric(text.contains("E") ? text : text + "E0", pos);
        }
        if (v instanceof String s) {
            return SqlLiteral.createCharString(s, pos);
        }
        if (v instanceof LocalDateTime t) {
            return SqlLiteral.createTimestamp(org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP,
                    new TimestampString(t.format(TIMESTAMP)), 3, pos);
        }
        if (v instanceof LocalDate d) {
            return SqlLiteral.createDate(new DateString(d.toString()), pos);
        }
        if (v instanceof LocalTime t) {
            return SqlLiteral.createTime(new TimeString(t.withNano(t.getNano() / 1_000_000 * 1_000_000).toString()), 3, pos);
        }
        throw new IllegalStateException("unchecked parameter type " + v.getClass());
    }

    /** Checks and normalises a value given to a setter; JDBC date-time types become java.time ones. */
    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameterCount) {
            throw new SQLException("Parameter index " + index + " is out of range: the statement has " + parameterCount
                    + (parameterCount == 1 ? " parameter" : " parameters"), "07009");
        }
        Object v = value;
        if (v instanceof Timestamp t) {
            v = t.toLocalDateTime();
        } else if (v instanceof Date d) {
            v = d.toLocalDate();
        } else if (v instanceof Time t) {
            v = t.toLocalTime();
        } else if (v instanceof Character c) {
            v = c.toString();
        } else if (v instanceof java.util.Date d) {
            v = new Timestamp(d.getTime()).toLocalDateTime();
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            throw new SQLException("Parameter " + index + ": " + v + " has no SQL literal", "22023");
        }
        if (v != null && !(v instanceof Boolean || v instanceof Number || v instanceof String || v instanceof LocalDateTime
                || v instanceof LocalDate || v instanceof LocalTime)) {
            throw JdbcErrors.unsupported("Parameters of type " + v.getClass().getName());
        }
        values[index - 1] = v;
    }

    // ---- execution

    @Override
    public boolean execute() throws SQLException {
        return run(bound());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) {
            throw new SQLException("The statement returned no rows (use executeUpdate or execute for it): " + sql, "07000");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) {
            getResultSet().close();
            throw new SQLException("The statement returned rows (use executeQuery or execute for it): " + sql, "07000");
        }
        return getLargeUpdateCount();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(bound());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /** Runs each added set of values in order; a failure stops the batch (the earlier ones stay done). */
    @Override
    public int[] executeBatch() throws SQLException {
        checkOpen();
        int[] counts = new int[batch.size()];
        try {
            for (int i = 0; i < counts.length; i++) {
                if (run(batch.get(i))) {
                    getResultSet().close();
                    throw new SQLException("A batch holds statements without rows; this one returned rows", "07000");
                }
                counts[i] = (int) Math.min(Integer.MAX_VALUE, getLargeUpdateCount());
            }
        } finally {
            batch.clear();
        }
        return counts;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(values, UNSET);
    }

    /** Not known before the statement runs (a push query's columns come with its result set): null, as JDBC allows. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new SluiceParameterMetaData(parameterTypes, parameterCount);
    }

    // ---- the text-taking methods of Statement are not for a prepared statement (JDBC says so)

    @Override
    public boolean execute(String sql) throws SQLException {
        throw notHere();
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw notHere();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw notHere();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw notHere();
    }

    private static SQLException notHere() {
        return new SQLException("This is a prepared statement: use execute(), executeQuery() or executeUpdate() without SQL", "HY000");
    }

    // ---- setters

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        set(index, null);
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        set(index, null);
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        set(index, value);
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x, Calendar cal) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x, Calendar cal) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x);
    }

    /** The calendar is ignored: Sluice's TIMESTAMP has no time zone, and the value's wall-clock reading is bound. */
    @Override
    public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        set(index, x);
    }

    // ---- value kinds Sluice does not have

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        throw JdbcErrors.unsupported("Binary parameters");
    }

    @Override
    public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setAsciiStream(int index, InputStream x) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setBinaryStream(int index, InputStream x) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setCharacterStream(int index, Reader reader) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setNCharacterStream(int index, Reader value) throws SQLException {
        throw JdbcErrors.unsupported("Stream parameters");
    }

    @Override
    public void setRef(int index, Ref x) throws SQLException {
        throw JdbcErrors.unsupported("REF parameters");
    }

    @Override
    public void setBlob(int index, Blob x) throws SQLException {
        throw JdbcErrors.unsupported("BLOB");
    }

    @Override
    public void setBlob(int index, InputStream inputStream, long length) throws SQLException {
        throw JdbcErrors.unsupported("BLOB");
    }

    @Override
    public void setBlob(int index, InputStream inputStream) throws SQLException {
        throw JdbcErrors.unsupported("BLOB");
    }

    @Override
    public void setClob(int index, Clob x) throws SQLException {
        throw JdbcErrors.unsupported("CLOB");
    }

    @Override
    public void setClob(int index, Reader reader, long length) throws SQLException {
        throw JdbcErrors.unsupported("CLOB");
    }

    @Override
    public void setClob(int index, Reader reader) throws SQLException {
        throw JdbcErrors.unsupported("CLOB");
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        throw JdbcErrors.unsupported("NCLOB");
    }

    @Override
    public void setNClob(int index, Reader reader, long length) throws SQLException {
        throw JdbcErrors.unsupported("NCLOB");
    }

    @Override
    public void setNClob(int index, Reader reader) throws SQLException {
        throw JdbcErrors.unsupported("NCLOB");
    }

    @Override
    public void setArray(int index, Array x) throws SQLException {
        throw JdbcErrors.unsupported("ARRAY");
    }

    @Override
    public void setURL(int index, URL x) throws SQLException {
        throw JdbcErrors.unsupported("DATALINK");
    }

    @Override
    public void setRowId(int index, RowId x) throws SQLException {
        throw JdbcErrors.unsupported("ROWID");
    }

    @Override
    public void setSQLXML(int index, SQLXML xmlObject) throws SQLException {
        throw JdbcErrors.unsupported("XML");
    }
}
