package io.sluice.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedEnginesTest {
    @TempDir
    Path tmp;

    /** Counts how often it is closed. */
    static final class Engine implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private final AtomicInteger opens = new AtomicInteger();
    private final SharedEngines<Engine> engines = new SharedEngines<>();

    private Engine open(Path p) {
        opens.incrementAndGet();
        return new Engine();
    }

    @Test
    void connectionsToOneDirectoryShareOneEngineAndTheLastCloseClosesIt() throws Exception {
        Path dir = tmp.resolve("data");
        var first = engines.acquire(dir, this::open);
        var second = engines.acquire(tmp.resolve("./other/../data"), this::open);
        assertSame(first.engine(), second.engine());
        assertEquals(1, opens.get());
        assertEquals(2, engines.references(dir));

        first.close();
        first.close(); // a second close must not release the other connection's hold
        assertEquals(0, first.engine().closes.get());
        assertEquals(1, engines.references(dir));

        second.close();
        assertEquals(1, second.engine().closes.get());
        assertEquals(0, engines.references(dir));
    }

    @Test
    void aSymbolicLinkSharesTheEngineOfItsTarget() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        var a = engines.acquire(dir, this::open);
        var b = engines.acquire(link, this::open);
        assertSame(a.engine(), b.engine());
        a.close();
        b.close();
    }

    @Test
    void differentDirectoriesGetDifferentEnginesAndAReopenAfterTheLastCloseStartsAfresh() throws Exception {
        var a = engines.acquire(tmp.resolve("a"), this::open);
        var b = engines.acquire(tmp.resolve("b"), this::open);
        assertNotSame(a.engine(), b.engine());
        a.close();
        var again = engines.acquire(tmp.resolve("a"), this::open);
        assertNotSame(a.engine(), again.engine());
        assertEquals(3, opens.get());
        b.close();
        again.close();
    }

    @Test
    void anEngineThatFailsToOpenLeavesNothingRegistered() throws Exception {
        Path dir = tmp.resolve("bad");
        assertThrows(IllegalStateException.class, () -> engines.acquire(dir, p -> {
            throw new IllegalStateException("cannot open");
        }));
        assertEquals(0, engines.references(dir));
        var ok = engines.acquire(dir, this::open);
        assertEquals(1, engines.references(dir));
        assertTrue(Files.isDirectory(dir));
        ok.close();
    }
}
