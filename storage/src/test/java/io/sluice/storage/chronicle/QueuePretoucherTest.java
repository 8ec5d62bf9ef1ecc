package io.sluice.storage.chronicle;

import static io.sluice.storage.chronicle.Records.appendBatch;
import static io.sluice.storage.chronicle.Records.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.Durability;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.StorageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's pretoucher: started with the first log, warms ahead of a moving writer only, gone after close. */
class QueuePretoucherTest {
    private static final long AHEAD = 4L << 20;
    private static final List<String> KILOBYTE_RECORDS = Collections.nCopies(64, "x".repeat(1024));

    @TempDir
    Path dir;

    @Test
    void warmsAheadOfAMovingWriterBoundedByTheConfiguredDistance() {
        try (ChronicleLogStore store = ChronicleLogStore.open(StorageConfig.of(dir).withPretouchAheadBytes(AHEAD))) {
            QueuePretoucher pretoucher = store.pretoucher();
            PartitionLog p = store.create("events", 2).partition(0);
            long appended = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // keep the writer moving until the pretoucher has warmed at least one top-up ahead of it
            while (pretoucher.bytesTouched() < (1 << 20) && System.nanoTime() < deadline) {
                appendBatch(p, KILOBYTE_RECORDS);
                appended += 64 * 1024;
            }
            long touched = pretoucher.bytesTouched();
            assertTrue(touched >= 1 << 20, "warmed " + touched + " bytes after " + appended + " appended");
            // never further than the configured distance past what the writer has written (plus its headers and index)
            assertTrue(touched <= 2 * appended + AHEAD, "warmed " + touched + " bytes after " + appended + " appended");
            // warming only reads: every record is intact
            assertEquals(appended / 1024, drain(p.openReader()).size());
        }
    }

    @Test
    void anIdleWritersFileIsLetGoAndWarmedAgainWhenItMoves() throws InterruptedException {
        try (ChronicleLogStore store = ChronicleLogStore.open(StorageConfig.of(dir).withPretouchAheadBytes(AHEAD))) {
            QueuePretoucher pretoucher = store.pretoucher();
            PartitionLog p = store.create("events", 1).partition(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pretoucher.bytesTouched() == 0 && System.nanoTime() < deadline) {
                appendBatch(p, KILOBYTE_RECORDS);
            }
            assertTrue(pretoucher.bytesTouched() > 0, "a moving writer is warmed");
            // the writer stops: within a few seconds the pretoucher holds no file of it any more
            while (pretoucher.holding() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, pretoucher.holding(), "an idle writer's file is let go");
            long before = pretoucher.bytesTouched();
            while (pretoucher.bytesTouched() == before && System.nanoTime() < deadline) {
                appendBatch(p, KILOBYTE_RECORDS);
            }
            assertTrue(pretoucher.bytesTouched() > before, "warmed again once it moves");
        }
    }

    @Test
    void threadStartsWithTheFirstLogAndIsGoneAfterClose() {
        ChronicleLogStore store = ChronicleLogStore.open(StorageConfig.of(dir));
        QueuePretoucher pretoucher = store.pretoucher();
        try {
            assertFalse(pretoucher.threadAlive(), "no log, no thread");
            store.create("a", 3);
            store.create("b", 1);
            assertEquals(4, pretoucher.registered());
            assertTrue(pretoucher.threadAlive());
            appendBatch(store.open("a").orElseThrow().partition(1), KILOBYTE_RECORDS);

            store.delete("a"); // its queues are let go before they close
            assertEquals(1, pretoucher.registered());
        } finally {
            store.close();
        }
        assertFalse(pretoucher.threadAlive(), "close stops and joins the thread");
        assertEquals(0, pretoucher.registered());
        assertEquals(List.of(), pretoucherThreads());
    }

    @Test
    void zeroTurnsItOff() {
        try (ChronicleLogStore store = ChronicleLogStore.open(StorageConfig.of(dir).withPretouchAheadBytes(0))) {
            assertNull(store.pretoucher());
            PartitionLog p = store.create("events", 1).partition(0);
            appendBatch(p, KILOBYTE_RECORDS);
            assertEquals(64, drain(p.openReader()).size());
            assertEquals(List.of(), pretoucherThreads());
        }
    }

    @Test
    void configDefaultsAndValidation() {
        StorageConfig config = new StorageConfig(dir, Durability.SYNC);
        assertEquals(StorageConfig.DEFAULT_PRETOUCH_AHEAD_BYTES, config.pretouchAheadBytes());
        assertEquals(123, config.withPretouchAheadBytes(123).withDurability(Durability.PROCESS).pretouchAheadBytes());
        assertThrows(IllegalArgumentException.class, () -> config.withPretouchAheadBytes(-1));
    }

    private static List<String> pretoucherThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("sluice-pretoucher") && t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
