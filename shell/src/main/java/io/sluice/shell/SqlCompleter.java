package io.sluice.shell;

import io.sluice.shell.SqlLexer.Kind;
import io.sluice.shell.SqlLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the shell: SQL keywords, and the catalog's names where they can appear. After
 * {@code FROM}, {@code JOIN}, {@code INTO} and {@code TABLE} it offers relations (streams, tables,
 * views); after {@code DROP STREAM}, {@code DESCRIBE PIPELINE} and the like, names of that kind; in a
 * select list, {@code WHERE}, {@code ON}, {@code GROUP BY} and the like, the columns of the relations
 * the statement names (before or after the cursor), and {@code alias.} or {@code stream.} narrows them
 * to one relation. At the start of a statement it offers the statements and the shell's own commands.
 *
 * <p>The work is in {@link #suggest}, a pure function of the text, the cursor and the names, which the
 * tests call directly. Keywords come in the case the user is typing in; names as the catalog spells
 * them. Called by JLine on the shell's thread; the names come from {@code names}, which may reach the
 * server (see {@link CatalogNames#load}).
 */
final class SqlCompleter implements Completer {
    static final String GROUP_KEYWORDS = "keywords";
    static final String GROUP_RELATIONS = "streams and tables";
    static final String GROUP_PIPELINES = "pipelines";
    static final String GROUP_COLUMNS = "columns";
    static final String GROUP_COMMANDS = "shell commands";

    private static final List<String> STATEMENT_STARTS = List.of(
            "SELECT", "INSERT INTO", "CREATE", "DROP", "SHOW", "DESCRIBE", "EXPLAIN", "SET", "RESET");
    private static final List<String> CREATE_KINDS = List.of(
            "STREAM", "PIPELINE", "TABLE", "MATERIALIZED VIEW", "IF NOT EXISTS");
    private static final List<String> OBJECT_KINDS = List.of("STREAM", "PIPELINE", "TABLE", "MATERIALIZED VIEW");
    private static final List<String> SHOW_KINDS = List.of("STREAMS", "PIPELINES", "TABLES", "MATERIALIZED VIEWS");
    /** Words that may follow a column or an expression. */
    private static final List<String> EXPRESSION_WORDS = List.of(
            "FROM", "WHERE", "AND", "OR", "NOT", "AS", "IS NULL", "IS NOT NULL", "IN", "BETWEEN", "LIKE", "CASE", "WHEN",
            "THEN", "ELSE", "END", "CAST", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "DISTINCT", "INTERVAL", "TIMESTAMP",
            "TRUE", "FALSE", "NULL", "UPPER", "LOWER", "SUBSTRING", "CHAR_LENGTH", "TRIM", "POSITION", "COUNT", "SUM",
            "AVG", "MIN", "MAX", "FILTER", "TUMBLE", "HOP", "CUMULATE", "DESCRIPTOR", "TABLE");
    /** Window table functions: their result adds these columns. */
    private static final List<String> WINDOW_FUNCTIONS = List.of("TUMBLE", "HOP", "CUMULATE", "SESSION");
    private static final List<String> WINDOW_COLUMNS = List.of("window_start", "window_end");
    private static final List<String> AFTER_RELATION = List.of(
            "WHERE", "JOIN", "LEFT JOIN", "ON", "AS", "GROUP BY", "LIMIT", "SELECT", "VALUES");
    /** Keywords after which an expression (and so a column) comes. */
    private static final Set<String> EXPRESSION_CLAUSES = Set.of(
            "SELECT", "WHERE", "ON", "HAVING", "BY", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "DISTINCT", "CASE");
    /** Keywords after which a relation's name comes. */
    private static final Set<String> RELATION_CLAUSES = Set.of("FROM", "JOIN", "INTO", "TABLE");

    /** One offered completion: the text that replaces the word being typed, and what kind of thing it is. */
    record Suggestion(String value, String group) {
    }

    private final Supplier<CatalogNames> names;

    /** @param names the catalog's names, asked for on each completion (cache them: see {@link CatalogNames}) */
    SqlCompleter(Supplier<CatalogNames> names) {
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String buffer = line.line();
        int cursor = line.cursor();
        List<Suggestion> suggestions = suggest(buffer, cursor);
        if (suggestions.isEmpty()) {
            return;
        }
        // JLine matches candidates against its own word (split at blanks only, so "(id,na" is one word);
        // keep whatever precedes the identifier being typed in that word in front of each candidate.
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        String typed = identifierBefore(buffer, cursor);
        String head = word.endsWith(typed) ? word.substring(0, word.length() - typed.length()) : "";
        for (Suggestion s : suggestions) {
            String value = head + s.value();
            boolean wholeWord = !s.value().endsWith(".");
            candidates.add(new Candidate(value, s.value(), s.group(), null, null, null, wholeWord));
        }
    }

    /**
     * What may replace the identifier that ends at {@code cursor} in {@code buffer} (which may hold
     * several statements; only the one around the cursor counts). Each suggestion's value starts with
     * the typed identifier, ignoring case; nothing is offered inside a string literal or a comment.
     */
    List<Suggestion> suggest(String buffer, int cursor) {
        List<Token> all = SqlLexer.tokens(buffer);
        // the statement around the cursor: between the ';' before it and the ';' after it
        int from = 0;
        int to = all.size();
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.isPunct(';')) {
                if (t.end() <= cursor) {
                    from = i + 1;
                } else {
                    to = i;
                    break;
                }
            }
            boolean quoted = t.kind() == Kind.STRING || t.kind() == Kind.COMMENT || t.kind() == Kind.QUOTED_NAME;
            boolean inside = t.start() < cursor
                    && (cursor < t.end() || cursor == t.end() && (!t.closed() || t.text().startsWith("--")));
            if (quoted && inside) {
                return List.of(); // inside a literal, a quoted name or a comment: nothing to offer
            }
        }
        List<Token> statement = all.subList(from, to);
        String typed = identifierBefore(buffer, cursor);
        int typedStart = cursor - typed.length();
        List<Token> before = new ArrayList<>();
        for (Token t : statement) {
            if (t.end() <= typedStart && t.kind() != Kind.COMMENT) {
                before.add(t);
            }
        }
        CatalogNames catalog = names.get();
        Out out = new Out(typed);

        int dot = typed.lastIndexOf('.');
        if (dot >= 0) {
            String qualifier = typed.substring(0, dot);
            String relation = aliases(statement, catalog).getOrDefault(qualifier.toUpperCase(Locale.ROOT), qualifier);
            for (String column : catalog.columnsOf(relation)) {
                out.name(qualifier + "." + column, GROUP_COLUMNS);
            }
            return out.list;
        }
        if (before.isEmpty()) {
            out.keywords(STATEMENT_STARTS);
            for (String command : ShellCommands.NAMES) {
                out.name(command, GROUP_COMMANDS);
            }
            return out.list;
        }
        String p1 = before.get(before.size() - 1).upper();
        String p2 = before.size() > 1 ? before.get(before.size() - 2).upper() : "";
        String p3 = before.size() > 2 ? before.get(before.size() - 3).upper() : "";
        // "DROP STREAM IF EXISTS |" completes as "DROP STREAM |"
        if (p1.equals("EXISTS") && p2.equals("IF")) {
            p1 = p3;
            p2 = before.size() > 3 ? before.get(before.size() - 4).upper() : "";
            p3 = before.size() > 4 ? before.get(before.size() - 5).upper() : "";
        }
        boolean ddl = p2.equals("DROP") || p2.equals("DESCRIBE");
        if (p2.equals("CREATE") && !p1.equals("MATERIALIZED") || p1.equals("VIEW") && p3.equals("CREATE")
                || p1.equals("EXISTS") && p2.equals("NOT")) {
            return out.list; // the name of something new: nothing to offer
        }
        switch (p1) {
            case "CREATE" -> out.keywords(CREATE_KINDS);
            case "DROP" -> out.keywords(OBJECT_KINDS);
            case "SHOW" -> out.keywords(SHOW_KINDS);
            case "EXPLAIN" -> out.keywords(List.of("SELECT", "INSERT INTO", "CREATE PIPELINE"));
            case "INSERT" -> out.keywords(List.of("INTO"));
            case "DESCRIBE" -> {
                out.keywords(OBJECT_KINDS);
                out.names(catalog.relations(), GROUP_RELATIONS);
            }
            default -> {
                if (p1.equals("STREAM") && ddl) {
                    out.names(catalog.streams(), GROUP_RELATIONS);
                    if (p2.equals("DROP")) {
                        out.keywords(List.of("IF EXISTS"));
                    }
                } else if (p1.equals("PIPELINE") && ddl) {
                    out.names(catalog.pipelines(), GROUP_PIPELINES);
                } else if (p1.equals("TABLE") && ddl) {
                    out.names(catalog.tables(), GROUP_RELATIONS);
                } else if (p1.equals("VIEW") && p2.equals("MATERIALIZED") && (p3.equals("DROP") || p3.equals("DESCRIBE"))) {
                    out.names(catalog.views(), GROUP_RELATIONS);
                } else if (RELATION_CLAUSES.contains(p1) && !p2.equals("CREATE")) {
                    out.names(p1.equals("INTO") ? streamsAndTables(catalog) : catalog.relations(), GROUP_RELATIONS);
                    if (p1.equals("FROM")) {
                        out.keywords(List.of("TABLE")); // FROM TABLE(TUMBLE(TABLE s, ...))
                    }
                } else if (p1.equals("(") && p2.equals("DESCRIPTOR")) {
                    for (String relation : referenced(statement, catalog)) {
                        out.names(catalog.columnsOf(relation), GROUP_COLUMNS); // DESCRIPTOR(ts): the time column
                    }
                } else if (p1.equals("(") && p3.equals("INTO")) {
                    out.names(catalog.columnsOf(before.get(before.size() - 2).name()), GROUP_COLUMNS); // INSERT INTO s (|
                } else if (inRelationList(before)) {
                    out.names(catalog.relations(), GROUP_RELATIONS); // FROM a, |
                } else if (afterRelationName(before, catalog)) {
                    out.keywords(AFTER_RELATION);
                } else if (inExpression(before)) {
                    List<String> relations = referenced(statement, catalog);
                    // no FROM typed yet: any relation's columns may be meant
                    for (String relation : relations.isEmpty() ? catalog.relations() : relations) {
                        out.names(catalog.columnsOf(relation), GROUP_COLUMNS);
                    }
                    if (statement.stream().anyMatch(t -> t.kind() == Kind.WORD && WINDOW_FUNCTIONS.contains(t.upper()))) {
                        out.names(WINDOW_COLUMNS, GROUP_COLUMNS);
                    }
                    out.keywords(EXPRESSION_WORDS);
                } else {
                    out.keywords(List.copyOf(SqlLexer.KEYWORDS));
                }
            }
        }
        return out.list;
    }

    private static List<String> streamsAndTables(CatalogNames catalog) {
        List<String> all = new ArrayList<>(catalog.streams());
        all.addAll(catalog.tables());
        return all;
    }

    /** Whether the cursor is in an expression: the last clause keyword before it starts one. */
    private static boolean inExpression(List<Token> before) {
        for (int i = before.size() - 1; i >= 0; i--) {
            Token t = before.get(i);
            if (t.kind() != Kind.WORD) {
                continue;
            }
            String w = t.upper();
            if (EXPRESSION_CLAUSES.contains(w)) {
                return true;
            }
            if (RELATION_CLAUSES.contains(w) || w.equals("LIMIT") || w.equals("VALUES") || w.equals("WITH")) {
                return false;
            }
        }
        return false;
    }

    /** Whether the cursor follows {@code FROM a,} or {@code FROM a AS x,}: another relation comes. */
    private static boolean inRelationList(List<Token> before) {
        if (!before.get(before.size() - 1).isPunct(',')) {
            return false;
        }
        for (int i = before.size() - 2; i >= 0; i--) {
            Token t = before.get(i);
            if (t.is("FROM")) {
                return true;
            }
            if (t.kind() == Kind.WORD && SqlLexer.KEYWORDS.contains(t.upper()) && !t.is("AS")) {
                return false;
            }
        }
        return false;
    }

    /** Whether the cursor follows {@code FROM name} or {@code FROM name alias}: a clause comes next. */
    private static boolean afterRelationName(List<Token> before, CatalogNames catalog) {
        int i = before.size() - 1;
        if (i >= 1 && isName(before.get(i)) && !isRelation(before.get(i), catalog) && isName(before.get(i - 1))) {
            i--; // an alias
        }
        return i >= 1 && isName(before.get(i)) && RELATION_CLAUSES.contains(before.get(i - 1).upper());
    }

    private static boolean isName(Token t) {
        return t.kind() == Kind.QUOTED_NAME || t.kind() == Kind.WORD && !SqlLexer.KEYWORDS.contains(t.upper());
    }

    private static boolean isRelation(Token t, CatalogNames catalog) {
        return catalog.relations().stream().anyMatch(r -> r.equalsIgnoreCase(t.name()));
    }

    /** The relations the statement reads or writes, in order of appearance, as the catalog spells them. */
    static List<String> referenced(List<Token> statement, CatalogNames catalog) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 1; i < statement.size(); i++) {
            Token t = statement.get(i);
            String prev = statement.get(i - 1).upper();
            boolean afterComma = prev.equals(",") && inFromList(statement, i - 1);
            if ((RELATION_CLAUSES.contains(prev) || afterComma) && (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_NAME)) {
                for (String r : catalog.relations()) {
                    if (r.equalsIgnoreCase(t.name())) {
                        out.add(r);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean inFromList(List<Token> statement, int comma) {
        return inRelationList(statement.subList(0, comma + 1));
    }

    /** Alias (and relation name) in upper case to the relation it stands for, for {@code x.} completion. */
    static Map<String, String> aliases(List<Token> statement, CatalogNames catalog) {
        Map<String, String> out = new HashMap<>();
        for (String r : referenced(statement, catalog)) {
            out.put(r.toUpperCase(Locale.ROOT), r);
        }
        for (int i = 0; i + 1 < statement.size(); i++) {
            Token t = statement.get(i);
            String relation = null;
            for (String r : catalog.relations()) {
                if ((t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_NAME) && r.equalsIgnoreCase(t.name())) {
                    relation = r;
                }
            }
            if (relation == null) {
                continue;
            }
            int a = statement.get(i + 1).is("AS") ? i + 2 : i + 1;
            if (a < statement.size() && isName(statement.get(a))) {
                out.put(statement.get(a).name().toUpperCase(Locale.ROOT), relation);
            }
        }
        return out;
    }

    /** The identifier (letters, digits, {@code _ $ .}) that ends at {@code cursor}. */
    static String identifierBefore(String buffer, int cursor) {
        int i = cursor;
        while (i > 0 && (SqlLexer.isWordChar(buffer.charAt(i - 1)) || buffer.charAt(i - 1) == '.')) {
            i--;
        }
        return buffer.substring(i, cursor);
    }

    /** Collects suggestions that start with what was typed, without repeats. */
    private static final class Out {
        final String typed;
        final boolean lower;
        final List<Suggestion> list = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Out(String typed) {
            this.typed = typed;
            // keywords follow the case of what is being typed: "sel" becomes "select"
            this.lower = !typed.isEmpty() && typed.equals(typed.toLowerCase(Locale.ROOT))
                    && !typed.equals(typed.toUpperCase(Locale.ROOT));
        }

        void keywords(List<String> words) {
            for (String w : words) {
                add(lower ? w.toLowerCase(Locale.ROOT) : w, GROUP_KEYWORDS);
            }
        }

        void names(List<String> names, String group) {
            for (String n : names) {
                name(n, group);
            }
        }

        void name(String name, String group) {
            add(name, group);
        }

        private void add(String value, String group) {
            if (value.regionMatches(true, 0, typed, 0, typed.length()) && seen.add(value.toUpperCase(Locale.ROOT))) {
                list.add(new Suggestion(value, group));
            }
        }
    }
}
