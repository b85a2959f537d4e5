/** Typed errors shared by every layer. JDK only. */
package io.weir.engine.errors;
