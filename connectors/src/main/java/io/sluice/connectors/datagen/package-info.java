/**
 * The datagen source: rows made from a stream's columns (sequences and seeded random values), with a
 * count or a rate. Receives a schema and per-column options; produces rows.
 */
package io.sluice.connectors.datagen;
