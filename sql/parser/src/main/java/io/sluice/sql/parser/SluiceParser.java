package io.sluice.sql.parser;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

import io.sluice.sql.parser.impl.SluiceSqlParserImpl;
import io.sluice.sql.parser.impl.SluiceSqlParserImplConstants;
import io.sluice.sql.parser.impl.Token;
import io.sluice.sql.parser.impl.TokenMgrError;
import io.sluice.sql.parser.ddl.SqlEmitChanges;

/**
 * The entry point to Sluice's SQL parser: Calcite's grammar plus the statements in
 * {@link io.sluice.sql.parser.ddl}, with Sluice's lexical policy.
 *
 * <p>Lexical policy (decided once, it leaks into every catalog name): identifiers are quoted with back-ticks;
 * quoted and unquoted identifiers keep the case they were written in; name matching is case-insensitive (the
 * catalog reader must be configured the same way); identifiers may be up to 256 characters; the conformance is
 * {@link SqlConformanceEnum#LENIENT}, so {@code !=}, {@code LIMIT} and friends are accepted.
 *
 * <p>All methods are static and thread-safe: every call creates its own parser. Errors are Calcite's
 * {@link SqlParseException}, with {@code getPos()} (1-based line and column) and, for grammar errors,
 * {@code getExpectedTokenNames()}.
 */
