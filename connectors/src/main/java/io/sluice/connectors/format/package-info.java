/**
 * Record formats (json, csv): decoders that parse an external record straight into a row writer, and
 * encoders that write a row as text, both without a tree or object per record. Receives bytes or
 * rows; produces rows or bytes. Found through ServiceLoader as FormatFactory implementations.
 */
package io.sluice.connectors.format;
