/**
 * Filter and projection through expressions compiled to bytecode: the planner generates Java
 * with Calcite's code generator, this package compiles it with Janino. The generated code calls
 * Calcite's runtime helpers ({@code SqlFunctions}); nothing here imports Calcite's planner.
 */
package io.weir.engine.operators.calc;
