package io.sluice.jdbc;

import io.sluice.Result;
import io.sluice.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Answers statements from a script of results, and records what it was asked. */
final class FakeEngine implements Function<String, Result> {
    final List<String> executed = new ArrayList<>();
    private final Function<String, Result> answers;

    FakeEngine(Function<String, Result> answers) {
        this.answers = answers;
    }

    @Override
    public Result apply(String sql) {
        executed.add(sql);
        Result r = answers.apply(sql);
        if (r == null) {
            throw new SluiceException(SluiceException.SYNTAX_ERROR, "unexpected statement " + sql, 1, 1, null);
        }
        return r;
    }

    SluiceConnection connect() {
        return new SluiceConnection("jdbc:sluice:fake", this, () -> { });
    }
}
