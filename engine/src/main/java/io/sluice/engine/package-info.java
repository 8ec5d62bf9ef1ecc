/**
 * The engine's entry point: {@link io.sluice.engine.StreamEngine} receives Sluice plans from the
 * SQL layer and runs them as pipelines, push queries and inserts over the storage layer's logs.
 */
package io.sluice.engine;
