/**
 * The SQL script harness: reads {@code .test} files of statements with their expected outcome
 * (success, rows written, an error with its SQLSTATE and position, or the exact rows a query
 * returns), runs them through the public embedding API ({@link io.sluice.Sluice}) on a fresh data
 * directory, and reports the first difference with its file and line. It receives nothing but the
 * files under {@code src/test/resources/sql} and produces one JUnit dynamic test per file.
 */
package io.sluice.sqltest;
