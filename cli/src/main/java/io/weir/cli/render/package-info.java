/**
 * How the CLI shows answers: small tables ({@link io.weir.cli.render.TablePrinter}), rows that
 * arrive while a query runs ({@link io.weir.cli.render.RowPrinter}) and the one-line status of a
 * running query ({@link io.weir.cli.render.StatusLine}).
 *
 * <p>May import the JDK, JLine's terminal types and {@code io.weir.server.api}.
 */
package io.weir.cli.render;
