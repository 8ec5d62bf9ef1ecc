package io.sluice.storage;

/** A storage operation failed: a missing or duplicate log, an offset no longer retained, I/O. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
