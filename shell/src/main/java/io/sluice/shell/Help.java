package io.sluice.shell;

import java.util.List;
import java.util.Locale;

/** The text of {@code help}: the statements Sluice understands, each with an example, and the shell's commands. */
final class Help {
    /** One statement: its name (what {@code help <name>} matches), its syntax, and an example. */
    record Topic(String name, String syntax, String example) {
    }

    static final List<Topic> TOPICS = List.of(
            new Topic("CREATE STREAM",
                    "CREATE STREAM [IF NOT EXISTS] name (column TYPE [NOT NULL], ...\n"
                            + "    [, WATERMARK FOR column AS column - INTERVAL 'n' SECOND])\n"
                            + "  [WITH ('partitions' = 'n', 'key' = 'column')]\n"
                            + "Types: BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), VARCHAR[(n)], TIMESTAMP(3).",
                    "CREATE STREAM clicks (user_id BIGINT, url VARCHAR, ts TIMESTAMP(3))\n"
                            + "  WITH ('partitions' = '2', 'key' = 'user_id');"),
            new Topic("INSERT",
                    "INSERT INTO stream [(column, ...)] VALUES (value, ...), ...\n"
                            + "INSERT INTO stream SELECT ...   (starts a pipeline named insert_<stream>_<n>)",
                    "INSERT INTO clicks VALUES (1, '/home', TIMESTAMP '2026-11-22 10:00:00');"),
            new Topic("SELECT",
                    "SELECT expression [AS name], ... FROM stream [WHERE condition] [LIMIT n]\n"
                            + "A push query: it reads from the earliest row, then follows new rows until its LIMIT or\n"
                            + "Ctrl-C. A status line at the bottom shows the rows so far, the rate, and the time running.\n"
                            + "To start at the latest row: FROM stream /*+ OPTIONS('scan.startup.mode'='latest-offset') */",
                    "SELECT user_id, UPPER(url) AS page FROM clicks WHERE url LIKE '/p%' LIMIT 10;"),
            new Topic("WINDOWS",
                    "SELECT window_start, window_end, key, COUNT(*), SUM(x), ... FROM TABLE(\n"
                            + "    TUMBLE(TABLE stream, DESCRIPTOR(time_column), INTERVAL 'n' SECOND)\n"
                            + "  | HOP(TABLE stream, DESCRIPTOR(time_column), slide, size)\n"
                            + "  | CUMULATE(TABLE stream, DESCRIPTOR(time_column), step, size))\n"
                            + "GROUP BY window_start, window_end, key [HAVING ...]\n"
                            + "Aggregates: COUNT, COUNT(DISTINCT ...), SUM, AVG, MIN, MAX, FILTER (WHERE ...). A window's\n"
                            + "row comes once the stream's watermark (CREATE STREAM ... WATERMARK FOR) passes its end.",
                    "SELECT window_end, url, COUNT(*) AS views\n"
                            + "FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\n"
                            + "GROUP BY window_start, window_end, url;"),
            new Topic("CREATE PIPELINE",
                    "CREATE PIPELINE [IF NOT EXISTS] name [WITH ('late.stream' = 'stream')]\n"
                            + "  AS INSERT INTO target SELECT ... FROM source ...\n"
                            + "Runs in the background and survives restarts; each source row reaches the target exactly once.\n"
                            + "'late.stream' takes the rows too late for their window (see 'help windows').",
                    "CREATE PIPELINE pricing AS\n  INSERT INTO pricing_views SELECT user_id, ts FROM clicks WHERE url = '/pricing';"),
            new Topic("SHOW",
                    "SHOW STREAMS | SHOW PIPELINES   (a pipeline's state and its rows in and out)",
                    "SHOW PIPELINES;"),
            new Topic("DESCRIBE",
                    "DESCRIBE [STREAM] name | DESCRIBE PIPELINE name",
                    "DESCRIBE clicks;"),
            new Topic("EXPLAIN",
                    "EXPLAIN SELECT ... | EXPLAIN INSERT ... | EXPLAIN CREATE PIPELINE ...\n"
                            + "Prints the physical plan with its partitioning.",
                    "EXPLAIN SELECT user_id FROM clicks WHERE url = '/pricing';"),
            new Topic("DROP",
                    "DROP STREAM [IF EXISTS] name   (refused while a pipeline reads or writes it)\n"
                            + "DROP PIPELINE [IF EXISTS] name (the rows it wrote stay)",
                    "DROP PIPELINE pricing;"),
            new Topic("SET / RESET",
                    "SET 'key' = 'value' sets an option for this session; RESET ['key'] restores the default.",
                    "SET 'scan.startup.mode' = 'latest-offset';"));

    private Help() {
    }

    /** {@code help}: every statement with its example, then the shell's commands and keys. */
    static String overview() {
        StringBuilder b = new StringBuilder("Statements (end each with ';'; 'help <statement>' for more, e.g. 'help select'):\n");
        for (Topic t : TOPICS) {
            b.append('\n').append("  ").append(t.name()).append('\n');
            for (String line : t.example().split("\n")) {
                b.append("    ").append(line).append('\n');
            }
        }
        b.append('\n').append(COMMANDS);
        return b.toString();
    }

    static final String COMMANDS = String.join("\n",
            "Shell commands (no ';' needed; never sent to the server):",
            "  help [statement]    this help, or one statement's syntax",
            "  \\timing [on|off]    print the time each statement took",
            "  \\x [on|off|auto]    one block per row (on), one line per row (off), blocks when a row is too wide (auto)",
            "  quit, exit          leave (or Ctrl-D)",
            "Keys: Tab completes keywords, streams, pipelines and columns; Ctrl-R searches the history;",
            "Ctrl-C stops a running query.",
            "");

    /** {@code help <what>}: the statements whose name contains every word of {@code what}. */
    static String about(String what) {
        String[] words = what.toUpperCase(Locale.ROOT).split("\\s+");
        StringBuilder b = new StringBuilder();
        for (Topic t : TOPICS) {
            boolean all = true;
            for (String w : words) {
                all &= t.name().contains(w) || t.syntax().toUpperCase(Locale.ROOT).startsWith(w);
            }
            if (all) {
                b.append(t.name()).append('\n').append(t.syntax()).append("\n\nExample:\n");
                for (String line : t.example().split("\n")) {
                    b.append("  ").append(line).append('\n');
                }
                b.append('\n');
            }
        }
        if (b.length() == 0) {
            b.append("No help for '").append(what).append("'. Statements: ");
            b.append(String.join(", ", TOPICS.stream().map(Topic::name).toList())).append(".\n");
        }
        return b.toString();
    }
}
