package io.sluice;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Sluice embedded in this JVM, on one data directory: the entry point for applications.
 *
 * <pre>{@code
 * try (Sluice sluice = Sluice.open(Path.of("data"))) {
 *     sluice.execute("CREATE STREAM clicks (user_id BIGINT, url VARCHAR)");
 *     sluice.execute("INSERT INTO clicks VALUES (1, '/home')");
 *     try (Rows rows = sluice.query("SELECT url FROM clicks LIMIT 1")) {
 *         rows.forEachRemaining(r -> System.out.println(r.getString("url")));
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: statements may be executed from several threads at once. Only one {@code Sluice}
 * may have a data directory open at a time. Closing stops every push query and pipeline task (the
 * pipelines resume when the directory is opened again) and releases the directory.
 *
 * <p>The JVM needs the options listed in {@link SluiceConfig#REQUIRED_JVM_OPTIONS} (Chronicle Queue
 * maps files with JDK internals); {@link #open} fails with a message naming them when they are missing.
 */
public final class Sluice implements AutoCloseable {
    private final io.sluice.sql.exec.SluiceEngine engine;

    private Sluice(io.sluice.sql.exec.SluiceEngine engine) {
        this.engine = engine;
    }

    /** Opens (creating if needed) the data directory with default settings. */
    public static Sluice open(Path dataDir) {
        return open(SluiceConfig.builder(dataDir).build());
    }

    public static Sluice open(SluiceConfig config) {
        return new Sluice(io.sluice.sql.exec.SluiceEngine.start(config));
    }

    /**
     * Executes one SQL statement (a trailing {@code ;} is allowed). A SELECT starts a push query whose
     * rows are in {@link Result#rows()}; close them when done.
     *
     * @throws SluiceException with the position of the error; a statement that fails changes nothing
     */
    public Result execute(String sql) {
        return engine.execute(sql);
    }

    /** Executes every statement of a script, in order, stopping at the first that fails. */
    public List<Result> executeScript(String sql) {
        return engine.executeScript(sql);
    }

    /**
     * The types of the {@code ?} parameters of one statement, in order, as inferred from where they stand
     * (what a JDBC {@code PreparedStatement} reports as its parameter metadata). Statements other than
     * queries and INSERT have none.
     *
     * @throws SluiceException if the statement does not parse or a parameter's type cannot be inferred
     */
    public List<ColumnInfo> parameters(String sql) {
        return engine.parameters(sql);
    }

    /** Starts a push query (a SELECT); its rows block until they arrive. */
    public Rows query(String sql) {
        Result result = execute(sql);
        if (result.kind() != Result.Kind.ROWS) {
            throw new SluiceException(SluiceException.FEATURE_NOT_SUPPORTED, "query() takes a SELECT; use execute() for: " + sql);
        }
        return result.rows();
    }

    /**
     * Starts a push query and returns its rows as a lazy {@link Stream} (see {@link Rows#stream()}):
     * closing the stream stops the query.
     */
    public Stream<Row> stream(String sql) {
        return query(sql).stream();
    }

    /**
     * Starts a push query and hands each row to {@code onRow} on an engine thread, one row at a time
     * (never concurrently for one subscription). The callback must not block for long: it holds an
     * engine worker.
     */
    public Subscription subscribe(String sql, Consumer<Row> onRow) {
        return engine.subscribe(sql, onRow);
    }

    /** A JDBC connection to this engine; closing it leaves the engine open. */
    public Connection connection() {
        return io.sluice.jdbc.SluiceConnection.wrap(this);
    }

    /** The engine's counters now: running tasks, open stream readers, worker errors. */
    public Metrics metrics() {
        io.sluice.engine.EngineMetrics m = engine.metrics();
        return new Metrics(m.runningTasks(), m.openReaders(), m.workerErrors());
    }

    public SluiceConfig config() {
        return engine.config();
    }

    /** Stops every query and task and releases the data directory. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }
}
