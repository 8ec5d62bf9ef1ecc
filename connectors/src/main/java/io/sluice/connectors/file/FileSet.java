package io.sluice.connectors.file;

import io.sluice.engine.connector.ConnectorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a file source's {@code path} names: one file, the regular files of a directory, or the files
 * of a directory whose names match a glob ({@code *.jsonl}). Listing is sorted, so every start sees
 * files in the same order. Hidden files (a leading dot) are left out of directory listings.
 */
final class FileSet {
    private final Path single;
    private final Path dir;
    private final PathMatcher matcher;

    FileSet(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if (last.matches(".*[*?\\[{].*")) {
            single = null;
            dir = p.getParent();
            matcher = p.getFileSystem().getPathMatcher("glob:" + last);
        } else if (Files.isDirectory(p)) {
            single = null;
            dir = p;
            matcher = null;
        } else {
            single = p;
            dir = null;
            matcher = null;
        }
        String parentText = (dir != null ? dir : single.getParent()).toString();
        if (parentText.matches(".*[*?\\[{].*")) {
            throw new ConnectorException(ConnectorException.Reason.BAD_VALUE, FileConnectorFactory.PATH,
                    "Option 'path': a glob may only be in the file name, not in '" + parentText + "'");
        }
    }

    /** Whether the path names something that exists now (a file, a directory, a glob's directory). */
    boolean exists() {
        return single != null ? Files.isRegularFile(single) : Files.isDirectory(dir);
    }

    String describe() {
        return single != null ? single.toString() : matcher != null ? dir + " (glob)" : dir.toString();
    }

    /** The files, sorted by path; empty when nothing exists yet. */
    List<Path> list() {
        List<Path> out = new ArrayList<>();
        if (single != null) {
            if (Files.isRegularFile(single)) {
                out.add(single);
            }
            return out;
        }
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(f) && (matcher == null || matcher.matches(f.getFileName()))) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Reason.FAILED, FileConnectorFactory.PATH,
                    "Cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }
}
