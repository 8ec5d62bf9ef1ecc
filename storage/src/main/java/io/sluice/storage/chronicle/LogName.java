package io.sluice.storage.chronicle;

import io.sluice.storage.StorageException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates log names and maps them to the directory key. Names are case-insensitive: the key, which
 * is also the directory name, is the lower-cased name, so {@code Orders} and {@code ORDERS} are one log.
 */
final class LogName {
    /** Letters, digits, {@code _ - $}; ASCII only so that a directory name is the same on every file system. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_$-]{1,200}");

    private LogName() {
    }

    /** The directory key of a valid name; throws {@link StorageException} for an invalid one. */
    static String key(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new StorageException("invalid log name " + (name == null ? "null" : "'" + name + "'")
                    + ": a name has 1 to 200 characters, each a letter, a digit, '_', '-' or '$'");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
