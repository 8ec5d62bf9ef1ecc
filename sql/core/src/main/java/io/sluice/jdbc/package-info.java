/**
 * The JDBC driver. Embedded, {@code jdbc:sluice:<data dir>} opens (or shares) a {@link io.sluice.Sluice}
 * in this JVM and speaks JDBC over it; remote, {@code jdbc:sluice:remote:http://host:port} is handed to
 * {@link io.sluice.jdbc.remote} (Avatica's client, to a {@code sluice server}). It receives SQL text from JDBC callers, hands each statement to
 * the engine through the public embedding API ({@link io.sluice.Sluice#execute}), and produces JDBC
 * objects over the engine's {@link io.sluice.Result}s: a push query becomes a forward-only, read-only
 * {@link java.sql.ResultSet} whose {@code next()} blocks until the next row arrives, DDL and INSERT
 * become update counts, and a {@link io.sluice.SluiceException} becomes an {@link java.sql.SQLException}
 * with the same SQLSTATE and a message that names the position. Every connection is in auto-commit mode;
 * catalog metadata ({@link java.sql.DatabaseMetaData#getTables}) is answered with SHOW and DESCRIBE
 * statements through the engine, never by reaching into its internals. Prepared statements bind their
 * {@code ?} values as literals into the parsed statement (see {@code SluicePreparedStatement}).
 */
package io.sluice.jdbc;
