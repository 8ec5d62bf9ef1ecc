package io.sluice.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.plan.PlanCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata log entries: one JSON object each, {@code {"type": ..., "v": version, ...}}. Types:
 * {@code stream.create}, {@code stream.drop}, {@code pipeline.create}, {@code pipeline.drop},
 * {@code checkpoint}. An entry of an unknown type or version stops the load with a message, so a
 * newer catalog is never half-read by an older Sluice.
 */
final class CatalogCodec {
    static final String STREAM_CREATE = "stream.create";
    static final String STREAM_DROP = "stream.drop";
    static final String PIPELINE_CREATE = "pipeline.create";
    static final String PIPELINE_DROP = "pipeline.drop";
    static final String CHECKPOINT = "checkpoint";
    /** The highest pipeline id ever given, so that a compacted catalog never reuses one. */
    static final String PIPELINE_IDS = "pipeline.ids";
    /** A stream filled by a source, with its dead-letter stream and its source id: one entry, so both or neither exist. */
    static final String SOURCE_STREAM_CREATE = "source.stream.create";
    static final String SOURCE_CHECKPOINT = "source.checkpoint";
    static final String SINK_CHECKPOINT = "sink.checkpoint";

    private CatalogCodec() {
    }

    static byte[] streamCreate(StreamDef s) {
        ObjectNode o = entry(STREAM_CREATE);
        o.put("name", s.name());
        o.set("schema", PlanCodec.write(s.schema()));
        o.put("partitions", s.partitions());
        if (s.keyColumn() != null) {
            o.put("key", s.keyColumn());
        }
        if (s.watermark() != null) {
            ObjectNode w = o.putObject("watermark");
            w.put("column", s.watermark().column());
            w.put("expression", s.watermark().expression());
        }
        ObjectNode opts = o.putObject("options");
        s.options().forEach(opts::put);
        // added with tables: absent for streams, so older entries read back as streams
        if (s.kind() != RelationKind.STREAM) {
            o.put("kind", s.kind().name());
            ArrayNode pk = o.putArray("primaryKey");
            s.primaryKey().forEach(pk::add);
        }
        return bytes(o);
    }

    static StreamDef readStream(JsonNode o) {
        WatermarkSpec w = o.has("watermark")
                ? new WatermarkSpec(o.get("watermark").get("column").asText(), o.get("watermark").get("expression").asText())
                : null;
        Map<String, String> options = new LinkedHashMap<>();
        o.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        RelationKind kind = o.has("kind") ? RelationKind.valueOf(o.get("kind").asText()) : RelationKind.STREAM;
        List<String> pk = new ArrayList<>();
        o.path("primaryKey").forEach(c -> pk.add(c.asText()));
        return new StreamDef(o.get("name").asText(), PlanCodec.readSchema(o.get("schema")), o.get("partitions").asInt(),
                o.has("key") ? o.get("key").asText() : null, w, options, kind, pk);
    }

    static byte[] drop(String type, String name) {
        ObjectNode o = entry(type);
        o.put("name", name);
        return bytes(o);
    }

    static byte[] pipelineCreate(PipelineDef p) {
        ObjectNode o = entry(PIPELINE_CREATE);
        o.put("name", p.name());
        o.put("id", p.id());
        o.put("sql", p.sql());
        o.set("plan", PlanCodec.write(p.plan()));
        ArrayNode sources = o.putArray("sources");
        p.sources().forEach(sources::add);
        o.put("target", p.target());
        ArrayNode start = o.putArray("startAfter");
        for (long s : p.startAfter()) {
            start.add(s);
        }
        ArrayNode out = o.putArray("outputStart");
        for (long s : p.outputStart()) {
            out.add(s);
        }
        if (!p.sourceStarts().isEmpty()) {
            ObjectNode starts = o.putObject("sourceStarts");
            p.sourceStarts().forEach((stream, offsets) -> {
                ArrayNode a = starts.putArray(stream);
                for (long s : offsets) {
                    a.add(s);
                }
            });
        }
        return bytes(o);
    }

    static PipelineDef readPipeline(JsonNode o) {
        List<String> sources = new ArrayList<>();
        o.get("sources").forEach(s -> sources.add(s.asText()));
        return new PipelineDef(o.get("name").asText(), o.get("id").asInt(), o.get("sql").asText(),
                PlanCodec.readPlan(o.get("plan")), sources, o.get("target").asText(), longs(o.get("startAfter")),
                longs(o.get("outputStart")), sourceStarts(o.get("sourceStarts")));
    }

