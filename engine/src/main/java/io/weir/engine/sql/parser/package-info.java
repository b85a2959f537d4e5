/**
 * Weir's SQL parser. {@link io.weir.engine.sql.parser.WeirSqlParser} is the entry point (scripts,
 * single statements, expressions, printing back); {@code WeirSqlParserImpl} and its companions
 * (Token, ParseException, …) are generated at build time by FMPP and JavaCC from Calcite's
 * {@code Parser.jj} template plus {@code src/main/codegen} (see the PARSER-GENERATION block of
 * {@code engine/pom.xml}).
 *
 * <p>May import: {@code io.weir.engine.sql.ddl} (the nodes the grammar builds),
 * {@code io.weir.engine.errors}, Calcite and the JDK.
 */
package io.weir.engine.sql.parser;
