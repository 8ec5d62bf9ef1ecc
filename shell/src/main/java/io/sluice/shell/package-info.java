/**
 * The {@code sluice} command line: an interactive SQL shell (JLine 3 line editing, history, statements
 * spanning lines until {@code ;}) and a script runner ({@code -e}, {@code -f}, or statements on stdin)
 * with exit codes scripts can trust. It receives SQL text from the user and produces printed results
 * (aligned tables, CSV or JSON lines), streaming a push query's rows as they arrive. It speaks only JDBC,
 * through the embedded driver at {@code jdbc:sluice:<data dir>}: nothing here reaches into the engine,
 * so the same shell can later talk to a remote server by changing the URL.
 */
package io.sluice.shell;
