package io.sluice.bench.nexmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a Nexmark run's events come from, and how many there are: the Flink peer's JSON-lines file
 * (union shape, every stream declared with the {@code file} connector over the same file and filtered
 * on {@code event_type}), or Sluice's built-in {@code nexmark} generator connector (each stream one
 * kind of the same event sequence). Immutable.
 */
public sealed interface NexmarkInput {
    /** The three Nexmark streams, in the order of their {@code event_type}. */
    List<String> STREAMS = List.of("person", "auction", "bid");

    /** Events of all kinds the run reads: what events/s divides by. */
    long events();

    /** The WITH clause (with a leading space) that attaches stream {@code person}, {@code auction} or {@code bid}. */
    String with(String stream);

    /** For the result line: {@code file:/path} or {@code generator}. */
    String describe();

    /**
     * Parses {@code file:/path/events.jsonl} or {@code generator}; {@code events} is the generator's
     * count, or for a file an override of its {@code FILE.meta} (a file without one needs it).
     *
     * @param events -1 when not given
     * @throws IllegalArgumentException when the spec is neither, or a file's event count is unknown
     */
    static NexmarkInput parse(String spec, long events, double rate) {
        if (spec.startsWith("file:")) {
            Path file = Path.of(spec.substring("file:".length())).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            return new File(file, events >= 0 ? events : metaEvents(file));
        }
        if (spec.equals("generator")) {
            if (events < 0) {
                throw new IllegalArgumentException("--input generator needs --events N");
            }
            return new Generator(events, rate, 42);
        }
        throw new IllegalArgumentException("--input must be file:/path/events.jsonl or generator, not '" + spec + "'");
    }

    /**
     * The {@code events=} line of {@code FILE.meta}, which the peer's generator writes next to its output.
     *
     * @throws IllegalArgumentException when there is no such file or line
     */
    static long metaEvents(Path file) {
        Path meta = file.resolveSibling(file.getFileName() + ".meta");
        try {
            if (Files.isRegularFile(meta)) {
                for (String line : Files.readAllLines(meta)) {
                    if (line.startsWith("events=")) {
                        return Long.parseLong(line.substring("events=".length()).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(meta + " has no events= line: give the count with --events N");
    }

    /** Quotes a SQL string literal. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The peer's union-shape JSON-lines file. */
    record File(Path path, long events) implements NexmarkInput {
        @Override
        public String with(String stream) {
            int type = STREAMS.indexOf(stream);
            return " WITH ('connector' = 'file', 'path' = " + literal(path.toString()) + ", 'format' = 'json', "
                    + "'json.path' = " + literal(stream) + ", 'json.filter' = 'event_type=" + type + "')";
        }

        @Override
        public String describe() {
            return "file:" + path;
        }
    }

    /**
     * The {@code nexmark} connector: {@code events} events of all kinds, each stream its share.
     *
     * @param rate events per wall-clock second, or 0 for as fast as they can be made
     */
    record Generator(long events, double rate, long seed) implements NexmarkInput {
        @Override
        public String with(String stream) {
            return " WITH ('connector' = 'nexmark', 'kind' = " + literal(stream) + ", 'events' = '" + events + "', "
                    + "'seed' = '" + seed + "'" + (rate > 0 ? ", 'rate' = '" + String.format(Locale.ROOT, "%.1f", rate) + "'" : "")
                    + ")";
        }

        @Override
        public String describe() {
            return "generator";
        }
    }
}
