package io.sluice.jdbc.remote;

import io.sluice.jdbc.LiveResultSet;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * Builds Avatica frames from a JDBC result set of the embedded driver, without waiting for a full
 * frame: a push query's frame holds the rows that are there. The first row is awaited up to
 * {@code wait}; after it, only rows already produced are added. A frame with no rows and
 * {@code done = false} tells the client to ask again (a long poll).
 *
 * <p>Values are converted the way Avatica's own server does it for the LIST cursor: dates as days,
 * times as milliseconds of the day, timestamps as epoch milliseconds of their UTC wall-clock reading.
 * Called on a Jetty request thread, one fetch per statement at a time.
 */
final class LiveFrames {
    /** The most rows in one frame when the client set no limit, so that one response stays bounded. */
    static final int UNLIMITED_FRAME_ROWS = 10_000;

    private final long waitNanos;

    /** @param wait how long a fetch waits for the first row of a push query before answering empty */
    LiveFrames(long wait, TimeUnit unit) {
        this.waitNanos = unit.toNanos(wait);
    }

    /**
     * Reads the next frame.
     *
     * @param maxRows the most rows (negative: no limit but {@link #UNLIMITED_FRAME_ROWS}; 0 still
     *                answers with no rows and not done)
     * @throws SQLException what reading the result set threw (the query failed)
     */
    Meta.Frame frame(ResultSet rs, long offset, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int[] types = new int[md.getColumnCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = md.getColumnType(i + 1);
        }
        LiveResultSet live = rs.isWrapperFor(LiveResultSet.class) ? rs.unwrap(LiveResultSet.class) : null;
        int limit = maxRows < 0 ? UNLIMITED_FRAME_ROWS : maxRows;
        List<Object> rows = new ArrayList<>(Math.min(limit, 256));
        boolean done = false;
        long deadline = System.nanoTime() + waitNanos;
        Calendar utc = DateTimeUtils.calendar();
        while (rows.size() < limit) {
            if (live != null) {
                long wait = rows.isEmpty() ? Math.max(0, deadline - System.nanoTime()) : 0;
                if (!live.awaitNext(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            if (!rs.next()) {
                done = true;
                rs.close();
                break;
            }
            Object[] row = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                row[i] = value(rs, types[i], i + 1, utc);
            }
            rows.add(row);
        }
        return new Meta.Frame(offset, done, rows);
    }

    private static Object value(ResultSet rs, int type, int column, Calendar utc) throws SQLException {
        switch (type) {
            case Types.DATE -> {
                Date d = rs.getDate(column, utc);
                return d == null ? null : (int) Math.floorDiv(d.getTime(), DateTimeUtils.MILLIS_PER_DAY);
            }
            case Types.TIME -> {
                Time t = rs.getTime(column, utc);
                return t == null ? null : (int) Math.floorMod(t.getTime(), DateTimeUtils.MILLIS_PER_DAY);
            }
            case Types.TIMESTAMP -> {
                Timestamp ts = rs.getTimestamp(column, utc);
                return ts == null ? null : ts.getTime();
            }
            default -> {
                return rs.getObject(column);
            }
        }
    }
}
