package io.sluice.connectors.sinks;

import io.sluice.engine.connector.ConfigOption;
import io.sluice.engine.connector.ConnectorContext;
import io.sluice.engine.connector.ConnectorFactory;
import io.sluice.engine.connector.DeliveryGuarantee;
import io.sluice.engine.connector.OptionType;
import io.sluice.engine.connector.Sink;
import io.sluice.engine.connector.SinkWriter;
import io.sluice.engine.connector.Source;
import io.sluice.storage.row.RowReader;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code 'connector' = 'console'}: a sink that prints each row of its stream to standard output (or
 * standard error), one line per row: {@code <stream>:<partition>> +I[1, 'text', 2026-01-01 00:00:00.000]},
 * or with {@code 'print-identifier'} in front instead of the stream's name. At-least-once: rows read
 * after the last checkpoint are printed again after a crash. For trying things out, not for volume.
 */
public final class ConsoleConnectorFactory implements ConnectorFactory {
    @Override
    public String name() {
        return "console";
    }

    @Override
    public String description() {
        return "prints each row to standard output (a sink)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.optional("print-identifier", OptionType.STRING, null, "text in front of each line instead of the stream's name"),
                ConfigOption.oneOf("target", List.of("stdout", "stderr"), "stdout", "where rows are printed"));
    }

    @Override
    public boolean isSource() {
        return false;
    }

    @Override
    public boolean isSink() {
        return true;
    }

    @Override
    public boolean needsFormat() {
        return false;
    }

    @Override
    public Source createSource(ConnectorContext context) {
        throw new UnsupportedOperationException("console is a sink");
    }

    @Override
    public Sink createSink(ConnectorContext context) {
        String id = context.options().getString("print-identifier", context.stream());
        boolean stderr = context.options().getString("target", "stdout").equals("stderr");
        return new Sink() {
            @Override
            public DeliveryGuarantee guarantee() {
                return DeliveryGuarantee.AT_LEAST_ONCE;
            }

            @Override
            public SinkWriter openWriter(int partition, byte[] state) {
                String prefix = id + ":" + partition + "> ";
                return new SinkWriter() {
                    private final StringBuilder line = new StringBuilder();

                    @Override
                    public void write(RowReader row) {
                        // System.out is looked up per row so that a redirected stream (setOut) is honoured
                        PrintStream out = stderr ? System.err : System.out;
                        line.setLength(0);
                        line.append(prefix).append(row.kind().shortName()).append('[');
                        for (int i = 0; i < row.schema().size(); i++) {
                            if (i > 0) {
                                line.append(", ");
                            }
                            Object v = row.getObject(i);
                            switch (row.schema().type(i).kind()) {
                                case VARCHAR -> line.append(v == null ? "NULL" : "'" + v + "'");
                                case TIMESTAMP -> line.append(v == null ? "NULL"
                                        : io.sluice.connectors.format.Timestamps.toString((Long) v));
                                default -> line.append(v == null ? "NULL" : v);
                            }
                        }
                        out.println(line.append(']'));
                    }

                    @Override
                    public byte[] prepareCheckpoint() {
                        (stderr ? System.err : System.out).flush();
                        return null;
                    }

                    @Override
                    public void commit(byte[] state) {
                    }

                    @Override
                    public void close() {
                        (stderr ? System.err : System.out).flush();
                    }
                };
            }
        };
    }
}
