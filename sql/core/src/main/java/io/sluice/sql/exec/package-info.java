/**
 * Executes SQL statements: parses, handles catalog statements, plans queries and INSERTs and starts
 * them on the engine; maps every failure to a positioned {@link io.sluice.SluiceException}.
 */
package io.sluice.sql.exec;