    /** Absent in entries written before pipelines could read several streams. */
    private static Map<String, long[]> sourceStarts(JsonNode o) {
        Map<String, long[]> m = new java.util.LinkedHashMap<>();
        if (o != null) {
            o.fields().forEachRemaining(e -> m.put(e.getKey(), longs(e.getValue())));
        }
        return m;
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    static byte[] checkpoint(TaskCheckpoint c) {
        ObjectNode o = entry(CHECKPOINT);
        o.put("pipeline", c.pipeline());
        o.put("partition", c.partition());
        if (c.stage() != 0) {
            o.put("stage", c.stage());
        }
        if (c.hasState()) {
            o.put("stateFrom", c.stateFrom());
            o.put("stateTo", c.stateTo());
        }
        o.put("input", c.inputOffset());
        o.put("seq", c.outputSeq());
        o.put("rowsIn", c.rowsIn());
        o.put("rowsOut", c.rowsOut());
        ArrayNode out = o.putArray("outputs");
        for (long p : c.outputPositions()) {
            out.add(p);
        }
        return bytes(o);
    }

    static TaskCheckpoint readCheckpoint(JsonNode o) {
        JsonNode out = o.get("outputs");
        long[] positions = new long[out.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = out.get(i).asLong();
        }
        return new TaskCheckpoint(o.get("pipeline").asText(), o.path("stage").asInt(0), o.get("partition").asInt(),
                o.get("input").asLong(), o.get("seq").asLong(), o.get("rowsIn").asLong(), o.get("rowsOut").asLong(),
                positions, o.path("stateFrom").asLong(-1), o.path("stateTo").asLong(-1));
    }

    static byte[] pipelineIds(int last) {
        ObjectNode o = entry(PIPELINE_IDS);
        o.put("last", last);
        return bytes(o);
    }

    static JsonNode parse(byte[] entry) {
        try {
            JsonNode o = PlanCodec.json().readTree(entry);
            if (o.path("v").asInt() != 1) {
                throw new IllegalStateException("catalog entry " + o.path("type").asText() + " has version "
                        + o.path("v").asInt() + "; this version of Sluice reads version 1");
            }
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("catalog entry is not valid JSON", e);
        }
    }

    private static ObjectNode entry(String type) {
        ObjectNode o = PlanCodec.json().createObjectNode();
        o.put("type", type);
        o.put("v", 1);
        return o;
    }

    private static byte[] bytes(ObjectNode o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- connectors (streams filled by a source, and source and sink checkpoints)

    static byte[] sourceStreamCreate(StreamDef stream, StreamDef deadLetters, int id) {
        ObjectNode o = entry(SOURCE_STREAM_CREATE);
        o.put("id", id);
        o.set("stream", node(streamCreate(stream)));
        o.set("deadLetters", node(streamCreate(deadLetters)));
        return bytes(o);
    }

    private static JsonNode node(byte[] entry) {
        try {
            return PlanCodec.json().readTree(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sourceCheckpoint(SourceCheckpoint c) {
        ObjectNode o = entry(SOURCE_CHECKPOINT);
        o.put("stream", c.stream());
        o.put("partition", c.partition());
        if (c.position() != null) {
            o.put("position", java.util.Base64.getEncoder().encodeToString(c.position()));
        }
        o.put("seq", c.seq());
        longArray(o.putArray("outputs"), c.outputPositions());
        o.put("deadSeq", c.deadSeq());
        longArray(o.putArray("deadOutputs"), c.deadPositions());
        o.put("rows", c.rows());
        o.put("bad", c.badRecords());
        o.put("finished", c.finished());
        return bytes(o);
    }

    static SourceCheckpoint readSourceCheckpoint(JsonNode o) {
        byte[] position = o.hasNonNull("position") ? java.util.Base64.getDecoder().decode(o.get("position").asText()) : null;
        return new SourceCheckpoint(o.get("stream").asText(), o.get("partition").asInt(), position,
                o.get("seq").asLong(), longs(o.get("outputs")), o.get("deadSeq").asLong(), longs(o.get("deadOutputs")),
                o.get("rows").asLong(), o.get("bad").asLong(), o.get("finished").asBoolean());
    }

    static byte[] sinkCheckpoint(SinkCheckpoint c) {
        ObjectNode o = entry(SINK_CHECKPOINT);
        o.put("stream", c.stream());
        o.put("partition", c.partition());
        o.put("input", c.inputOffset());
        if (c.state() != null) {
            o.put("state", java.util.Base64.getEncoder().encodeToString(c.state()));
        }
        o.put("rows", c.rows());
        return bytes(o);
    }

    static SinkCheckpoint readSinkCheckpoint(JsonNode o) {
        byte[] state = o.hasNonNull("state") ? java.util.Base64.getDecoder().decode(o.get("state").asText()) : null;
        return new SinkCheckpoint(o.get("stream").asText(), o.get("partition").asInt(), o.get("input").asLong(), state,
                o.get("rows").asLong());
    }

    private static void longArray(ArrayNode a, long[] values) {
        for (long v : values) {
            a.add(v);
        }
    }
}
