package io.sluice.sql.exec;

import io.sluice.Result;
import io.sluice.Row;
import io.sluice.SluiceConfig;
import io.sluice.Subscription;
import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;

/** Placeholder while the statement executor is being written; replaced in the next commits. */
public final class SluiceEngine implements AutoCloseable {
    public static SluiceEngine start(SluiceConfig config) {
        throw new IllegalStateException("the executor is not written yet");
    }

    public Result execute(String sql) {
        throw new IllegalStateException();
    }

    public List<Result> executeScript(String sql) {
        throw new IllegalStateException();
    }

    public Subscription subscribe(String sql, Consumer<Row> onRow) {
        throw new IllegalStateException();
    }

    public Connection connection() {
        throw new IllegalStateException();
    }

    public SluiceConfig config() {
        throw new IllegalStateException();
    }

    @Override
    public void close() {
    }
}
