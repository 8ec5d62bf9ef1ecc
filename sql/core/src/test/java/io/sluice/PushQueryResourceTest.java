package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push queries that end (by LIMIT, by cancel from another thread, by close mid-stream) leave no
 * thread and no open file behind: a long-running embedding application can run them forever.
 */
class PushQueryResourceTest {
    @TempDir
    Path dir;

    @Test
    void endedQueriesReleaseThreadsAndFiles() throws Exception {
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).build())) {
            s.execute("CREATE STREAM t (x INT, y VARCHAR) WITH ('partitions' = '4')");
            s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h')");
            runQueries(s, 3); // warm up: class loading and Chronicle's lazily started resources
            await(() -> s.metrics().runningTasks() == 0);
            assertEquals(new Metrics(0, 0, 0), s.metrics(), "the warm-up queries left tasks or readers running");
            Set<String> threadsBefore = threadNames();
            long filesBefore = openFiles();

            runQueries(s, 60);

            Set<String> threadsAfter = threadNames();
            long filesAfter = openFiles();
            for (int i = 0; i < 100 && (filesAfter > filesBefore || !threadsAfter.equals(threadsBefore)); i++) {
                Thread.sleep(50); // tasks release their readers on their worker's next turn
                threadsAfter = threadNames();
                filesAfter = openFiles();
            }
            await(() -> s.metrics().openReaders() == 0 && s.metrics().runningTasks() == 0);
            assertEquals(new Metrics(0, 0, 0), s.metrics(), "tasks or stream readers left behind");
            assertEquals(threadsBefore, threadsAfter, "threads left behind");
            // fewer is fine (the JVM may close a file of its own meanwhile); more is a leak
            assertTrue(filesAfter <= filesBefore, "open files left behind: " + filesBefore + " before, " + filesAfter
                    + " after");
        }
    }

    private static void runQueries(Sluice s, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> {
                    try (Rows rows = s.query("SELECT x FROM t LIMIT 5")) {
                        int count = 0;
                        while (rows.hasNext()) {
                            rows.next();
                            count++;
                        }
                        assertEquals(5, count);
                    }
                }
                case 1 -> {
                    Rows rows = s.query("SELECT y FROM t WHERE x > 2");
                    assertNotNull(rows.poll(10, TimeUnit.SECONDS));
                    Thread canceller = new Thread(rows::cancel);
                    canceller.start();
                    canceller.join();
                    while (rows.hasNext()) {
                        rows.next(); // rows already taken from the engine may still be handed out
                    }
                    assertFalse(rows.hasNext());
                }
                default -> {
                    Rows rows = s.query("SELECT x, y FROM t");
                    assertNotNull(rows.poll(10, TimeUnit.SECONDS));
                    rows.close();
                }
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25); // tasks release their readers on their worker's next turn
        }
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().startsWith("junit") && !t.getName().equals("process reaper")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
