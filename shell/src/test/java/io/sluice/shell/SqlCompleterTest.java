package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Tab offers where: the completer as a function of the text, the cursor, and the catalog's names. */
class SqlCompleterTest {
    private static final CatalogNames NAMES = new CatalogNames(
            List.of("orders", "order_lines", "clicks"), List.of("customers"), List.of("totals"), List.of("big_orders", "heat"),
            Map.of("ORDERS", List.of("id", "amount", "customer_id"),
                    "ORDER_LINES", List.of("order_id", "sku"),
                    "CLICKS", List.of("user_id", "url"),
                    "CUSTOMERS", List.of("id", "name")));
    private final SqlCompleter completer = new SqlCompleter(() -> NAMES);

    /** The values offered with the cursor at the end of {@code text}, or at the {@code |} in it. */
    private List<String> at(String text) {
        int cursor = text.indexOf('|');
        String buffer = cursor < 0 ? text : text.substring(0, cursor) + text.substring(cursor + 1);
        return completer.suggest(buffer, cursor < 0 ? buffer.length() : cursor).stream()
                .map(SqlCompleter.Suggestion::value).toList();
    }

    @Test
    void relationsAfterFromJoinAndInto() {
        assertEquals(List.of("orders", "order_lines"), at("SELECT * FROM ord"));
        assertEquals(List.of("orders", "order_lines", "clicks", "customers", "totals", "TABLE"), at("SELECT * FROM "));
        assertEquals(List.of("clicks"), at("SELECT * FROM orders o JOIN cl"));
        assertEquals(List.of("clicks", "customers"), at("select * from orders, c"), "a FROM list");
        assertEquals(List.of("orders", "order_lines", "clicks", "customers"), at("INSERT INTO "), "no views as targets");
        assertEquals(List.of("orders", "order_lines"), at("SELECT * FROM ORD"), "any case matches; names as the catalog has them");
    }

    @Test
    void namesOfOneKindAfterDropAndDescribe() {
        assertEquals(List.of("big_orders", "heat"), at("DROP PIPELINE "));
        assertEquals(List.of("heat"), at("describe pipeline h"));
        assertEquals(List.of("orders", "order_lines"), at("DROP STREAM IF EXISTS or"));
        assertEquals(List.of("customers"), at("DROP TABLE "));
        assertEquals(List.of("totals"), at("DROP MATERIALIZED VIEW "));
        assertEquals(List.of("STREAM", "PIPELINE", "TABLE", "MATERIALIZED VIEW"), at("DROP "));
        assertTrue(at("DESCRIBE c").containsAll(List.of("clicks", "customers")), at("DESCRIBE c").toString());
        assertEquals(List.of("STREAMS", "PIPELINES"), at("SHOW ").subList(0, 2));
        assertEquals(List.of(), at("CREATE STREAM or"), "a new name: nothing to complete");
        assertEquals(List.of(), at("CREATE PIPELINE IF NOT EXISTS h"));
        assertEquals(List.of("STREAM", "PIPELINE", "TABLE", "MATERIALIZED VIEW", "IF NOT EXISTS"), at("CREATE "));
    }

    @Test
    void columnsOfTheStreamsTheStatementNames() {
        assertEquals(List.of("amount"), at("SELECT am| FROM orders"));
        assertEquals(List.of("user_id"), at("SELECT * FROM clicks WHERE us"));
        assertEquals(List.of("id", "customer_id", "name"),
                at("SELECT * FROM orders o JOIN customers c ON o.customer_id = c.id WHERE ").stream()
                        .filter(List.of("id", "customer_id", "name")::contains).toList());
        assertEquals(List.of("o.id", "o.amount", "o.customer_id"), at("SELECT o.| FROM orders o"));
        assertEquals(List.of("c.name"), at("SELECT c.n| FROM orders AS o JOIN customers AS c ON o.customer_id = c.id"));
        assertEquals(List.of("clicks.url"), at("SELECT clicks.ur| FROM clicks"));
        assertEquals(List.of("sku"), at("INSERT INTO order_lines (s"));
        assertEquals(List.of("url"), at("SELECT ur"), "before FROM is typed, any stream's columns");
        assertEquals(List.of("window_start", "window_end"),
                at("SELECT win| FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"));
        assertEquals(List.of("url", "user_id"), at("SELECT * FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(u")
                .stream().sorted().toList());
        assertEquals(List.of("clicks", "customers"), at("SELECT * FROM TABLE(TUMBLE(TABLE c"));
        assertTrue(at("SELECT id FROM orders WHERE id > 1 a").containsAll(List.of("amount", "and")));
    }

    @Test
    void keywordsInTheCaseBeingTyped() {
        assertEquals(List.of("select", "set"), at("se").stream().filter(s -> !s.startsWith("\\")).toList());
        assertEquals(List.of("SELECT", "SET"), at("SE"));
        assertEquals(List.of("INSERT INTO"), at("INS"));
        assertTrue(at("").containsAll(List.of("SELECT", "CREATE", "help", "\\timing", "\\x")), at("").toString());
        assertEquals(List.of("WHERE"), at("SELECT * FROM orders WH"));
        assertEquals(List.of("where"), at("select * from orders o wh"));
    }

    @Test
    void onlyTheStatementAtTheCursorCountsAndNothingInsideLiteralsOrComments() {
        assertEquals(List.of("url"), at("SELECT amount FROM orders; SELECT ur| FROM clicks"));
        assertEquals(List.of("amount"), at("SELECT am| FROM orders; SELECT * FROM clicks"));
        assertEquals(List.of(), at("SELECT * FROM orders WHERE note = 'am"));
        assertEquals(List.of(), at("SELECT * FROM orders -- am"));
        assertEquals(List.of(), at("SELECT * FROM orders /* am"));
        assertEquals(List.of("amount"), at("SELECT * FROM orders /* a comment */ WHERE am"));
    }
}
