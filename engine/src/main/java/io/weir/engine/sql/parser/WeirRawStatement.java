package io.weir.engine.sql.parser;

import org.apache.calcite.sql.SqlNode;

/** A statement of a script as the generated parser returns it: the tree and its first and last token. */
record WeirRawStatement(SqlNode node, Token first, Token last) {}
