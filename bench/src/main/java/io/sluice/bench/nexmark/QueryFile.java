package io.sluice.bench.nexmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark query file, {@code bench/nexmark/<name>.sql}: the result stream's DDL and one
 * {@code CREATE PIPELINE <p> AS INSERT INTO <result> ...}. Knows which of the Nexmark input streams
 * the query reads, so a run declares (and so reads) only those. Immutable.
 *
 * @param name         the file's name without {@code .sql}, e.g. {@code q5}
 * @param sql          the whole script
 * @param pipeline     the pipeline the script creates
 * @param resultStream the stream or table it inserts into
 * @param inputs       the Nexmark streams it reads (person, auction, bid), in that order
 */
public record QueryFile(String name, String sql, String pipeline, String resultStream, List<String> inputs) {
    private static final Pattern PIPELINE = Pattern.compile("(?i)CREATE\\s+PIPELINE\\s+(\\w+)");
    private static final Pattern TARGET = Pattern.compile("(?i)INSERT\\s+INTO\\s+(\\w+)");
    private static final Pattern RESULT_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(\\w+)");

    /**
     * Reads {@code dir/<name>.sql}.
     *
     * @throws IllegalArgumentException when there is no such file or it creates no pipeline
     */
    public static QueryFile read(Path dir, String name) {
        Path file = dir.resolve(name + ".sql");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no query file " + file);
        }
        try {
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a script; see {@link #read}. */
    public static QueryFile parse(String name, String sql) {
        String code = stripComments(sql);
        Matcher p = PIPELINE.matcher(code);
        Matcher t = TARGET.matcher(code);
        if (!p.find() || !t.find()) {
            throw new IllegalArgumentException(name + ".sql has no CREATE PIPELINE ... INSERT INTO ...");
        }
        List<String> inputs = new ArrayList<>();
        for (String s : NexmarkInput.STREAMS) {
            // a stream is read where it follows FROM, JOIN or TABLE (inside a window TVF)
            if (Pattern.compile("(?i)\\b(FROM|JOIN|TABLE)\\s+" + s + "\\b").matcher(code).find()) {
                inputs.add(s);
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(name + ".sql reads none of person, auction, bid");
        }
        return new QueryFile(name, sql, p.group(1).toLowerCase(Locale.ROOT), t.group(1).toLowerCase(Locale.ROOT),
                List.copyOf(inputs));
    }

    /** Whether the result is a table (CREATE TABLE, a changelog keyed by its primary key), not a stream. */
    public boolean resultIsTable() {
        Matcher m = RESULT_TABLE.matcher(stripComments(sql));
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(resultStream)) {
                return true;
            }
        }
        return false;
    }

    /** The script without {@code --} line comments (the files use no block comments). */
    static String stripComments(String sql) {
        StringBuilder sb = new StringBuilder(sql.length());
        for (String line : sql.split("\n", -1)) {
            int dash = line.indexOf("--");
            sb.append(dash < 0 ? line : line.substring(0, dash)).append('\n');
        }
        return sb.toString();
    }
}
