package io.sluice.engine.connector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test source ({@code 'connector' = 'counting'}): reader p hands over the numbers p, p + partitions,
 * ... below {@code count}; every number with {@code n % 7 == 3} is rejected as a bad record. It
 * never hands over a number at or above {@link #GATE}, so a test can stop it part-way.
 */
public final class CountingConnector implements ConnectorFactory {
    static final AtomicLong GATE = new AtomicLong(Long.MAX_VALUE);

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public String description() {
        return "numbers, for tests";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(ConfigOption.required("count", OptionType.LONG, "how many numbers"),
                ConfigOption.optional("label", OptionType.STRING, "n", "a text option"),
                ConfigOption.oneOf("parity", List.of("any", "even"), "any", "an enum option"),
                ConfigOption.optional("col.#.scale", OptionType.INT, null, "a per-column option"));
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
    public void validate(ConnectorContext context, boolean sink) {
        if (context.options().getLong("count", 0) < 0) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, "count", "Option 'count' must not be negative");
        }
    }

    @Override
    public Source createSource(ConnectorContext context) {
        long count = context.options().getLong("count", 0);
        int partitions = context.partitions();
        return new Source() {
            @Override
            public boolean bounded() {
                return true;
            }

            @Override
            public SourceReader openReader(int partition, byte[] position) {
                return new SourceReader() {
                    long next = position == null ? partition : ByteBuffer.wrap(position).getLong();

                    @Override
                    public int poll(SourceOutput out, int maxRecords) {
                        int n = 0;
                        while (n < maxRecords && next < count && next < GATE.get()) {
                            if (next % 7 == 3) {
                                byte[] raw = ("bad " + next).getBytes(StandardCharsets.UTF_8);
                                out.reject(raw, 0, raw.length, "seven");
                            } else {
                                out.row().putLong(0, next);
                                out.emit();
                            }
                            next += partitions;
                            n++;
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return next >= count;
                    }

                    @Override
                    public byte[] position() {
                        return ByteBuffer.allocate(8).putLong(next).array();
                    }

                    @Override
                    public String describePosition() {
                        return "number " + next;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        // isSink() is false: the engine never asks a source-only connector for a sink
        throw new UnsupportedOperationException("counting is a source only");
    }
}
