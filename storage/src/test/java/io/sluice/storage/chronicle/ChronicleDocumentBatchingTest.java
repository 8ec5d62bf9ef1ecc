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

import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordHandler;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageException;
import io.sluice.storage.chronicle.Records.Read;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several records per Chronicle document ({@link RecordDocument}): a batch is split into bounded
 * documents, and readers resume inside a document exactly where they stopped.
 */
class ChronicleDocumentBatchingTest {
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

    /** 1000 small records with two records larger than a document's byte bound among them. */
    private static List<String> mixedBatch() {
        List<String> texts = numbered("r", 0, 1000);
        texts.set(300, "big-" + "x".repeat(RecordDocument.MAX_BYTES + 10));
        texts.set(301, "big2-" + "y".repeat(3 * RecordDocument.MAX_BYTES));
        return texts;
    }

    @Test
    void aLargeBatchIsSplitIntoBoundedDocumentsAndReadsBackWhole() {
        PartitionLog p = store.create("s", 1).partition(0);
        List<String> texts = mixedBatch();
        long last = appendBatch(p, texts);

        List<Read> read = drain(p.openReader());
        assertEquals(texts, texts(read));
        assertEquals(last, read.get(read.size() - 1).offset(), "the batch append returns its last record's offset");
        assertEquals(last, p.endOffset());
        assertEquals(1000, p.recordCount());
        Map<Long, Integer> perDocument = new HashMap<>();
        for (int k = 0; k < read.size(); k++) {
            if (k > 0) {
                assertTrue(read.get(k).offset() > read.get(k - 1).offset(), "offsets increase at #" + k);
            }
            perDocument.merge(RecordDocument.index(read.get(k).offset()), 1, Integer::sum);
        }
        assertTrue(perDocument.size() >= 6, "1000 records need at least 4 documents, plus one per big record: " + perDocument);
        assertTrue(perDocument.size() < 20, "small records share documents: " + perDocument.size() + " documents");
        for (int n : perDocument.values()) {
            assertTrue(n <= RecordDocument.MAX_RECORDS, "a document holds at most " + RecordDocument.MAX_RECORDS + ": " + n);
        }
        assertEquals(1, perDocument.get(RecordDocument.index(read.get(300).offset())), "a record over the bound is alone");
        assertEquals(1, perDocument.get(RecordDocument.index(read.get(301).offset())), "a record over the bound is alone");
        assertEquals(0, RecordDocument.slot(read.get(302).offset()), "the records after it start a new document");
    }

    @Test
    void seekAfterARecordInsideADocumentResumesAtTheNextRecord() {
        PartitionLog p = store.create("s", 1).partition(0);
        appendBatch(p, numbered("a", 0, 300));
        append(p, "single");
        List<Read> read = drain(p.openReader());
        assertEquals(301, read.size());
        for (int k : new int[] {0, 1, 100, 253, 254, 255, 256, 298, 299, 300}) {
            try (LogReader reader = p.openReader()) {
                reader.seekAfter(read.get(k).offset());
                assertEquals(read.get(k).offset(), reader.lastOffset());
                assertEquals(read.subList(k + 1, read.size()), drain(reader), "after record #" + k);
            }
        }
        try (LogReader reader = p.openReader()) {
            long inSecondDocument = read.get(255).offset(); // records 255..299: slots 0..44
            assertEquals(0, RecordDocument.slot(inSecondDocument));
            long pastItsLastRecord = inSecondDocument | 100;
            assertFalse(read.stream().anyMatch(r -> r.offset() == pastItsLastRecord), "no record has that slot");
            assertThrows(StorageException.class, () -> reader.seekAfter(pastItsLastRecord),
                    "a slot beyond the document's records is no record");
        }
    }

