package io.sluice.engine.catalog;

/**
 * {@code WATERMARK FOR column AS expression}: kept as declared; event-time processing (windows,
 * late rows) uses it.
 *
 * @param column     the event-time column
 * @param expression the watermark expression as SQL text, e.g. {@code ts - INTERVAL '5' SECOND}
 */
public record WatermarkSpec(String column, String expression) {
}
