package io.sluice.sql.parser.ddl;

import java.util.Arrays;
import java.util.List;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The operator of each node in this package. Its {@link #createCall} rebuilds the node's own class from an
 * operand list laid out as that node's {@code getOperandList()}, so {@code clone} and Calcite's
 * {@code SqlShuttle} (which copy a call through its operator when a child changes) keep a
 * {@link SqlCreatePipeline} a SqlCreatePipeline instead of degrading it to a SqlBasicCall.
 */
final class SluiceOperator extends SqlSpecialOperator {
    /** Builds a node from its position and operands (in {@code getOperandList()} order; absent ones null). */
    interface Factory {
        SqlCall create(SqlParserPos pos, List<@Nullable SqlNode> operands);
    }

    private final Factory factory;

    SluiceOperator(String name, SqlKind kind, Factory factory) {
        super(name, kind);
        this.factory = factory;
    }

    @Override
    public SqlCall createCall(@Nullable SqlLiteral functionQualifier, SqlParserPos pos,
            @Nullable SqlNode... operands) {
        return factory.create(pos, Arrays.asList(operands));
    }

    static String string(@Nullable SqlNode literal) {
        return ((SqlLiteral) literal).getValueAs(String.class);
    }

    static @Nullable String nullableString(@Nullable SqlNode literal) {
        return literal == null ? null : string(literal);
    }

    static boolean bool(@Nullable SqlNode literal) {
        return ((SqlLiteral) literal).booleanValue();
    }

    static ObjectKind kind(@Nullable SqlNode literal) {
        return ((SqlLiteral) literal).getValueAs(ObjectKind.class);
    }

    static SqlIdentifier id(@Nullable SqlNode node) {
        return (SqlIdentifier) node;
    }

    static SqlNodeList list(@Nullable SqlNode node) {
        return (SqlNodeList) node;
    }
}
