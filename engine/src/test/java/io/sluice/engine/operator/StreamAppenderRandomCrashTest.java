package io.sluice.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.RecordBatch;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.chronicle.ChronicleLogStore;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowKind;
import io.sluice.storage.row.RowReader;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.RowWriter;
import io.sluice.storage.row.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random crash points (mid-batch, between partitions, skipped checkpoints, crashes during replay). */
class StreamAppenderRandomCrashTest {
    private static final RowSchema SCHEMA = RowSchema.of(new Column("id", DataType.of(TypeKind.BIGINT)));
    private static final int WRITER = 9 << 12;
    @TempDir
    Path dir;

    static final class Crash extends RuntimeException {
    }

    /** Lets {@code budget[0]} more records through, then appends nothing more and throws. */
    private static PartitionedLog budgeted(PartitionedLog real, long[] budget) {
        return new PartitionedLog() {
            public String name() { return real.name(); }
            public int partitionCount() { return real.partitionCount(); }
            public PartitionLog partition(int p) {
                PartitionLog log = real.partition(p);
                return new PartitionLog() {
                    public int partition() { return p; }
                    public long append(RecordBatch b) {
                        for (int i = 0; i < b.size(); i++) {
                            if (budget[0]-- <= 0) throw new Crash();
                            log.append(b.buffer(), b.start(i), b.length(i));
                        }
                        return log.endOffset();
                    }
                    public long append(DirectBuffer b, int o, int l) { throw new IllegalStateException("this test appends batches only"); }
                    public long endOffset() { return log.endOffset(); }
                    public long recordCount() { return log.recordCount(); }
                    public LogReader openReader() { return log.openReader(); }
                };
            }
        };
    }

    private static List<Long> allIds(PartitionedLog log) {
        List<Long> ids = new ArrayList<>();
        RowReader r = new RowReader(SCHEMA);
        for (int p = 0; p < log.partitionCount(); p++) {
            try (LogReader reader = log.partition(p).openReader()) {
                while (reader.poll((o, b, i, l) -> ids.add(r.wrap(b, i, l).getLong(0)), 100) > 0) {
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exactlyOnceUnderRandomCrashes(int seed) {
        Random rnd = new Random(seed);
        int n = 3000;
        int keyIndex = seed % 2 == 0 ? 0 : -1;
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(dir))) {
            PartitionedLog out = store.create("out", 3);
            // another writer interleaves rows in the same partitions
            StreamAppender other = new StreamAppender(out, new RowConstraints("out", SCHEMA), -1, 5, 0);
            long cpIn = 0, cpSeq = 0;
            long[] cpPos = {LogReader.NO_OFFSET, LogReader.NO_OFFSET, LogReader.NO_OFFSET};
            RowWriter w = new RowWriter(SCHEMA);
            RowReader r = new RowReader(SCHEMA);
            int crashes = 0;
            while (true) {
                long[] budget = {crashes < 200 ? (rnd.nextBoolean() ? rnd.nextInt(4) : rnd.nextInt(400)) : Long.MAX_VALUE};
                StreamAppender a = new StreamAppender(budgeted(out, budget), new RowConstraints("out", SCHEMA),
                        keyIndex, WRITER, 1);
                a.recover(cpPos, cpSeq);
                long in = cpIn;
                try {
                    while (in < n) {
                        int batch = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 50);
                        for (int i = 0; i < batch && in < n; i++) {
                            long id = ++in;
                            if (id % 3 != 0) { // the Calc's filter
                                w.begin(RowKind.INSERT);
                                w.putLong(0, id);
                                a.write(r.wrap(w.buffer(), 0, w.length()));
                            }
                        }
                        a.flush();
                        w.begin(RowKind.INSERT);
                        w.putLong(0, -1);
                        other.write(r.wrap(w.buffer(), 0, w.length()));
                        other.flush();
                        if (rnd.nextInt(3) == 0) { // checkpoint (else: crash before it / not due)
                            cpIn = in;
                            cpSeq = a.seq();
                            cpPos = a.endOffsets();
                        }
                    }
                    cpIn = in; cpSeq = a.seq(); cpPos = a.endOffsets();
                    break;
                } catch (Crash c) {
                    crashes++;
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long id = 1; id <= n; id++) {
                if (id % 3 != 0) expected.add(id);
            }
            List<Long> got = allIds(out);
            got.removeIf(x -> x == -1);
            assertEquals(expected, got, "after " + crashes + " crashes");
        }
    }
}