    @Test
    void maxRecordsStopsInsideADocumentAndTheNextPollResumesThere() {
        PartitionLog p = store.create("s", 1).partition(0);
        appendBatch(p, numbered("a", 0, 200)); // one document
        List<Read> all = drain(p.openReader());
        try (LogReader reader = p.openReader()) {
            List<Read> got = new ArrayList<>();
            RecordHandler collect = (o, b, i, l) -> got.add(new Read(o, b.getStringWithoutLengthUtf8(i, l)));
            assertEquals(50, reader.poll(collect, 50));
            assertEquals(all.subList(0, 50), got);
            assertEquals(all.get(49).offset(), reader.lastOffset());
            appendBatch(p, numbered("b", 0, 10)); // an append in between does not disturb the resume point
            assertEquals(1, reader.poll(collect, 1));
            assertEquals(all.get(50), got.get(50));
            assertEquals(149 + 10, reader.poll(collect, 1000), "the rest of the first document, then the second");
            assertEquals(0, reader.poll(collect, 1000));
            assertEquals(all, got.subList(0, 200));
            assertEquals(numbered("b", 0, 10), texts(got.subList(200, 210)));
        }
    }

    @Test
    void aHandlerThatThrowsInsideADocumentGetsThatRecordAgainAndNoEarlierOne() {
        PartitionLog p = store.create("s", 1).partition(0);
        appendBatch(p, numbered("a", 0, 100)); // one document
        List<String> got = new ArrayList<>();
        boolean[] failed = {false};
        RecordHandler failOnceAt37 = (o, b, i, l) -> {
            String text = b.getStringWithoutLengthUtf8(i, l);
            if (text.equals("a37") && !failed[0]) {
                failed[0] = true;
                throw new IllegalStateException("handler failure");
            }
            got.add(text);
        };
        try (LogReader reader = p.openReader()) {
            assertThrows(IllegalStateException.class, () -> reader.poll(failOnceAt37, 1000));
            assertEquals(numbered("a", 0, 37), got);
            long handedLast = reader.lastOffset();
            assertEquals(63, reader.poll(failOnceAt37, 1000));
            assertEquals(numbered("a", 0, 100), got, "a37 again, then the rest; nothing before it twice");
            assertTrue(handedLast < reader.lastOffset());
        }
    }

    @Test
    void recordCountAndEndOffsetSurviveAReopen() {
        PartitionLog p = store.create("s", 1).partition(0);
        append(p, "first");
        appendBatch(p, mixedBatch());
        appendBatch(p, numbered("c", 0, 3));
        long end = p.endOffset();
        List<Read> before = drain(p.openReader());

        reopen();

        PartitionLog again = store.open("s").orElseThrow().partition(0);
        assertEquals(1004, again.recordCount(), "the count of records, not of documents");
        assertEquals(end, again.endOffset());
        assertEquals(before, drain(again.openReader()));
        try (LogReader reader = again.openReader()) {
            reader.seekAfter(before.get(500).offset()); // inside a document written before the reopen
            assertEquals(before.subList(501, before.size()), drain(reader));
        }
        long next = append(again, "after");
        assertTrue(next > end);
        assertEquals(1005, again.recordCount());
        appendBatch(again, numbered("d", 0, 300));
        assertEquals(1305, again.recordCount());
        long endAfter = again.endOffset();

        reopen();

        PartitionLog third = store.open("s").orElseThrow().partition(0);
        assertEquals(1305, third.recordCount());
        assertEquals(endAfter, third.endOffset());
        try (LogReader reader = third.openReader()) {
            reader.seekAfter(end);
            List<String> expected = new ArrayList<>(List.of("after"));
            expected.addAll(numbered("d", 0, 300));
            assertEquals(expected, texts(drain(reader)));
        }
    }

    @Test
    void readersNeverSeePartOfAMultiDocumentBatchWhoseAppendHasNotReturned() throws Exception {
        PartitionLog p = store.create("s", 1).partition(0);
        int batchSize = 3 * RecordDocument.MAX_RECORDS + 7; // four documents per batch
        assertReaderSeesWholeBatches(p, batchSize, 60, 100);
        assertEquals(60L * batchSize, p.recordCount());
    }

    @Test
    void aLogOfTheOneRecordPerDocumentFormatIsRefusedClearly() throws Exception {
        store.create("old", 1);
        reopen();
        Path descriptor = dir.resolve("streams/old/log.properties");
        Files.writeString(descriptor, Files.readString(descriptor, StandardCharsets.UTF_8).replace("format=2", "format=1"),
                StandardCharsets.UTF_8);
        StorageException e = assertThrows(StorageException.class, () -> store.open("old"));
        assertTrue(e.getMessage().contains("format 1") && e.getMessage().contains("format 2"), e.getMessage());
    }
}