public final class SluiceParser {
    /** The parser configuration described above; also the one to give to Calcite APIs that take a parser config. */
    private static final SqlParser.Config CONFIG = SqlParser.config()
        .withParserFactory(SluiceSqlParserImpl.FACTORY)
        .withQuoting(Quoting.BACK_TICK)
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)
        .withIdentifierMaxLength(256)
        .withConformance(SqlConformanceEnum.LENIENT);

    /**
     * The dialect {@link #toSql} writes: ANSI with back-tick quoting, which is what this parser reads. Every
     * identifier is quoted, so names that are keywords and names in mixed case survive a round trip.
     */
    public static final SqlDialect DIALECT = new AnsiSqlDialect(AnsiSqlDialect.DEFAULT_CONTEXT
        .withIdentifierQuoteString("`")
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false));

    private SluiceParser() {
    }

    /** Sluice's lexical policy and the generated parser factory, as a Calcite parser config. */
    public static SqlParser.Config config() {
        return CONFIG;
    }

    /**
     * Parses a script: statements separated by {@code ;}, with an optional trailing {@code ;}. An empty script
     * (or one holding only comments) gives an empty list.
     *
     * @return the statements in order, unmodifiable
     * @throws SqlParseException at the first syntax error; nothing of the script is returned then
     */
    public static List<SqlNode> parseScript(String sql) throws SqlParseException {
        if (hasNoTokens(sql)) {
            // Calcite's SqlStmtList fails with IndexOutOfBoundsException on an empty list (it asks the empty list
            // for a position), so an empty script never reaches it.
            return List.of();
        }
        final List<Integer> emitting = new ArrayList<>();
        final String text = stripEmitChanges(sql, emitting);
        final SqlNodeList statements = SqlParser.create(text, CONFIG).parseStmtList();
        final List<SqlNode> out = new ArrayList<>(statements.getList());
        for (int i : emitting) {
            if (i >= out.size()) {
                continue;
            }
            final SqlNode stmt = out.get(i);
            if (!stmt.getKind().belongsTo(SqlKind.QUERY)) {
                throw new SqlParseException("EMIT CHANGES follows a query (SELECT ... EMIT CHANGES)",
                    stmt.getParserPosition(), null, null, null);
            }
            out.set(i, new SqlEmitChanges(stmt.getParserPosition(), stmt));
        }
        return List.copyOf(out);
    }

    /**
     * Blanks out (with spaces, so positions stay right) the words {@code EMIT CHANGES} where they end a
     * statement (or come just before its final {@code LIMIT n}) outside parentheses, and records which statements (0-based, empty ones not counted) had
     * them. Uses the generated lexer, so comments, quoted text and identifiers are never mistaken for
     * the clause. A lexical error leaves the text as it is, for the parser to report.
     */
    private static String stripEmitChanges(String sql, List<Integer> emitting) {
        final SluiceSqlParserImpl lexer = new SluiceSqlParserImpl(new StringReader(sql));
        lexer.switchTo(SqlAbstractParserImpl.LexicalState.BTID);
        lexer.setTabSize(1);
        final List<Token> statement = new ArrayList<>();
        final List<Token[]> found = new ArrayList<>();
        int index = 0;
        int depth = 0;
        try {
            while (true) {
                final Token t = lexer.getNextToken();
                if (t.kind == SluiceSqlParserImplConstants.EOF || t.kind == SluiceSqlParserImplConstants.SEMICOLON
                    && depth == 0) {
                    int n = statement.size();
                    // EMIT CHANGES LIMIT n (ksqlDB's order) is read as LIMIT n EMIT CHANGES
                    if (n >= 5 && statement.get(n - 2).kind == SluiceSqlParserImplConstants.LIMIT
                        && statement.get(n - 1).kind == SluiceSqlParserImplConstants.UNSIGNED_INTEGER_LITERAL) {
                        n -= 2;
                    }
                    if (n >= 3 && isWord(statement.get(n - 2), "EMIT") && isWord(statement.get(n - 1), "CHANGES")) {
                        found.add(new Token[] {statement.get(n - 2), statement.get(n - 1)});
                        emitting.add(index);
                    }
                    if (n > 0) {
                        index++;
                    }
                    statement.clear();
                    if (t.kind == SluiceSqlParserImplConstants.EOF) {
                        break;
                    }
                    continue;
                }
                if (t.kind == SluiceSqlParserImplConstants.LPAREN) {
                    depth++;
                } else if (t.kind == SluiceSqlParserImplConstants.RPAREN) {
                    depth = Math.max(0, depth - 1);
                }
                statement.add(t);
            }
        } catch (TokenMgrError e) {
            emitting.clear();
            return sql;
        }
        if (found.isEmpty()) {
            return sql;
        }
        final List<Integer> lineStarts = new ArrayList<>();
        lineStarts.add(0);
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        final StringBuilder b = new StringBuilder(sql);
        for (Token[] words : found) {
            final int from = lineStarts.get(words[0].beginLine - 1) + words[0].beginColumn - 1;
            final int to = lineStarts.get(words[1].endLine - 1) + words[1].endColumn;
            for (int i = from; i < to; i++) {
                if (b.charAt(i) != '\n' && b.charAt(i) != '\r') {
                    b.setCharAt(i, ' ');
                }
            }
        }
        return b.toString();
    }

    private static boolean isWord(Token t, String word) {
        return t.kind == SluiceSqlParserImplConstants.IDENTIFIER && t.image.equalsIgnoreCase(word);
    }

    /** True if the text is only white space and comments. A lexical error means "not empty": the parser reports it. */
    private static boolean hasNoTokens(String sql) {
        final SluiceSqlParserImpl lexer = new SluiceSqlParserImpl(new StringReader(sql));
        lexer.switchTo(SqlAbstractParserImpl.LexicalState.BTID);
        try {
            return lexer.getToken(1).kind == SluiceSqlParserImplConstants.EOF;
        } catch (TokenMgrError e) {
            return false;
        }
    }

    /**
     * Parses exactly one statement; a trailing {@code ;} is allowed.
     *
     * @throws SqlParseException on a syntax error, or if the text holds no statement or more than one
     */
    public static SqlNode parseStatement(String sql) throws SqlParseException {
        final List<SqlNode> statements = parseScript(sql);
        if (statements.size() == 1) {
            return statements.get(0);
        }
        if (statements.isEmpty()) {
            throw new SqlParseException("Expected a statement, found none", null, null, null, null);
        }
        final SqlNode second = statements.get(1);
        throw new SqlParseException("Expected one statement, found " + statements.size()
            + "; the second starts at " + second.getParserPosition(), second.getParserPosition(), null, null,
            null);
    }

    /**
     * Writes a node as SQL this parser reads back into an equal node (one line per clause). For statements of
     * {@link io.sluice.sql.parser.ddl} and for Calcite's queries and DML.
     */
    public static String toSql(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(DIALECT)
            .withAlwaysUseParentheses(false)
            .withSelectListItemsOnSeparateLines(false)
            .withUpdateSetListNewline(false)
            .withIndentation(0)).getSql();
    }
}
