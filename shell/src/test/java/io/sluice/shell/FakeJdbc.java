package io.sluice.shell;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Just enough JDBC, built from proxies, to drive the shell without an engine: a connection whose
 * statements answer from a function of the SQL text. Only the calls the shell makes are implemented.
 */
final class FakeJdbc {
    private FakeJdbc() {
    }

    /** What a statement produces: rows, or an update count with an optional message. */
    record Answer(List<String> labels, List<Integer> types, List<Object[]> rows, long updateCount, String message, SQLException error) {
        static Answer rows(List<String> labels, List<Integer> types, Object[]... rows) {
            return new Answer(labels, types, List.of(rows), -1, null, null);
        }

        static Answer update(long count, String message) {
            return new Answer(null, null, null, count, message, null);
        }

        static Answer error(String message, String state) {
            return new Answer(null, null, null, -1, null, new SQLException(message, state));
        }
    }

    static final List<String> executed = new ArrayList<>();

    static Connection connection(Function<String, Answer> answers) {
        return proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
            case "createStatement" -> statement(answers);
            case "close" -> null;
            case "isClosed" -> false;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private static Statement statement(Function<String, Answer> answers) {
        Answer[] current = new Answer[1];
        return proxy(Statement.class, (p, m, a) -> switch (m.getName()) {
            case "execute" -> {
                executed.add((String) a[0]);
                current[0] = answers.apply((String) a[0]);
                if (current[0].error() != null) {
                    throw current[0].error();
                }
                yield current[0].rows() != null;
            }
            case "getResultSet" -> resultSet(current[0]);
            case "getLargeUpdateCount" -> current[0].updateCount();
            case "getUpdateCount" -> (int) current[0].updateCount();
            case "getWarnings" -> current[0].message() == null ? null : new SQLWarning(current[0].message(), "00000");
            case "cancel", "close" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    static ResultSet resultSet(Answer answer) {
        ResultSetMetaData md = proxy(ResultSetMetaData.class, (p, m, a) -> switch (m.getName()) {
            case "getColumnCount" -> answer.labels().size();
            case "getColumnLabel", "getColumnName" -> answer.labels().get((Integer) a[0] - 1);
            case "getColumnType" -> answer.types().get((Integer) a[0] - 1);
            case "getColumnDisplaySize" -> 20;
            default -> throw new UnsupportedOperationException(m.getName());
        });
        int[] row = {-1};
        boolean[] wasNull = {false};
        return proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
            case "getMetaData" -> md;
            case "next" -> ++row[0] < answer.rows().size();
            case "getString" -> {
                Object v = answer.rows().get(row[0])[(Integer) a[0] - 1];
                wasNull[0] = v == null;
                yield v == null ? null : v.toString();
            }
            case "wasNull" -> wasNull[0];
            case "close" -> null;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
