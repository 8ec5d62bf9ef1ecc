package io.sluice.connectors.datagen;

import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.Options;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.util.Locale;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The values of one datagen column: a sequence (start + row number) or random values drawn from a
 * hash of (seed, row, column), so that any row can be made on its own, in any order, on any reader.
 */
final class ColumnGenerator {
    private final TypeKind kind;
    private final boolean sequence;
    private final long start;
    private final double min;
    private final double max;
    private final int length;
    private final int scale;
    private final long salt;
    private final byte[] text;
    private final UnsafeBuffer view;

    private ColumnGenerator(TypeKind kind, boolean sequence, long start, double min, double max, int length, int scale,
                            long salt) {
        this.kind = kind;
        this.sequence = sequence;
        this.start = start;
        this.min = min;
        this.max = max;
        this.length = length;
        this.scale = scale;
        this.salt = salt;
        this.text = new byte[Math.max(length, 20)];
        this.view = new UnsafeBuffer(text);
    }

    static ColumnGenerator of(RowSchema schema, int c, Options options) {
        String name = schema.column(c).name().toLowerCase(Locale.ROOT);
        String prefix = "fields." + name + ".";
        TypeKind kind = schema.type(c).kind();
        boolean sequence = options.getString(prefix + "kind", "random").equals("sequence");
        if (sequence && kind == TypeKind.BOOLEAN) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, prefix + "kind",
                    "Column " + schema.column(c).name() + " is BOOLEAN and cannot be a sequence");
        }
        double defaultMax = kind == TypeKind.DOUBLE ? 1.0 : 1_000_000;
        double min = options.getDouble(prefix + "min", 0);
        double max = options.getDouble(prefix + "max", Math.max(defaultMax, min));
        if (max < min) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, prefix + "max",
                    "Option '" + prefix + "max' (" + max + ") is below '" + prefix + "min' (" + min + ")");
        }
        int length = options.getInt(prefix + "length", 10);
        if (length < 0 || length > 1 << 20) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, prefix + "length",
                    "Option '" + prefix + "length' must be between 0 and 1048576");
        }
        if (kind == TypeKind.VARCHAR && schema.type(c).precision() < length) {
            length = schema.type(c).precision();
        }
        return new ColumnGenerator(kind, sequence, options.getLong(prefix + "start", 1), min, max, length,
                schema.type(c).scale(), (c + 1) * 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    void put(RowWriter row, int c, long n, long seed) {
        if (sequence) {
            long v = start + n;
            switch (kind) {
                case INT -> row.putInt(c, (int) v);
                case BIGINT, TIMESTAMP -> row.putLong(c, v);
                case DOUBLE -> row.putDouble(c, v);
                case DECIMAL -> row.putDecimal(c, BigDecimal.valueOf(v));
                case VARCHAR -> row.putString(c, Long.toString(v));
                default -> throw new IllegalStateException("not a sequence kind: " + kind);
            }
            return;
        }
        long r = mix(mix(seed ^ salt) + n);
        double unit = (r >>> 11) * 0x1.0p-53;
        switch (kind) {
            case BOOLEAN -> row.putBoolean(c, (r & 1) == 1);
            case INT -> row.putInt(c, (int) whole(r));
            case BIGINT, TIMESTAMP -> row.putLong(c, whole(r));
            case DOUBLE -> row.putDouble(c, min + unit * (max - min));
            case DECIMAL -> row.putDecimal(c, BigDecimal.valueOf(min + unit * (max - min)).setScale(scale,
                    java.math.RoundingMode.HALF_UP));
            case VARCHAR -> {
                long bits = r;
                for (int i = 0; i < length; i++) {
                    if (i % 12 == 11) {
                        bits = mix(bits);
                    }
                    text[i] = (byte) ('a' + Math.floorMod(bits, 26));
                    bits /= 26;
                }
                row.putStringBytes(c, view, 0, length);
            }
            default -> throw new IllegalStateException("not a stored kind: " + kind);
        }
    }

    /** Uniform whole number in [min, max]. */
    private long whole(long r) {
        long lo = (long) Math.ceil(min);
        long span = (long) Math.floor(max) - lo + 1;
        return span <= 0 ? lo : lo + Math.floorMod(r, span);
    }
}
