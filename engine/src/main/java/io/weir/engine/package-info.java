/**
 * The engine's facade: {@link io.weir.engine.Engine} runs SQL scripts and owns the catalog and
 * the queries; {@link io.weir.engine.Query} and {@link io.weir.engine.StatementResult} are what it
 * answers. The server and the CLI use nothing else of the engine but these, the errors, the
 * metrics and the result buffers.
 */
package io.weir.engine;
