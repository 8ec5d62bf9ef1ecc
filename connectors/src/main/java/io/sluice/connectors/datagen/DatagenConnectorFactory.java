package io.sluice.connectors.datagen;

import io.sluice.connectors.sequence.SequenceReader;
import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorException;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.Source;
import io.sluice.engine.connector.SourceReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.util.List;

/**
 * {@code 'connector' = 'datagen'}: rows made from the stream's own schema. Each column is a
 * sequence ({@code 'fields.<col>.kind' = 'sequence'}: start, start + 1, ...) or random
 * (the default: numbers uniform in [min, max], text of a given length, booleans); values are a
 * function of the seed, the row number and the column, so the stream is the same at every run.
 * {@code 'number-of-rows'} bounds it (the stream ends); {@code 'rows-per-second'} paces it. Row n
 * is made by reader {@code n % partitions}.
 */
public final class DatagenConnectorFactory implements ConnectorFactory {
    @Override
    public String name() {
        return "datagen";
    }

    @Override
    public String description() {
        return "rows generated from the stream's columns: sequences and random values";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.optional("number-of-rows", OptionType.LONG, null, "rows to make; the stream then ends (unbounded without it)"),
                ConfigOption.optional("rows-per-second", OptionType.DOUBLE, null, "rows per second over all partitions (as fast as possible without it)"),
                ConfigOption.optional("seed", OptionType.LONG, "42", "seed of the random values"),
                ConfigOption.oneOf("fields.#.kind", List.of("random", "sequence"), "random", "how column # is made"),
                ConfigOption.optional("fields.#.min", OptionType.DOUBLE, null, "smallest random value of column # (default 0; timestamps: epoch ms)"),
                ConfigOption.optional("fields.#.max", OptionType.DOUBLE, null, "largest random value of column # (default 1000000, 1.0 for DOUBLE)"),
                ConfigOption.optional("fields.#.start", OptionType.LONG, null, "first value of a sequence column # (default 1; timestamps: epoch ms)"),
                ConfigOption.optional("fields.#.length", OptionType.INT, null, "length of random text in column # (default 10)"));
    }

    @Override
    public boolean isSource() {
        return true;
    }

    @Override
    public boolean isSink() {
        return false;
    }

    @Override
    public boolean needsFormat() {
        return false;
    }

    @Override
    public Source createSource(ConnectorContext context) {
        RowSchema schema = context.schema();
        long rows = context.options().getLong("number-of-rows", -1);
        if (context.options().has("number-of-rows") && rows < 0) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "number-of-rows", "Option 'number-of-rows' must not be negative");
        }
        double rate = context.options().getDouble("rows-per-second", 0);
        if (context.options().has("rows-per-second") && rate <= 0) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "rows-per-second", "Option 'rows-per-second' must be positive");
        }
        long seed = context.options().getLong("seed", 42);
        ColumnGenerator[] columns = new ColumnGenerator[schema.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = ColumnGenerator.of(schema, c, context.options());
        }
        long total = rows < 0 ? Long.MAX_VALUE : rows;
        int partitions = context.partitions();
        return new Source() {
            @Override
            public boolean bounded() {
                return rows >= 0;
            }

            @Override
            public SourceReader openReader(int partition, byte[] position) {
                return new Reader(columns, seed, SequenceReader.startOf(partition, position), partitions, total, rate);
            }
        };
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        throw new UnsupportedOperationException("datagen is a source");
    }

    /** Makes rows next, next + partitions, ...: each column from its generator. */
    private static final class Reader extends SequenceReader {
        private final ColumnGenerator[] columns;
        private final long seed;

        Reader(ColumnGenerator[] columns, long seed, long next, int step, long total, double rate) {
            super(next, step, total, rate);
            this.columns = columns;
            this.seed = seed;
        }

        @Override
        protected void fill(long n, RowWriter row) {
            for (int c = 0; c < columns.length; c++) {
                columns[c].put(row, c, n, seed);
            }
        }

        @Override
        protected String describe(long current) {
            return "datagen row " + current;
        }
    }
}
