package io.sluice.sql.codegen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits the text of one generated class: indented statements for the method being generated,
 * fresh local names, and hoisted fields. Static constants are shared by initialiser text, so the
 * same decimal literal or LIKE pattern used twice becomes one field.
 */
final class SourceBuilder {
    private final StringBuilder methods = new StringBuilder();
    private final Map<String, String> constantsByInit = new LinkedHashMap<>();
    private final List<String> fieldDeclarations = new ArrayList<>();
    /** Innermost block first: which input columns each open block has read into locals. */
    private final Deque<Map<Integer, Value>> columnScopes = new ArrayDeque<>();
    private int indent = 1;
    private int nextId;

    /** A new identifier that no other generated name uses. */
    String fresh(String prefix) {
        return prefix + nextId++;
    }

    /** A fresh id for a pair of locals {@code n<id>} (null flag) and {@code v<id>} (value). */
    int freshId() {
        return nextId++;
    }

    void line(String statement) {
        for (int i = 0; i < indent; i++) {
            methods.append("    ");
        }
        methods.append(statement).append('\n');
    }

    /** Emits {@code header {} and indents until the matching {@link #close}. */
    void open(String header) {
        line(header.isEmpty() ? "{" : header + " {");
        indent++;
        columnScopes.push(new HashMap<>());
    }

    void close() {
        indent--;
        line("}");
        columnScopes.pop();
    }

    /** {@code } else {}: closes the current block and opens its else branch. */
    void orElse() {
        indent--;
        line("} else {");
        indent++;
        columnScopes.pop();
        columnScopes.push(new HashMap<>());
    }

    /**
     * The locals that already hold input column {@code index} in the current block or an enclosing
     * one, or null. Reading a column once per block, not once per reference, saves decoding the
     * same VARCHAR or DECIMAL twice; a read inside a branch stays in that branch, so a CASE still
     * reads only what its chosen branch needs.
     */
    Value columnInScope(int index) {
        for (Map<Integer, Value> scope : columnScopes) {
            Value v = scope.get(index);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Records that {@code value} holds input column {@code index} from here to the end of the block. */
    void columnRead(int index, Value value) {
        columnScopes.peek().put(index, value);
    }

    void blank() {
        methods.append('\n');
    }

    /** A {@code private static final} field initialised once per class; the same initialiser gives the same field. */
    String constant(String javaType, String initializer) {
        String key = javaType + " = " + initializer;
        String name = constantsByInit.get(key);
        if (name == null) {
            name = "C" + constantsByInit.size();
            constantsByInit.put(key, name);
            fieldDeclarations.add("private static final " + javaType + " " + name + " = " + initializer + ";");
        }
        return name;
    }

    /** A {@code private final} field of each instance, for per-task mutable helpers (a Matcher, a cache). */
    String instanceField(String javaType, String initializer) {
        String name = fresh("f");
        fieldDeclarations.add("private final " + javaType + " " + name + " = " + initializer + ";");
        return name;
    }

    List<String> fieldDeclarations() {
        return fieldDeclarations;
    }

    String methods() {
        return methods.toString();
    }

    /**
     * A Java string literal for {@code s}. Control characters become octal escapes rather than
     * unicode escapes: a compiler decodes {@code \}{@code u000a} before it lexes, which would put a
     * real line break inside the literal.
     */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                String oct = Integer.toOctalString(c);
                sb.append('\\').append("000", 0, 3 - oct.length()).append(oct);
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
