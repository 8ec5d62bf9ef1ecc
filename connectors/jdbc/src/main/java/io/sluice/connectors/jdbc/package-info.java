/**
 * The {@code jdbc} sink: writes a stream's rows into a database table through JDBC. Receives a sink
 * stream's rows (and, for changelogs, their row kinds); produces rows in an existing table.
 *
 * <p>Two modes. <b>Upsert</b> ({@code 'key.columns'} given): {@code +I} and {@code +U} rows are
 * upserted by the key (the dialect's {@code INSERT ... ON CONFLICT DO UPDATE}, {@code MERGE}...),
 * {@code -D} rows delete by the key, {@code -U} rows are skipped (the {@code +U} that follows
 * overwrites); replaying rows after a crash applies the same changes again, so the table ends equal to
 * the changelog's final state: exactly-once in effect. <b>Append</b> (no key): every row is a plain
 * {@code INSERT}; rows after the last checkpoint are inserted again after a crash: at-least-once.
 * Each partition has one connection; rows are sent in JDBC batches and committed in one transaction
 * per Sluice checkpoint. The database's JDBC driver must be on the class path.
 */
package io.sluice.connectors.jdbc;
