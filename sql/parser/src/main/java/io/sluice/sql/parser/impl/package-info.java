/**
 * Generated code only: {@code SluiceSqlParserImpl} and its JavaCC support classes, produced at build time from
 * Calcite's {@code Parser.jj} template plus {@code src/main/codegen} (config.fmpp and includes/*.ftl). Do not
 * add hand-written classes here; use {@link io.sluice.sql.parser.SluiceParser} to parse.
 */
package io.sluice.sql.parser.impl;
