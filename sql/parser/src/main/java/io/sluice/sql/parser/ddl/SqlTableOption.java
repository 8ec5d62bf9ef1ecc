package io.sluice.sql.parser.ddl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One {@code 'key' = 'value'} entry of a {@code WITH (...)} clause. Both sides are character string literals in
 * the SQL; the parser has already concatenated continued literals, so key and value are plain strings. The parser
 * rejects a key that appears twice in one clause.
 */
public final class SqlTableOption extends SqlCall {
    private static final SqlOperator OPERATOR = new SluiceOperator("TABLE_OPTION", SqlKind.OTHER,
        (pos, ops) -> new SqlTableOption(pos, SluiceOperator.string(ops.get(0)), SluiceOperator.string(ops.get(1))));

    private final String key;
    private final String value;

    public SqlTableOption(SqlParserPos pos, String key, String value) {
        super(pos);
        this.key = key;
        this.value = value;
    }

    /** The option name exactly as written, e.g. {@code scan.startup.mode}. */
    public String getKey() {
        return key;
    }

    /** The option value exactly as written. */
    public String getValue() {
        return value;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createCharString(key, pos), SqlLiteral.createCharString(value, pos));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        SqlLiteral.createCharString(key, pos).unparse(writer, 0, 0);
        writer.keyword("=");
        SqlLiteral.createCharString(value, pos).unparse(writer, 0, 0);
    }

    /** The options of a WITH clause as an ordered, unmodifiable map (keys are unique, the parser checks). */
    static Map<String, String> toMap(SqlNodeList options) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (SqlNode node : options) {
            final SqlTableOption option = (SqlTableOption) node;
            map.put(option.key, option.value);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The options of a WITH clause as a typed list. */
    static List<SqlTableOption> toList(SqlNodeList options) {
        return options.stream().map(SqlTableOption.class::cast).toList();
    }

    /** Writes {@code WITH ('k' = 'v', ...)}, or nothing for an empty list. */
    static void unparseWith(SqlWriter writer, SqlNodeList options) {
        if (options.isEmpty()) {
            return;
        }
        writer.keyword("WITH");
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode option : options) {
            writer.sep(",");
            option.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
