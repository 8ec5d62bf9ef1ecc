/**
 * The {@code sluice} command line: an interactive SQL shell and a script runner ({@code -e}, {@code -f},
 * or statements on stdin) with exit codes scripts can trust. It receives SQL text from the user and
 * produces printed results (tables fitted to the terminal, CSV or JSON lines), streaming a push query's
 * rows as they arrive. The interactive shell adds JLine line editing with a persistent, searchable
 * history, Tab completion of keywords and catalog names ({@link io.sluice.shell.SqlCompleter}), syntax
 * colours, a live status line under a running query ({@link io.sluice.shell.LiveStatus}), a caret under
 * the position of an error, and its own commands ({@code help}, {@code \timing}, {@code \x}), which are
 * never sent to the server. It speaks only JDBC, through the embedded driver at
 * {@code jdbc:sluice:<data dir>}: nothing here reaches into the engine, so the same shell can talk to a
 * remote server by changing the URL; even the names it completes come from {@code DatabaseMetaData}.
 */
package io.sluice.shell;
