package io.sluice.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.plan.expr.Call;
import io.sluice.engine.plan.expr.Expr;
import io.sluice.engine.plan.expr.InputRef;
import io.sluice.engine.plan.expr.Literal;
import io.sluice.storage.row.Column;
import io.sluice.storage.row.DataType;
import io.sluice.storage.row.RowSchema;
import io.sluice.storage.row.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored form of plans, schemas and expressions: JSON, because it is read by people debugging a
 * catalog as often as by Sluice. Every node is written as {@code {"node": name, "v": version, ...}};
 * types as {@code {"kind": code, "p": precision, "s": scale, "null": nullable}} with the explicit
 * {@link TypeKind#code()}. Reading a node whose version this build does not know fails with a message
 * naming it, instead of guessing.
 */
public final class PlanCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanCodec() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    // ---- plans

    /**
     * Writes a plan. A node instance the plan holds under two parents (a shared subtree, computed once)
     * is written in full once, with an {@code "id"}, and as {@code {"node": "ref", "v": 1, "id": n}}
     * at every later place, in the order of a depth-first walk. A Sluice older than shared plans does
     * not know the {@code ref} node and refuses the plan instead of running it unshared.
     */
    public static ObjectNode write(PlanNode node) {
        Set<PlanNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<PlanNode> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        findShared(node, seen, shared);
        return writeNode(node, new Writing(shared, new IdentityHashMap<>()));
    }

    /** The name of a reference to a node written earlier in the same plan. */
    public static final String REF = "ref";
    private static final int REF_VERSION = 1;

    private record Writing(Set<PlanNode> shared, Map<PlanNode, Integer> ids) {
    }

    private static void findShared(PlanNode node, Set<PlanNode> seen, Set<PlanNode> shared) {
        if (!seen.add(node)) {
            shared.add(node);
            return;
        }
        node.inputs().forEach(i -> findShared(i, seen, shared));
    }

    private static ObjectNode writeNode(PlanNode node, Writing ctx) {
        ObjectNode o = JSON.createObjectNode();
        Integer id = ctx.ids().get(node);
        if (id != null) {
            o.put("node", REF);
            o.put("v", REF_VERSION);
            o.put("id", id);
            return o;
        }
        o.put("node", node.name());
        o.put("v", node.version());
        if (ctx.shared().contains(node)) {
            id = ctx.ids().size();
            ctx.ids().put(node, id);
            o.put("id", id);
        }
        if (node instanceof ScanNode s) {
            o.put("stream", s.stream());
            o.set("schema", write(s.schema()));
            o.put("start", s.startMode().option());
            if (s.watermark() != null) {
                o.set("watermark", write(s.watermark()));
            }
            o.put("idleTimeoutMs", s.idleTimeoutMs());
        } else if (node instanceof CalcNode c) {
            o.set("input", writeNode(c.input(), ctx));
            if (c.condition() != null) {
                o.set("condition", write(c.condition()));
            }
            ArrayNode projects = o.putArray("projects");
            c.projects().forEach(p -> projects.add(write(p)));
            o.set("schema", write(c.schema()));
        } else if (node instanceof ValuesNode v) {
            o.set("schema", write(v.schema()));
            ArrayNode rows = o.putArray("rows");
            for (List<Object> row : v.rows()) {
                ArrayNode r = rows.addArray();
                for (Object value : row) {
                    r.add(writeValue(value));
                }
            }
        } else if (node instanceof StreamSinkNode k) {
            o.set("input", writeNode(k.input(), ctx));
            o.put("stream", k.stream());
            o.put("partitions", k.partitions());
            o.put("key", k.keyIndex());
        } else if (node instanceof WindowNode w) {
            o.set("input", writeNode(w.input(), ctx));
            o.put("kind", w.kind().name());
            o.put("time", w.timeIndex());
            o.put("size", w.sizeMs());
            o.put("step", w.stepMs());
            o.put("offset", w.offsetMs());
            o.put("dropLate", w.dropLate());
            if (w.lateStream() != null) {
                o.put("lateStream", w.lateStream());
            }
            o.set("schema", write(w.schema()));
        } else if (node instanceof AggregateNode a) {
            o.set("input", writeNode(a.input(), ctx));
            o.set("keys", ints(a.groupKeys()));
            o.set("calls", writeCalls(a.calls()));
            o.put("windowEnd", a.windowEnd());
            if (a.retracting()) {
                o.put("retracting", true);
            }
            o.set("schema", write(a.schema()));
        } else if (node instanceof ExchangeNode x) {
            o.set("input", writeNode(x.input(), ctx));
            o.set("keys", ints(x.keys()));
            o.put("partitions", x.partitions());
        } else if (node instanceof JoinNode j) {
            writeJoin(o, j, ctx);
        } else if (node instanceof RankNode r) {
            writeRank(o, r, ctx);
        } else if (node instanceof OverNode v) {
            writeOver(o, v, ctx);
        } else if (node instanceof SessionAggregateNode s) {
            o.set("input", writeNode(s.input(), ctx));
            o.set("keys", ints(s.groupKeys()));
            o.set("calls", writeCalls(s.calls()));
            o.put("windowStart", s.windowStart());
            o.put("windowEnd", s.windowEnd());
            o.set("schema", write(s.schema()));
        }
        return o;
    }

    private static void writeRank(ObjectNode o, RankNode r, Writing ctx) {
        o.set("input", writeNode(r.input(), ctx));
        o.set("partitionKeys", ints(r.partitionKeys()));
        ArrayNode order = o.putArray("order");
        for (int i = 0; i < r.orderKeys().length; i++) {
            ObjectNode k = order.addObject();
            k.put("col", r.orderKeys()[i]);
            k.put("desc", r.descending()[i]);
            k.put("nullsLast", r.nullsLast()[i]);
        }
        o.put("limit", r.limit());
        o.put("rankColumn", r.rankColumn());
        o.put("mode", r.mode().code());
        o.put("windowEnd", r.windowEnd());
        o.put("stateTtlMs", r.stateTtlMs());
        o.set("schema", write(r.schema()));
    }

    private static RankNode readRank(JsonNode o, Map<Integer, PlanNode> refs) {
        JsonNode order = o.get("order");
        int[] cols = new int[order.size()];
        boolean[] desc = new boolean[cols.length];
        boolean[] nullsLast = new boolean[cols.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = order.get(i).get("col").asInt();
            desc[i] = order.get(i).get("desc").asBoolean();
            nullsLast[i] = order.get(i).get("nullsLast").asBoolean();
        }
        return new RankNode(readPlan(o.get("input"), refs), readInts(o.get("partitionKeys")), cols, desc, nullsLast,
                o.get("limit").asLong(), o.get("rankColumn").asBoolean(), RankNode.Mode.fromCode(o.get("mode").asText()),
                o.get("windowEnd").asInt(), o.path("stateTtlMs").asLong(0), readSchema(o.get("schema")));
    }

    private static void writeOver(ObjectNode o, OverNode v, Writing ctx) {
        o.set("input", writeNode(v.input(), ctx));
        o.set("partitionKeys", ints(v.partitionKeys()));
        ArrayNode order = o.putArray("order");
        for (int i = 0; i < v.orderKeys().length; i++) {
            ObjectNode k = order.addObject();
            k.put("col", v.orderKeys()[i]);
            k.put("desc", v.descending()[i]);
            k.put("nullsLast", v.nullsLast()[i]);
        }
        o.set("calls", writeCalls(v.calls()));
        o.put("preceding", v.preceding());
        o.put("range", v.range());
        o.put("mode", v.mode().code());
        o.set("schema", write(v.schema()));
    }

    private static OverNode readOver(JsonNode o, Map<Integer, PlanNode> refs) {
        JsonNode order = o.get("order");
        int[] cols = new int[order.size()];
        boolean[] desc = new boolean[cols.length];
        boolean[] nullsLast = new boolean[cols.length];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = order.get(i).get("col").asInt();
            desc[i] = order.get(i).get("desc").asBoolean();
            nullsLast[i] = order.get(i).get("nullsLast").asBoolean();
        }
        return new OverNode(readPlan(o.get("input"), refs), readInts(o.get("partitionKeys")), cols, desc, nullsLast,
                readCalls(o.get("calls")), o.get("preceding").asLong(), o.get("range").asBoolean(),
                OverNode.Mode.fromCode(o.get("mode").asText()), readSchema(o.get("schema")));
    }

    private static ArrayNode writeCalls(List<AggCall> list) {
        ArrayNode calls = JSON.createArrayNode();
        for (AggCall c : list) {
            ObjectNode call = calls.addObject();
            call.put("fn", c.function());
            call.set("args", ints(c.args()));
            call.put("distinct", c.distinct());
            call.put("filter", c.filterArg());
            call.set("type", write(c.type()));
        }
        return calls;
    }

    private static List<AggCall> readCalls(JsonNode array) {
        List<AggCall> calls = new ArrayList<>();
        for (JsonNode c : array) {
            calls.add(new AggCall(c.get("fn").asText(), readInts(c.get("args")), c.get("distinct").asBoolean(),
                    c.get("filter").asInt(), readType(c.get("type"))));
        }
        return calls;
    }

    public static PlanNode readPlan(JsonNode o) {
        return readPlan(o, new HashMap<>());
    }

    /** @param refs the nodes read so far that carry an id, for the {@code ref} nodes after them */
    private static PlanNode readPlan(JsonNode o, Map<Integer, PlanNode> refs) {
        String name = o.path("node").asText();
        int v = o.path("v").asInt();
        if (REF.equals(name)) {
            requireVersion(name, v, REF_VERSION);
            PlanNode node = refs.get(o.path("id").asInt(-1));
            if (node == null) {
                throw new IllegalStateException("stored plan refers to node " + o.path("id")
                        + ", which is not written before the reference");
            }
            return node;
        }
        PlanNode node = readNode(o, name, v, refs);
        if (o.has("id")) {
            refs.put(o.get("id").asInt(), node);
        }
        return node;
    }

    private static PlanNode readNode(JsonNode o, String name, int v, Map<Integer, PlanNode> refs) {
        return switch (name) {
            case ScanNode.NAME -> {
                requireVersion(name, v, 2);
                StartMode mode = StartMode.fromOption(o.path("start").asText("earliest-offset"));
                Expr watermark = o.has("watermark") ? readExpr(o.get("watermark")) : null;
                yield new ScanNode(o.get("stream").asText(), readSchema(o.get("schema")), mode, watermark,
                        o.path("idleTimeoutMs").asLong(0));
            }
            case CalcNode.NAME -> {
                requireVersion(name, v, 1);
                List<Expr> projects = new ArrayList<>();
                o.get("projects").forEach(p -> projects.add(readExpr(p)));
                Expr condition = o.has("condition") ? readExpr(o.get("condition")) : null;
                yield new CalcNode(readPlan(o.get("input"), refs), condition, projects, readSchema(o.get("schema")));
            }
            case ValuesNode.NAME -> {
                requireVersion(name, v, 1);
                RowSchema schema = readSchema(o.get("schema"));
                List<List<Object>> rows = new ArrayList<>();
                for (JsonNode r : o.get("rows")) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 0; i < schema.size(); i++) {
                        row.add(readValue(r.get(i), schema.type(i)));
                    }
                    rows.add(row);
                }
                yield new ValuesNode(schema, rows);
            }
            case StreamSinkNode.NAME -> {
                requireVersion(name, v, 1);
                yield new StreamSinkNode(readPlan(o.get("input"), refs), o.get("stream").asText(),
                        o.get("partitions").asInt(), o.get("key").asInt());
            }
            case WindowNode.NAME -> {
                requireVersion(name, v, 1);
                yield new WindowNode(readPlan(o.get("input"), refs), WindowNode.Kind.valueOf(o.get("kind").asText()),
                        o.get("time").asInt(), o.get("size").asLong(), o.get("step").asLong(), o.get("offset").asLong(),
                        o.path("dropLate").asBoolean(false), o.has("lateStream") ? o.get("lateStream").asText() : null,
                        readSchema(o.get("schema")));
            }
            case AggregateNode.NAME -> {
                requireVersion(name, v, 1);
                yield new AggregateNode(readPlan(o.get("input"), refs), readInts(o.get("keys")), readCalls(o.get("calls")),
                        o.get("windowEnd").asInt(), readSchema(o.get("schema")), o.path("retracting").asBoolean(false));
            }
            case ExchangeNode.NAME -> {
                requireVersion(name, v, 1);
                yield new ExchangeNode(readPlan(o.get("input"), refs), readInts(o.get("keys")), o.get("partitions").asInt());
            }
            case JoinNode.NAME -> {
                requireVersion(name, v, 3);
                yield readJoin(o, refs);
            }
            case RankNode.NAME -> {
                requireVersion(name, v, 1);
                yield readRank(o, refs);
            }
            case OverNode.NAME -> {
                requireVersion(name, v, 1);
                yield readOver(o, refs);
            }
            case SessionAggregateNode.NAME -> {
                requireVersion(name, v, 1);
                yield new SessionAggregateNode(readPlan(o.get("input"), refs), readInts(o.get("keys")),
                        readCalls(o.get("calls")), o.get("windowStart").asInt(), o.get("windowEnd").asInt(),
                        readSchema(o.get("schema")));
            }
            default -> throw new IllegalStateException("stored plan has a node '" + name
                    + "' that this version of Sluice does not know");
        };
    }

    private static void writeJoin(ObjectNode o, JoinNode j, Writing ctx) {
        o.set("left", writeNode(j.left(), ctx));
        o.set("right", writeNode(j.right(), ctx));
        o.put("type", j.type().name());
        o.set("leftKeys", ints(j.leftKeys()));
        o.set("rightKeys", ints(j.rightKeys()));
        if (j.condition() != null) {
            o.set("condition", write(j.condition()));
        }
        if (j.bound() != null) {
            ObjectNode b = o.putObject("bound");
            b.put("leftTime", j.bound().leftTime());
            b.put("rightTime", j.bound().rightTime());
            b.put("lower", j.bound().lowerMs());
            b.put("upper", j.bound().upperMs());
            writeUntil(b, "leftUntil", j.bound().leftUntil());
            writeUntil(b, "rightUntil", j.bound().rightUntil());
        }
        if (j.windowed()) {
            o.put("leftWindowEnd", j.leftWindowEnd());
            o.put("rightWindowEnd", j.rightWindowEnd());
        }
        o.put("stateTtlMs", j.stateTtlMs());
        if (j.temporal()) {
            ObjectNode t = o.putObject("asOf");
            t.put("leftTime", j.asOf().leftTime());
            t.put("rightTime", j.asOf().rightTime());
        }
        o.set("schema", write(j.schema()));
    }

    private static JoinNode readJoin(JsonNode o, Map<Integer, PlanNode> refs) {
        JoinNode.TimeBound bound = null;
        if (o.has("bound")) {
            JsonNode b = o.get("bound");
            bound = new JoinNode.TimeBound(b.get("leftTime").asInt(), b.get("rightTime").asInt(),
                    b.get("lower").asLong(), b.get("upper").asLong(), readUntil(b.get("leftUntil")),
                    readUntil(b.get("rightUntil")));
        }
        return new JoinNode(readPlan(o.get("left"), refs), readPlan(o.get("right"), refs),
                JoinNode.Type.valueOf(o.get("type").asText()), readInts(o.get("leftKeys")), readInts(o.get("rightKeys")),
                o.has("condition") ? readExpr(o.get("condition")) : null, bound, o.path("leftWindowEnd").asInt(-1),
                o.path("rightWindowEnd").asInt(-1), o.path("stateTtlMs").asLong(0), readSchema(o.get("schema")),
                o.has("asOf") ? new JoinNode.Temporal(o.get("asOf").get("leftTime").asInt(),
                        o.get("asOf").get("rightTime").asInt()) : null);
    }

    private static void writeUntil(ObjectNode bound, String field, JoinNode.Until until) {
        if (until != null) {
            ObjectNode u = bound.putObject(field);
            u.put("column", until.column());
            u.put("ms", until.ms());
        }
    }

    private static JoinNode.Until readUntil(JsonNode u) {
        return u == null ? null : new JoinNode.Until(u.get("column").asInt(), u.get("ms").asLong());
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    private static int[] readInts(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static void requireVersion(String node, int found, int max) {
        if (found < 1 || found > max) {
            throw new IllegalStateException("stored plan node '" + node + "' has version " + found
                    + "; this version of Sluice reads versions 1.." + max);
        }
    }

    // ---- schemas and types

    public static ArrayNode write(RowSchema schema) {
        ArrayNode a = JSON.createArrayNode();
        for (Column c : schema.columns()) {
            ObjectNode col = a.addObject();
            col.put("name", c.name());
            col.set("type", write(c.type()));
        }
        return a;
    }

    public static RowSchema readSchema(JsonNode a) {
        List<Column> cols = new ArrayList<>();
        for (JsonNode c : a) {
            cols.add(new Column(c.get("name").asText(), readType(c.get("type"))));
        }
        return new RowSchema(cols);
    }

    public static ObjectNode write(DataType t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", t.kind().code());
        o.put("p", t.precision());
        o.put("s", t.scale());
        o.put("null", t.nullable());
        return o;
    }

    public static DataType readType(JsonNode o) {
        return new DataType(TypeKind.fromCode(o.get("kind").asInt()), o.get("p").asInt(), o.get("s").asInt(),
                o.get("null").asBoolean());
    }

    // ---- expressions

    public static ObjectNode write(Expr e) {
        ObjectNode o = JSON.createObjectNode();
        if (e instanceof InputRef r) {
            o.put("ref", r.index());
        } else if (e instanceof Literal l) {
            o.set("lit", writeValue(l.value()));
        } else if (e instanceof Call c) {
            o.put("op", c.op());
            ArrayNode args = o.putArray("args");
            c.operands().forEach(a -> args.add(write(a)));
        }
        o.set("type", write(e.type()));
        return o;
    }

    public static Expr readExpr(JsonNode o) {
        DataType type = readType(o.get("type"));
        if (o.has("ref")) {
            return new InputRef(o.get("ref").asInt(), type);
        }
        if (o.has("lit")) {
            return new Literal(readValue(o.get("lit"), type), type);
        }
        List<Expr> args = new ArrayList<>();
        o.get("args").forEach(a -> args.add(readExpr(a)));
        return new Call(o.get("op").asText(), args, type);
    }

    // ---- values in internal representation

    private static JsonNode writeValue(Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        var f = JSON.getNodeFactory();
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (v instanceof Integer i) {
            return f.numberNode(i);
        } else if (v instanceof Long l) {
            return f.numberNode(l);
        } else if (v instanceof Double d) {
            return f.textNode(Double.toString(d)); // text keeps NaN and the infinities
        } else if (v instanceof BigDecimal d) {
            return f.textNode(d.toPlainString());
        } else if (v instanceof String s) {
            return f.textNode(s);
        }
        throw new IllegalArgumentException("cannot store a value of " + v.getClass());
    }

    private static Object readValue(JsonNode n, DataType type) {
        if (n == null || n.isNull()) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> n.asBoolean();
            case INT, INTERVAL_YEAR_MONTH -> n.asInt();
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> n.asLong();
            case DOUBLE -> Double.parseDouble(n.asText());
            case DECIMAL -> new BigDecimal(n.asText());
            case VARCHAR -> n.asText();
            case NULL -> null;
        };
    }
}
