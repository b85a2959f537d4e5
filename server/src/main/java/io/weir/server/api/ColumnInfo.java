package io.weir.server.api;

/** A column: its name and, where known, its SQL type as Flink SQL writes it. */
public record ColumnInfo(String name, String type) {}
