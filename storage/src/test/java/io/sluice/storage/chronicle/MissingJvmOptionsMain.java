package io.sluice.storage.chronicle;

import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageException;
import java.nio.file.Path;

/** Child JVM of {@link JvmOptionsCheckTest}: opens a store and prints what went wrong, if anything. */
public final class MissingJvmOptionsMain {
    private MissingJvmOptionsMain() {
    }

    public static void main(String[] args) {
        try {
            ChronicleLogStore.open(StorageConfig.of(Path.of(args[0]))).close();
            System.out.println("OPENED");
        } catch (StorageException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
