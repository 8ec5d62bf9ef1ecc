package io.sluice.storage.chronicle;

import io.sluice.storage.StorageException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The small file that makes a directory under {@code streams/} a log: its name as created and its
 * partition count, so that {@code open(name)} after a restart knows the log's shape.
 *
 * <pre>
 * &lt;dataDir&gt;/streams/&lt;key&gt;/log.properties   (UTF-8, java.util.Properties syntax)
 *   format=2          version of this file and of the partitions' documents; a reader refuses any other
 *                     (1: one record per Chronicle document; 2: several, see {@link RecordDocument})
 *   name=Orders       the name as given to create (the directory is its lower-cased key)
 *   partitions=4      the partition count, fixed for the log's life
 * </pre>
 *
 * The file is written last on create (to a temporary file, synced, then renamed atomically) and
 * deleted first on delete, so a directory without it is the leftover of an interrupted create or
 * delete and is not a log.
 */
record LogDescriptor(String name, int partitions) {
    static final String FILE_NAME = "log.properties";
    /**
     * 2 since a Chronicle document holds several records: a queue of format 1 would be misread, so it
     * is refused at open with a message naming both formats.
     */
    private static final String FORMAT = "2";

    static Path file(Path logDir) {
        return logDir.resolve(FILE_NAME);
    }

    /** Writes this descriptor into {@code logDir} atomically and durably. */
    void write(Path logDir) {
        Path target = file(logDir);
        Path tmp = logDir.resolve(FILE_NAME + ".tmp");
        String text = "format=" + FORMAT + "\nname=" + name + "\npartitions=" + partitions + "\n";
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot write the descriptor of log '" + name + "' in " + logDir, e);
        }
    }

    /** Reads the descriptor of {@code logDir}, or null if the directory has none. */
    static LogDescriptor read(Path logDir) {
        Path f = file(logDir);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(f, StandardCharsets.UTF_8))) {
            p.load(r);
        } catch (IOException e) {
            throw new StorageException("cannot read log descriptor " + f, e);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new StorageException("log descriptor " + f + " has format " + p.getProperty("format")
                    + "; this version of Sluice reads format " + FORMAT);
        }
        try {
            int partitions = Integer.parseInt(p.getProperty("partitions", ""));
            String name = p.getProperty("name");
            if (partitions < 1 || name == null) {
                throw new NumberFormatException();
            }
            return new LogDescriptor(name, partitions);
        } catch (NumberFormatException e) {
            throw new StorageException("log descriptor " + f + " is corrupt: " + p, e);
        }
    }
}
