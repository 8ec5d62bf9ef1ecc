package io.sluice.engine.connector;

import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;

/**
 * The dead-letter stream of a stream filled by a source: created with it, dropped with it, named
 * {@code <stream>_dlq}, one partition, queryable like any stream. Each row is one record that could
 * not become a row of the stream:
 *
 * <pre>
 *  source_partition INT       the source reader (= stream partition) that read it
 *  source_position  VARCHAR   where it came from, in words (file and line, offset...)
 *  error            VARCHAR   what is wrong with it
 *  raw              VARCHAR   the record as it was read (UTF-8 text)
 * </pre>
 *
 * Rows are written with the source task's writer id and sequence numbers, so they too are in the
 * dead-letter stream exactly once after a crash.
 */
public final class DeadLetters {
    public static final String SUFFIX = "_dlq";
    public static final int PARTITION = 0;
    public static final int POSITION = 1;
    public static final int ERROR = 2;
    public static final int RAW = 3;
    public static final RowSchema SCHEMA = RowSchema.of(
            new Column("source_partition", DataType.of(TypeKind.INT)),
            new Column("source_position", DataType.of(TypeKind.VARCHAR)),
            new Column("error", DataType.of(TypeKind.VARCHAR)),
            new Column("raw", DataType.of(TypeKind.VARCHAR)));

    private DeadLetters() {
    }

    /** The dead-letter stream's name for {@code stream}. */
    public static String streamName(String stream) {
        return stream + SUFFIX;
    }
}
