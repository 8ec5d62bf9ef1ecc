package io.sluice.storage.chronicle;

import static io.sluice.storage.chronicle.Records.append;
import static io.sluice.storage.chronicle.Records.appendBatch;
import static io.sluice.storage.chronicle.Records.assertReaderSeesWholeBatches;
import static io.sluice.storage.chronicle.Records.drain;
import static io.sluice.storage.chronicle.Records.numbered;
import static io.sluice.storage.chronicle.Records.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.Durability;
import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageException;
import io.sluice.storage.chronicle.Records.Read;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleLogStoreTest {
    @TempDir
    Path dir;
    private LogStore store;

    @BeforeEach
    void open() {
        store = ChronicleLogStore.open(StorageConfig.of(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void reopen() {
        store.close();
        store = ChronicleLogStore.open(StorageConfig.of(dir));
    }

    @Test
    void recordsComeBackInOrderWithTheOffsetsAppendsReturned() {
        PartitionLog p = store.create("orders", 1).partition(0);
        assertEquals(LogReader.NO_OFFSET, p.endOffset());
        assertEquals(0, p.recordCount());

        List<Long> offsets = new ArrayList<>();
        offsets.add(append(p, "a"));
        long lastOfBatch = appendBatch(p, List.of("b", "c", "d"));
        offsets.add(append(p, "e"));

        List<Read> read = drain(p.openReader());
        assertEquals(List.of("a", "b", "c", "d", "e"), texts(read));
        assertEquals(offsets.get(0), read.get(0).offset());
        assertEquals(lastOfBatch, read.get(3).offset(), "a batch append returns the offset of its last record");
        assertEquals(offsets.get(1), read.get(4).offset());
        for (int i = 1; i < read.size(); i++) {
            assertTrue(read.get(i).offset() > read.get(i - 1).offset(), "offsets increase: " + read);
        }
        assertEquals(offsets.get(1), p.endOffset());
        assertEquals(5, p.recordCount());
    }

    @Test
    void emptyRecordsAreRefusedAndAnEmptyBatchAppendsNothing() {
        PartitionLog p = store.create("e", 1).partition(0);
        long first = append(p, "x");
        assertEquals(first, appendBatch(p, List.of()), "an empty batch appends nothing and returns the end");
        assertThrows(StorageException.class, () -> append(p, ""));
        assertThrows(StorageException.class, () -> appendBatch(p, List.of("y", "", "z")));
        assertThrows(StorageException.class, () -> store.metadata().append(new byte[0]));
        assertEquals(1, p.recordCount(), "a batch with an empty record is refused whole");
        assertEquals(List.of("x"), texts(drain(p.openReader())));
    }

    @Test
    void handlersSeeTheRecordInPlaceInTheMappedFileNotACopy() {
        PartitionLog p = store.create("z", 1).partition(0);
        append(p, "zero-copy");
        try (LogReader reader = p.openReader()) {
            boolean[] direct = {false};
            assertEquals(1, reader.poll((o, b, i, l) -> direct[0] = b.byteArray() == null && b.addressOffset() != 0, 1));
            assertTrue(direct[0], "the buffer wraps the mapped file's memory");
        }
    }

    @Test
    void partitionsAreIndependentLogs() {
        PartitionedLog log = store.create("clicks", 3);
        assertEquals(3, log.partitionCount());
        appendBatch(log.partition(0), numbered("zero-", 0, 10));
        appendBatch(log.partition(2), numbered("two-", 0, 4));

        assertEquals(numbered("zero-", 0, 10), texts(drain(log.partition(0).openReader())));
        assertEquals(List.of(), texts(drain(log.partition(1).openReader())));
        assertEquals(numbered("two-", 0, 4), texts(drain(log.partition(2).openReader())));
        assertEquals(10, log.partition(0).recordCount());
        assertEquals(0, log.partition(1).recordCount());
        assertEquals(LogReader.NO_OFFSET, log.partition(1).endOffset());
        assertThrows(IndexOutOfBoundsException.class, () -> log.partition(3));
    }

    @Test
    void aReaderFromTheStartAlsoSeesLaterAppends() {
        PartitionLog p = store.create("s", 1).partition(0);
        try (LogReader reader = p.openReader()) {
            assertEquals(0, reader.poll((o, b, i, l) -> { }, 10), "nothing yet");
            appendBatch(p, numbered("r", 0, 3));
            assertEquals(numbered("r", 0, 3), texts(drain(reader)));
            append(p, "later");
            assertEquals(List.of("later"), texts(drain(reader)));
            assertEquals(p.endOffset(), reader.lastOffset());
        }
    }

    @Test
    void seekAfterResumesExactlyAfterTheOffsetWithNoSkipAndNoRepeat() {
        PartitionLog p = store.create("s", 1).partition(0);
        List<String> all = numbered("m", 0, 25);
        appendBatch(p, all.subList(0, 10));
        for (String s : all.subList(10, 25)) {
            append(p, s);
        }
        List<Read> read = drain(p.openReader());
        assertEquals(all, texts(read));

        try (LogReader reader = p.openReader()) {
            for (int k = 0; k < read.size(); k++) {
                reader.seekAfter(read.get(k).offset());
                assertEquals(read.get(k).offset(), reader.lastOffset(), "a seek records where the reader resumes");
                assertEquals(read.subList(k + 1, read.size()), drain(reader), "after offset #" + k);
            }
            reader.seekAfter(LogReader.NO_OFFSET);
            assertEquals(read, drain(reader), "NO_OFFSET means the start");
        }
    }

    @Test
    void seekAfterAnOffsetThatIsNotThereFailsClearly() {
        PartitionLog p = store.create("s", 1).partition(0);
        long last = appendBatch(p, numbered("x", 0, 3));
        try (LogReader reader = p.openReader()) {
            StorageException e = assertThrows(StorageException.class, () -> reader.seekAfter(last + 1000));
            assertTrue(e.getMessage().contains("no record at offset " + (last + 1000)), e.getMessage());
            assertThrows(StorageException.class, () -> reader.seekAfter(-5));
        }
    }

    @Test
    void seekToEndSeesOnlyLaterAppends() {
        PartitionLog p = store.create("s", 1).partition(0);
        try (LogReader reader = p.openReader()) {
            reader.seekToEnd(); // empty log
            append(p, "first");
            assertEquals(List.of("first"), texts(drain(reader)));
        }
        appendBatch(p, numbered("old", 0, 5));
        try (LogReader reader = p.openReader()) {
            reader.seekToEnd();
            assertEquals(p.endOffset(), reader.lastOffset());
            assertEquals(0, reader.poll((o, b, i, l) -> { }, 100));
            appendBatch(p, List.of("new1", "new2"));
            assertEquals(List.of("new1", "new2"), texts(drain(reader)));
            reader.seekToStart();
            assertEquals(8, drain(reader).size());
        }
    }

    @Test
    void aRecordWhoseHandlerThrowsIsDeliveredAgain() {
        PartitionLog p = store.create("s", 1).partition(0);
        appendBatch(p, List.of("ok1", "boom", "ok2"));
        try (LogReader reader = p.openReader()) {
            List<String> seen = new ArrayList<>();
            boolean[] failed = {false};
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> reader.poll((o, b, i, l) -> {
                String s = b.getStringWithoutLengthUtf8(i, l);
                if (s.equals("boom") && !failed[0]) {
                    failed[0] = true;
                    throw new IllegalStateException("handler failed");
                }
                seen.add(s);
            }, 10));
            assertEquals("handler failed", thrown.getMessage(), "the handler's own exception reaches the caller");
            assertEquals(List.of("ok1"), seen);
            assertEquals(List.of("boom", "ok2"), texts(drain(reader)));
        }
    }

    @Test
    void aReaderCreatedOnOneThreadIsPolledAndClosedOnOthers() throws Exception {
        PartitionLog p = store.create("s", 1).partition(0);
        appendBatch(p, numbered("t", 0, 20));
        LogReader reader = p.openReader(); // created here, on the test thread
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            List<Read> a = first.submit(() -> {
                List<Read> out = new ArrayList<>();
                reader.poll((o, b, i, l) -> out.add(new Read(o, b.getStringWithoutLengthUtf8(i, l))), 5);
                return out;
            }).get(30, TimeUnit.SECONDS);
            assertEquals(numbered("t", 0, 5), texts(a));
            reader.seekAfter(a.get(2).offset()); // repositioned back on the test thread
            List<Read> b = second.submit(() -> drain(reader)).get(30, TimeUnit.SECONDS); // handed to another worker
            assertEquals(numbered("t", 3, 20), texts(b));
            first.submit(reader::close).get(30, TimeUnit.SECONDS);
            assertEquals(0, reader.poll((o, buf, i, l) -> { }, 10), "a closed reader reads nothing");
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    @Test
    void concurrentAppendsFromSeveralThreadsLoseNothingAndKeepBatchesWhole() throws Exception {
        PartitionLog p = store.create("s", 1).partition(0);
        int threads = 4;
        int batches = 200;
        int perBatch = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        if (b % 2 == 0) {
                            appendBatch(p, numbered(id + ":", b * perBatch, (b + 1) * perBatch));
                        } else {
                            for (String s : numbered(id + ":", b * perBatch, (b + 1) * perBatch)) {
                                append(p, s);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Read> read = drain(p.openReader());
        assertEquals(threads * batches * perBatch, read.size());
        assertEquals(read.size(), p.recordCount());
        int[] next = new int[threads];
        for (int k = 0; k < read.size(); k++) {
            String[] parts = read.get(k).text().split(":");
            int t = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            assertEquals(next[t], seq, "thread " + t + "'s records in its order, none lost or repeated");
            next[t]++;
            if (seq % perBatch != 0 && (seq / perBatch) % 2 == 0) {
                assertEquals(t + ":" + (seq - 1), read.get(k - 1).text(), "a batch lands contiguously");
            }
        }
        assertEquals(read.get(read.size() - 1).offset(), p.endOffset());
    }

    @Test
    void readersNeverSeePartOfABatchWhoseAppendHasNotReturned() throws Exception {
        assertReaderSeesWholeBatches(store.create("s", 1).partition(0), 50, 300, 1000);
    }

    @Test
    void reopeningKeepsEveryLogItsPartitionCountAndRecords() {
        PartitionedLog a = store.create("Alpha", 2);
        store.create("beta", 5);
        appendBatch(a.partition(0), numbered("a0-", 0, 50));
        appendBatch(a.partition(1), numbered("a1-", 0, 3));
        long end0 = a.partition(0).endOffset();

        reopen();

        PartitionedLog alpha = store.open("ALPHA").orElseThrow();
        assertEquals("Alpha", alpha.name(), "the name as created");
        assertEquals(2, alpha.partitionCount());
        assertEquals(5, store.open("beta").orElseThrow().partitionCount());
        assertTrue(store.open("gamma").isEmpty());
        assertEquals(numbered("a0-", 0, 50), texts(drain(alpha.partition(0).openReader())));
        assertEquals(numbered("a1-", 0, 3), texts(drain(alpha.partition(1).openReader())));
        assertEquals(end0, alpha.partition(0).endOffset());
        assertEquals(50, alpha.partition(0).recordCount());

        long next = append(alpha.partition(0), "after");
        assertTrue(next > end0, "offsets keep increasing after a restart");
        try (LogReader r = alpha.partition(0).openReader()) {
            r.seekAfter(end0);
            assertEquals(List.of("after"), texts(drain(r)));
        }
        assertThrows(StorageException.class, () -> store.create("alpha", 1), "names are case-insensitive");
    }

    @Test
    void aQueueFileLeftEmptyByACrashDuringItsCreationIsRecovered() throws Exception {
        PartitionedLog log = store.create("torn", 2);
        appendBatch(log.partition(0), numbered("p0-", 0, 10));
        store.close();
        // What kill -9 while partition 1 creates its first cycle file leaves (seen in the durability
        // test): the file exists with no bytes. Chronicle's own toEnd() then fails with NOT_REACHED.
        Path p0 = dir.resolve("streams/torn/0");
        Path cycleFile;
        try (var files = Files.list(p0)) {
            cycleFile = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        Files.createFile(dir.resolve("streams/torn/1").resolve(cycleFile.getFileName()));

        store = ChronicleLogStore.open(StorageConfig.of(dir));
        PartitionedLog torn = store.open("torn").orElseThrow();
        PartitionLog p1 = torn.partition(1);
        assertEquals(LogReader.NO_OFFSET, p1.endOffset());
        assertEquals(0, p1.recordCount());
        assertEquals(List.of(), texts(drain(p1.openReader())));
        long offset = append(p1, "after the crash");
        assertEquals(List.of(new Read(offset, "after the crash")), drain(p1.openReader()));
        assertEquals(1, p1.recordCount());
        assertEquals(numbered("p0-", 0, 10), texts(drain(torn.partition(0).openReader())));
    }

    @Test
    void theMetadataLogReplaysEntriesInOrderAfterReopen() {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            offsets.add(store.metadata().append(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        offsets.add(store.metadata().append(new byte[] {0}));
        reopen();
        List<String> entries = new ArrayList<>();
        List<Long> replayed = new ArrayList<>();
        store.metadata().replay((offset, entry) -> {
            replayed.add(offset);
            entries.add(new String(entry, StandardCharsets.UTF_8));
        });
        List<String> expected = numbered("entry ", 0, 30);
        expected.add("\0");
        assertEquals(expected, entries);
        assertEquals(offsets, replayed);
    }

    @Test
    void deleteRemovesTheLogAndItsFiles() {
        PartitionLog p = store.create("Doomed", 2).partition(0);
        appendBatch(p, numbered("d", 0, 5));
        LogReader reader = p.openReader();
        assertEquals(2, reader.poll((o, b, i, l) -> { }, 2));
        Path logDir = dir.resolve("streams").resolve("doomed");
        assertTrue(Files.isDirectory(logDir));

        store.delete("DOOMED");

        assertFalse(Files.exists(logDir), "the log's files are gone");
        assertTrue(store.open("doomed").isEmpty());
        assertEquals(0, reader.poll((o, b, i, l) -> { }, 10), "an open reader sees no further records");
        reader.close();
        assertThrows(StorageException.class, () -> append(p, "late"));
        store.delete("doomed"); // absent: no-op

        PartitionedLog again = store.create("doomed", 1);
        assertEquals(0, again.partition(0).recordCount(), "a log created again under the name starts empty");
        reopen();
        assertEquals(1, store.open("doomed").orElseThrow().partitionCount());
    }

    @Test
    void badNamesAndBadPartitionCountsAreRejected() {
        for (String bad : new String[] {"", "a b", "a/b", "..", "x.y", "caf\u00e9", "a\nb", "x".repeat(201)}) {
            assertThrows(StorageException.class, () -> store.create(bad, 1), "name '" + bad + "'");
            assertThrows(StorageException.class, () -> store.open(bad), "name '" + bad + "'");
        }
        assertThrows(StorageException.class, () -> store.create(null, 1));
        assertThrows(StorageException.class, () -> store.create("ok", 0));
        PartitionedLog ok = store.create("Ok_name-1$", 1);
        assertEquals("Ok_name-1$", ok.name());
        assertThrows(StorageException.class, () -> store.create("OK_NAME-1$", 2));
    }

    @Test
    void aDataDirectoryCanBeOpenByOneStoreAtATime() {
        StorageException e = assertThrows(StorageException.class, () -> ChronicleLogStore.open(StorageConfig.of(dir)));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }

    @Test
    void syncDurabilityAppendsAndReads() {
        store.close();
        store = ChronicleLogStore.open(StorageConfig.of(dir).withDurability(Durability.SYNC));
        PartitionLog p = store.create("synced", 1).partition(0);
        appendBatch(p, numbered("s", 0, 20));
        append(p, "one");
        reopen();
        List<String> expected = numbered("s", 0, 20);
        expected.add("one");
        assertEquals(expected, texts(drain(store.open("synced").orElseThrow().partition(0).openReader())));
    }

    @Test
    void closingTheStoreStopsItsLogs() {
        PartitionLog p = store.create("s", 1).partition(0);
        LogReader reader = p.openReader();
        append(p, "x");
        store.close();
        assertThrows(StorageException.class, () -> append(p, "y"));
        assertEquals(0, reader.poll((o, b, i, l) -> { }, 10));
        assertThrows(StorageException.class, () -> store.open("s"));
        store = ChronicleLogStore.open(StorageConfig.of(dir)); // for @AfterEach
    }
}
