package io.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regular LEFT JOIN of a table with a materialized view, streamed with EMIT CHANGES: the exact
 * changelog as either side is updated or deletes a key. Each change is made only after the previous
 * change's rows have arrived, so the order in which the query reads its two inputs decides nothing.
 * (The .test files cannot interleave statements with a running query, hence a JUnit test.)
 */
class TableJoinChangelogTest {
    @TempDir
    Path dir;

    /** The row's values, separated by spaces; EMIT CHANGES puts the row's kind first (column op). */
    private static String text(Row r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            b.append(i == 0 ? "" : " ").append(r.get(i));
        }
        return b.toString();
    }

    private static List<String> take(Rows rows, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            Row r = rows.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "expected " + n + " rows, got " + out.size() + ": " + out);
            out.add(text(r));
        }
        return out;
    }

    @Test
    void leftJoinOfTableAndViewFollowsUpdatesAndDeletesOnEitherSide() throws Exception {
        try (Sluice s = Sluice.open(SluiceConfig.builder(dir).workers(2).checkpointIntervalMillis(50).build())) {
            s.execute("CREATE TABLE members (id BIGINT, name VARCHAR, PRIMARY KEY (id))");
            // a table with deletes: a member named 'gone' leaves it (its log gets the -U alone)
            s.execute("CREATE TABLE active (id BIGINT, name VARCHAR, PRIMARY KEY (id))");
            s.execute("CREATE PIPELINE keep_active AS INSERT INTO active SELECT id, name FROM members WHERE name <> 'gone'");
            s.execute("CREATE TABLE purchases (pid BIGINT, uid BIGINT, amount BIGINT, PRIMARY KEY (pid))");
            s.execute("CREATE MATERIALIZED VIEW spend AS SELECT uid, SUM(amount) AS total FROM purchases GROUP BY uid");
            try (Rows rows = s.query("SELECT a.id, a.name, sp.total FROM active a LEFT JOIN spend sp ON a.id = sp.uid "
                    + "EMIT CHANGES")) {
                s.execute("INSERT INTO members VALUES (1, 'ann')");
                assertEquals(List.of("+I 1 ann null"), take(rows, 1));

                // a match appears: the padded row is retracted
                s.execute("INSERT INTO purchases VALUES (10, 1, 5)");
                assertEquals(List.of("-D 1 ann null", "+I 1 ann 5"), take(rows, 2));

                // the view updates (-U, +U): the old match goes, the row is padded until the new one comes
                s.execute("INSERT INTO purchases VALUES (11, 1, 2)");
                assertEquals(List.of("-D 1 ann 5", "+I 1 ann null", "-D 1 ann null", "+I 1 ann 7"), take(rows, 4));

                // the table updates
                s.execute("INSERT INTO members VALUES (1, 'anna')");
                assertEquals(List.of("-D 1 ann 7", "+I 1 anna 7"), take(rows, 2));

                // the view deletes key 1 (both purchases move to user 2): padded again
                s.execute("INSERT INTO purchases VALUES (10, 2, 5), (11, 2, 2)");
                assertEquals(List.of("-D 1 anna 7", "+I 1 anna null", "-D 1 anna null", "+I 1 anna 2",
                        "-D 1 anna 2", "+I 1 anna null"), take(rows, 6));

                s.execute("INSERT INTO members VALUES (2, 'bob')");
                assertEquals(List.of("+I 2 bob 7"), take(rows, 1));

                // the table deletes key 2
                s.execute("INSERT INTO members VALUES (2, 'gone')");
                assertEquals(List.of("-D 2 bob 7"), take(rows, 1));
                assertNull(rows.poll(300, TimeUnit.MILLISECONDS), "no row beyond the changes");
            }
        }
    }
}
