/**
 * Streams, pipelines and pipeline checkpoints: kept in memory, made durable as JSON entries of the
 * metadata log, rebuilt by replaying it at start-up.
 */
package io.sluice.engine.catalog;
