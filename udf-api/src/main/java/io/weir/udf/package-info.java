/** The API a UDF author compiles against. JDK only. */
package io.weir.udf;
