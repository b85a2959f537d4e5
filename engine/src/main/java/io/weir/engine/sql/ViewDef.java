package io.weir.engine.sql;

import io.weir.engine.data.Schema;

/** A view: a named query, expanded wherever it is used. */
public record ViewDef(String name, String query, Schema schema, String ddl) {}
