/**
 * The file connector: JSON-lines or CSV files read once or followed as they grow (positions are file
 * and byte offset), and written line by line by the sink (exactly-once by truncating to the
 * checkpointed length on restart). Receives a path and a format; produces rows or lines.
 */
package io.sluice.connectors.file;
