package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dsluice.storage.pretouch.bytes}: the background thread that warms log files ahead of their
 * writers runs by default once a stream exists, and 0 turns it off.
 */
class StoragePretouchSettingTest {
    private static final String PROPERTY = "sluice.storage.pretouch.bytes";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static long pretouchers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("sluice-pretouch")).count();
    }

    private static long pretouchersWhileAStreamIsWritten(Path dir) {
        try (Sluice sluice = Sluice.open(SluiceConfig.builder(dir).workers(1).build())) {
            sluice.execute("CREATE STREAM s (a INT)");
            sluice.execute("INSERT INTO s VALUES (1), (2)");
            return pretouchers();
        }
    }

    @Test
    void onByDefaultAndOffWithZero(@TempDir Path on, @TempDir Path off) {
        long before = pretouchers();
        assertTrue(pretouchersWhileAStreamIsWritten(on) > before, "a pretouch thread runs by default");
        assertEquals(before, pretouchers(), "closing Sluice stops it");
        System.setProperty(PROPERTY, "0");
        assertEquals(before, pretouchersWhileAStreamIsWritten(off), "0 turns it off");
    }
}
