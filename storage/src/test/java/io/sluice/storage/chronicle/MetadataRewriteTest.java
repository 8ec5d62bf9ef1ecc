package io.sluice.storage.chronicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.storage.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rewriting the metadata log is atomic: after a crash at any step it holds the old or the new entries. */
class MetadataRewriteTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> entries(ChronicleLogStore store) {
        List<String> out = new ArrayList<>();
        store.metadata().replay((offset, e) -> out.add(new String(e, StandardCharsets.UTF_8)));
        return out;
    }

    private ChronicleLogStore open(Path d) {
        return ChronicleLogStore.open(StorageConfig.of(d));
    }

    @Test
    void rewriteReplacesTheEntriesAndAppendsCarryOn() {
        try (ChronicleLogStore store = open(dir)) {
            for (int i = 0; i < 100; i++) {
                store.metadata().append(b("old" + i));
            }
            store.metadata().rewrite(List.of(b("a"), b("b")));
            assertEquals(List.of("a", "b"), entries(store));
            store.metadata().append(b("c"));
        }
        try (ChronicleLogStore store = open(dir)) {
            assertEquals(List.of("a", "b", "c"), entries(store));
        }
        assertFalse(Files.exists(dir.resolve("meta.new")));
        assertFalse(Files.exists(dir.resolve("meta.old")));
    }

    /** Builds a complete metadata directory holding {@code values}, as a finished rewrite would. */
    private Path completeLog(String... values) {
        Path other = dir.resolve("other");
        try (ChronicleLogStore store = open(other)) {
            for (String v : values) {
                store.metadata().append(b(v));
            }
        }
        return other.resolve("meta");
    }

    @Test
    void aCrashBetweenTheRenamesFinishesTheSwap() throws Exception {
        Path data = dir.resolve("data");
        try (ChronicleLogStore store = open(data)) {
            store.metadata().append(b("old"));
        }
        Path fresh = completeLog("new1", "new2");
        Files.move(data.resolve("meta"), data.resolve("meta.old"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(fresh, data.resolve("meta.new"), StandardCopyOption.ATOMIC_MOVE);
        try (ChronicleLogStore store = open(data)) {
            assertEquals(List.of("new1", "new2"), entries(store));
        }
        assertFalse(Files.exists(data.resolve("meta.old")));
    }

    @Test
    void aCrashBeforeTheSwapKeepsTheOldEntries() throws Exception {
        Path data = dir.resolve("data");
        try (ChronicleLogStore store = open(data)) {
            store.metadata().append(b("old"));
        }
        Files.move(completeLog("half-written"), data.resolve("meta.new"), StandardCopyOption.ATOMIC_MOVE);
        try (ChronicleLogStore store = open(data)) {
            assertEquals(List.of("old"), entries(store));
        }
        assertFalse(Files.exists(data.resolve("meta.new")));
    }
}
