package io.sluice.storage.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.storage.LogReader;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.PartitionedLog;
import io.sluice.storage.StorageConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged append survives the process being killed with SIGKILL at any moment
 * ({@link io.sluice.storage.Durability#PROCESS}). A child JVM appends batches and reports each
 * acknowledgement; the test kills it at different moments, reopens the store, and checks that every
 * acknowledged record is there, intact and in order, and that appends resume after the crash.
 */
class DurabilityAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        long[] ackedCount = new long[CrashingAppenderMain.PARTITIONS];
        long[] ackedOffset = new long[CrashingAppenderMain.PARTITIONS];
        Arrays.fill(ackedOffset, LogReader.NO_OFFSET);
        // Kill after the first acknowledgement, a few, and many: early in a fresh queue and in full flow.
        for (int killAfter : new int[] {1, 25, 400}) {
            runAndKill(data, killAfter, ackedCount, ackedOffset);
            verify(data, ackedCount, ackedOffset);
        }
    }

    private void runAndKill(Path data, int killAfterLines, long[] ackedCount, long[] ackedOffset) throws Exception {
        Path stderr = dir.resolve("child-" + killAfterLines + ".err");
        Process child = ChildJvm.start(ChildJvm.sluiceJvmOptions(), CrashingAppenderMain.class, stderr, data.toString());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the child was killed: its pipe breaks
            } finally {
                lines.add("EOF");
            }
        }, "child-stdout");
        pump.setDaemon(true);
        pump.start();
        try {
            for (int n = 0; n < killAfterLines; n++) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                if (line == null || line.equals("EOF") || !line.startsWith("ACK ")) {
                    fail("child stopped before its acknowledgement #" + n + " (line: " + line + "); stderr:\n"
                            + Files.readString(stderr));
                }
                String[] f = line.split(" ");
                int p = Integer.parseInt(f[1]);
                ackedOffset[p] = Long.parseLong(f[2]);
                ackedCount[p] = Long.parseLong(f[3]);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
    }

    private static void verify(Path data, long[] ackedCount, long[] ackedOffset) {
        try (LogStore store = ChronicleLogStore.open(StorageConfig.of(data))) {
            PartitionedLog log = store.open(CrashingAppenderMain.LOG).orElseThrow();
            assertEquals(CrashingAppenderMain.PARTITIONS, log.partitionCount());
            for (int p = 0; p < log.partitionCount(); p++) {
                PartitionLog partition = log.partition(p);
                int part = p;
                long[] i = {0};
                long[] previous = {LogReader.NO_OFFSET};
                String[] problem = {null};
                try (LogReader reader = partition.openReader()) {
                    while (reader.poll((offset, buffer, index, length) -> {
                        String text = buffer.getStringWithoutLengthUtf8(index, length);
                        if (problem[0] == null && !text.equals(CrashingAppenderMain.record(part, i[0]))) {
                            problem[0] = "record #" + i[0] + " of partition " + part + " is '" + text + "'";
                        }
                        if (problem[0] == null && offset <= previous[0]) {
                            problem[0] = "offsets go backwards at record #" + i[0];
                        }
                        if (i[0] == ackedCount[part] - 1 && problem[0] == null && offset != ackedOffset[part]) {
                            problem[0] = "acknowledged record #" + i[0] + " has offset " + offset + ", not " + ackedOffset[part];
                        }
                        previous[0] = offset;
                        i[0]++;
                    }, 1000) > 0) {
                        // read to the end
                    }
                }
                assertEquals(null, problem[0]);
                assertTrue(i[0] >= ackedCount[p], "partition " + p + " holds " + i[0] + " records but "
                        + ackedCount[p] + " were acknowledged");
                assertEquals(i[0], partition.recordCount(), "recordCount after the crash");
                assertEquals(previous[0], partition.endOffset(), "endOffset after the crash");
                assertNotNull(partition);
                // What survived beyond the last acknowledgement the parent saw was acknowledged too (the
                // child was killed before the parent read its line): it counts from here on.
                ackedCount[p] = i[0];
                ackedOffset[p] = previous[0];
            }
        }
    }
}
