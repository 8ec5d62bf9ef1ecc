package io.sluice.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The parts of {@link ResultSet} that every Sluice result set shares and that carry no logic of their
 * own: it is forward-only and read-only, so moving backwards and every {@code update*} method throw
 * {@link SQLFeatureNotSupportedException}; the getters by column label find the column and call the
 * getter by index; the LOB, array and binary getters are unsupported, because Sluice has none of
 * those types. {@link SluiceResultSet} supplies the getters by index and the cursor.
 */
abstract class ReadOnlyResultSet implements ResultSet {

    private static SQLFeatureNotSupportedException readOnly() {
        return JdbcErrors.unsupported("Updating a result set (Sluice result sets are read-only)");
    }

    private static SQLFeatureNotSupportedException forwardOnly() {
        return JdbcErrors.unsupported("Moving backwards or jumping in a result set (Sluice result sets are forward-only)");
    }

    private static SQLFeatureNotSupportedException noSuchType(String type) {
        return JdbcErrors.unsupported(type + " values (Sluice has no such type)");
    }

    // ---- getters by label: find the column, then read it by index ----

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(label), map);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        // Sluice has no user-defined types, so the type map never applies.
        return getObject(column);
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new java.io.StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public Reader getNCharacterStream(int column) throws SQLException {
        return getCharacterStream(column);
    }

    // ---- types Sluice does not have ----

    @Override
    public byte[] getBytes(int column) throws SQLException {
        throw noSuchType("Binary");
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        throw noSuchType("Binary");
    }

    @Override
    public InputStream getAsciiStream(int column) throws SQLException {
        throw noSuchType("Byte stream");
    }

    @Override
    public InputStream getAsciiStream(String label) throws SQLException {
        throw noSuchType("Byte stream");
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int column) throws SQLException {
        throw noSuchType("Byte stream");
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String label) throws SQLException {
        throw noSuchType("Byte stream");
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        throw noSuchType("Byte stream");
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        throw noSuchType("Byte stream");
    }

    @Override
    public Array getArray(int column) throws SQLException {
        throw noSuchType("ARRAY");
    }

    @Override
    public Array getArray(String label) throws SQLException {
        throw noSuchType("ARRAY");
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        throw noSuchType("BLOB");
    }

    @Override
    public Blob getBlob(String label) throws SQLException {
        throw noSuchType("BLOB");
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        throw noSuchType("CLOB");
    }

    @Override
    public Clob getClob(String label) throws SQLException {
        throw noSuchType("CLOB");
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        throw noSuchType("NCLOB");
    }

    @Override
    public NClob getNClob(String label) throws SQLException {
        throw noSuchType("NCLOB");
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        throw noSuchType("REF");
    }

    @Override
    public Ref getRef(String label) throws SQLException {
        throw noSuchType("REF");
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        throw noSuchType("ROWID");
    }

    @Override
    public RowId getRowId(String label) throws SQLException {
        throw noSuchType("ROWID");
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        throw noSuchType("XML");
    }

    @Override
    public SQLXML getSQLXML(String label) throws SQLException {
        throw noSuchType("XML");
    }

    @Override
    public java.net.URL getURL(int column) throws SQLException {
        throw noSuchType("DATALINK");
    }

    @Override
    public java.net.URL getURL(String label) throws SQLException {
        throw noSuchType("DATALINK");
    }

    // ---- forward-only ----

    @Override
    public int getType() {
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() {
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != FETCH_FORWARD) {
            throw forwardOnly();
        }
    }

    @Override
    public int getFetchSize() {
        return 0;
    }

    /** A hint, and Sluice hands rows over as they arrive: ignored. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("Fetch size must not be negative: " + rows, "22023");
        }
    }

    @Override
    public String getCursorName() throws SQLException {
        throw JdbcErrors.unsupported("Named cursors");
    }

    @Override
    public boolean isLast() throws SQLException {
        // Knowing would mean waiting for the next row of a push query, which may never come.
        throw JdbcErrors.unsupported("isLast on a push query");
    }

    @Override
    public boolean previous() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean first() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean last() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public void afterLast() throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw forwardOnly();
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw forwardOnly();
    }

    // ---- read-only ----

    @Override
    public boolean rowUpdated() {
        return false;
    }

    @Override
    public boolean rowInserted() {
        return false;
    }

    @Override
    public boolean rowDeleted() {
        return false;
    }

    @Override
    public void insertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(String label, Array value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateArray(int column, Array value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String label, InputStream value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String label, InputStream value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(String label, InputStream value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int column, InputStream value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int column, InputStream value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateAsciiStream(int column, InputStream value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(String label, BigDecimal value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBigDecimal(int column, BigDecimal value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String label, InputStream value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String label, InputStream value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(String label, InputStream value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int column, InputStream value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int column, InputStream value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBinaryStream(int column, InputStream value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String label, InputStream value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String label, InputStream value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(String label, Blob value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int column, InputStream value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int column, InputStream value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBlob(int column, Blob value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(String label, boolean value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBoolean(int column, boolean value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(String label, byte value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateByte(int column, byte value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(String label, byte[] value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateBytes(int column, byte[] value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String label, Reader value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String label, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(String label, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int column, Reader value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int column, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateCharacterStream(int column, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String label, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String label, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(String label, Clob value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int column, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int column, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateClob(int column, Clob value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(String label, Date value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDate(int column, Date value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(String label, double value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateDouble(int column, double value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(String label, float value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateFloat(int column, float value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(String label, int value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateInt(int column, int value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(String label, long value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateLong(int column, long value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String label, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(String label, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int column, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNCharacterStream(int column, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String label, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String label, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(String label, NClob value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int column, Reader value, long length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int column, Reader value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNClob(int column, NClob value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(String label, String value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNString(int column, String value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(String label) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateNull(int column) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String label, Object value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(String label, Object value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int column, Object value, int length) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateObject(int column, Object value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(String label, Ref value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRef(int column, Ref value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(String label, RowId value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateRowId(int column, RowId value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(String label, SQLXML value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateSQLXML(int column, SQLXML value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(String label, short value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateShort(int column, short value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(String label, String value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateString(int column, String value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(String label, Time value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTime(int column, Time value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(String label, Timestamp value) throws SQLException {
        throw readOnly();
    }

    @Override
    public void updateTimestamp(int column, Timestamp value) throws SQLException {
        throw readOnly();
    }

}
